import {
  asSchema,
  pickerOf,
  propertiesOf,
  suggestedOptions,
  titleOf,
  type JsonSchema,
  type PickerKind,
} from '../../schema-form/jsonSchema';

type Config = Record<string, unknown>;

/** A field the example could not fill for this agency, and why, in words. */
export interface FieldToChoose {
  label: string;
  reason: string;
}

export interface ExampleFill {
  config: Config;
  toChoose: FieldToChoose[];
}

/** Pickers whose values name someone or something of one agency: a catalog example can never know them. */
const AGENCY_OWN: ReadonlySet<PickerKind> = new Set(['user', 'slack-recipient', 'email-recipient']);

const AGENCY_OWN_REASON: Record<string, string> = {
  user: 'an example cannot know the people of your agency',
  'slack-recipient': 'an example cannot know your Slack channels and people',
  'email-recipient': 'an example cannot know your people and addresses',
};

const isConfig = (value: unknown): value is Config =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTemplate = (value: unknown) => typeof value === 'string' && value.includes('{{');

/** Values every agency shares even in a person field (create_task's "the client's assignee"). */
function sharedOptions(property: JsonSchema): Set<string> {
  return new Set(
    [...suggestedOptions(property), ...suggestedOptions(asSchema(property.items))].map((option) => option.value),
  );
}

function fillObject(
  schema: JsonSchema,
  example: Config,
  stages: readonly string[] | null,
  toChoose: FieldToChoose[],
): Config {
  const properties = new Map(propertiesOf(schema));
  const config: Config = {};
  for (const [name, value] of Object.entries(example)) {
    const property = properties.get(name) ?? {};
    const label = titleOf(property, name);
    const kind = pickerOf(schema, name, example);
    if (kind && AGENCY_OWN.has(kind)) {
      const shared = sharedOptions(property);
      const kept = (Array.isArray(value) ? value : [value]).filter((item) => shared.has(String(item)));
      if (kept.length > 0) config[name] = Array.isArray(value) ? kept : kept[0];
      if (kept.length < (Array.isArray(value) ? value.length : 1))
        toChoose.push({ label, reason: AGENCY_OWN_REASON[kind] });
      continue;
    }
    if (kind === 'stage' && stages) {
      const unknown = (Array.isArray(value) ? value : [value]).filter(
        (stage) => !isTemplate(stage) && !stages.includes(String(stage)),
      );
      if (unknown.length > 0) {
        const kept = Array.isArray(value) ? value.filter((stage) => !unknown.includes(stage)) : [];
        if (kept.length > 0) config[name] = kept;
        const names = unknown.map((stage) => `“${String(stage)}”`).join(', ');
        toChoose.push({
          label,
          reason: `${names} ${unknown.length === 1 ? 'is not one of your stages' : 'are not among your stages'}`,
        });
        continue;
      }
    }
    if (!isConfig(value)) {
      config[name] = value;
      continue;
    }
    const nested = fillObject(asSchema(property), value, stages, toChoose);
    if (Object.keys(nested).length > 0) config[name] = nested;
  }
  return config;
}

/**
 * The config a type's example gives this agency's form: every value as in the example, except the ones
 * that name the agency's own people, Slack channels or addresses (an example's are made up, so they are
 * left for the user to pick) and stages the agency's pipeline does not have. `stages` null: not known
 * (yet), stages are kept.
 */
export function fillFromExample(
  configSchema: JsonSchema,
  example: Config,
  stages: readonly string[] | null,
): ExampleFill {
  const toChoose: FieldToChoose[] = [];
  const config = fillObject(configSchema, example, stages, toChoose);
  return { config, toChoose };
}
