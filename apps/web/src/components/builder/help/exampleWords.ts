import { TRIGGER_TYPES } from '@automations/domain/constants';
import { actionPhrase } from '../../../lib/automationWords';
import { CLIENT_ASSIGNEE, CLIENT_ASSIGNEE_LABEL } from '../../schema-form/pickers/UserPicker';
import { asSchema, pickerOf, propertiesOf, titleOf, type JsonSchema } from '../../schema-form/jsonSchema';
import { describeTriggers } from '../describeTriggers';
import { templateVariableGroups } from '../templateVariables';

type Config = Record<string, unknown>;

/** An example in words: one sentence, then the values it sets, field by field. */
export interface ExampleInWords {
  summary: string;
  details: { label: string; value: string }[];
}

const VARIABLE_LABELS = new Map(
  templateVariableGroups(TRIGGER_TYPES.map((type) => ({ key: type, type, config: {} })))
    .flatMap((group) => group.variables)
    .map((variable) => [variable.path, variable.label]),
);

function variableLabel(path: string): string {
  if (VARIABLE_LABELS.has(path)) return VARIABLE_LABELS.get(path)!;
  if (path.startsWith('metrics.')) return `Latest ${path.slice('metrics.'.length)}`;
  return path;
}

/** "Kickoff call with {{client.name}}" → "Kickoff call with [Client name]". */
export function textInWords(text: string): string {
  return text.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, path: string) => `[${variableLabel(path)}]`);
}

const quoted = (values: unknown[]) => values.map((value) => `“${String(value)}”`).join(' or ');

function clientFilterWords(filter: Config): string | null {
  const stages = Array.isArray(filter.stages) ? filter.stages : [];
  const health = Array.isArray(filter.health) ? filter.health : [];
  if (stages.length === 0 && health.length === 0) return null;
  const parts = [
    stages.length > 0 ? `in ${quoted(stages)}` : null,
    health.length > 0 ? `with health ${quoted(health)}` : null,
  ];
  return `Only clients ${parts.filter(Boolean).join(' ')}.`;
}

/** A trigger example as the wizard would say it once filled in: "Runs for a client when a client moves into “onboarding”." */
export function triggerExampleInWords(type: string, example: Config): ExampleInWords {
  const summary = describeTriggers([{ key: 'example', type: type as never, config: example }]);
  const filter =
    typeof example.clientFilter === 'object' && example.clientFilter !== null
      ? clientFilterWords(example.clientFilter as Config)
      : null;
  return { summary: filter ? `${summary} ${filter}` : summary, details: [] };
}

const PICKED_BY_YOU: Record<string, string> = {
  user: 'a person you pick',
  'slack-recipient': 'Slack channels or people you pick',
  'email-recipient': 'people or addresses you pick',
};

function valueInWords(value: unknown, picker: string | null): string {
  if (picker && PICKED_BY_YOU[picker]) return value === CLIENT_ASSIGNEE ? CLIENT_ASSIGNEE_LABEL : PICKED_BY_YOU[picker];
  if (Array.isArray(value)) return value.map((item) => valueInWords(item, null)).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return textInWords(value);
  return String(value);
}

function detailsOf(schema: JsonSchema, example: Config): ExampleInWords['details'] {
  return propertiesOf(schema)
    .filter(([name]) => example[name] !== undefined)
    .flatMap(([name, property]) => {
      const value = example[name];
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        return detailsOf(asSchema(property), value as Config);
      return [{ label: titleOf(property, name), value: valueInWords(value, pickerOf(schema, name, example)) }];
    });
}

/** An action example: "Create a task", then Title: Kickoff call with [Client name], Priority: high… */
export function actionExampleInWords(type: string, configSchema: JsonSchema, example: Config): ExampleInWords {
  const phrase = actionPhrase(type, example);
  return { summary: phrase.charAt(0).toUpperCase() + phrase.slice(1), details: detailsOf(configSchema, example) };
}
