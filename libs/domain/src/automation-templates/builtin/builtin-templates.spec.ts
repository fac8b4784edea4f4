import { ACTION_TYPES, DEFAULT_PIPELINE_STAGES, TRIGGER_TYPES } from '../../constants/workflow.constants';
import { collectStageReferences } from '../../definition/referenced-stages';
import { isActionStep } from '../../definition/step-guards';
import { listActionSteps, walkSteps } from '../../definition/step-walker';
import { PICKER_KEYWORD } from '../../json-schema/picker-fields';
import { findTriggerCycles } from '../../loops/trigger-cycles';
import type { WorkflowDefinition } from '../../types/workflow-definition.types';
import { instantiateTemplate } from '../template-instantiation';
import { validateTemplateContent } from '../template-content.validator';
import { TEMPLATE_CATEGORIES, type BuiltinTemplate, type TemplatePlaceholder } from '../template.types';
import { BUILTIN_TEMPLATES, getBuiltinTemplate } from './index';

/** Pickers of the agency's own people and channels: never a default. */
const AGENCY_PICKERS = ['slack-recipient', 'email-recipient', 'user'];
const SAMPLE_USER_ID = '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90';

/** A value an agency would give: the placeholder's default, or a fitting sample for its picker. */
function sampleValue(placeholder: TemplatePlaceholder): unknown {
  if (placeholder.default !== undefined) return placeholder.default;
  switch (placeholder.schema[PICKER_KEYWORD]) {
    case 'slack-recipient':
      return ['C0TEAM01'];
    case 'email-recipient':
      return ['team@agency.example', SAMPLE_USER_ID];
    case 'user':
      return SAMPLE_USER_ID;
    default:
      throw new Error(`no sample for placeholder '${placeholder.key}': give it a default or a picker`);
  }
}

const sampleValues = (template: BuiltinTemplate) =>
  Object.fromEntries(template.placeholders.map((placeholder) => [placeholder.key, sampleValue(placeholder)]));

function instantiated(template: BuiltinTemplate): WorkflowDefinition {
  const result = instantiateTemplate(template, { values: sampleValues(template) });
  if (!result.ok) throw new Error(`${template.id} does not instantiate: ${JSON.stringify(result.errors)}`);
  return result.definition;
}

/** "trigger type" for triggers; "action type" for actions, with send_notification split by channel. */
const actionKinds = (definition: WorkflowDefinition) =>
  listActionSteps(definition.steps).map((step) =>
    step.type === 'send_notification' ? `send_notification:${step.config.channel}` : step.type,
  );

const table = BUILTIN_TEMPLATES.map((template) => [template.id, template] as const);

describe('built-in templates', () => {
  it('ship at least 12 plays (PRODUCT §8.1), with unique ids of the form builtin-<slug>, found by id', () => {
    expect(BUILTIN_TEMPLATES.length).toBeGreaterThanOrEqual(12);
    const ids = BUILTIN_TEMPLATES.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^builtin-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(getBuiltinTemplate(id)?.id).toBe(id);
    }
    expect(getBuiltinTemplate('builtin-nope')).toBeUndefined();
    expect(new Set(BUILTIN_TEMPLATES.map((template) => template.name)).size).toBe(ids.length);
  });

  it('cover every category, every trigger type and every action type (notifications on Slack and by email)', () => {
    const definitions = BUILTIN_TEMPLATES.map(instantiated);
    expect(new Set(BUILTIN_TEMPLATES.map((template) => template.category))).toEqual(new Set(TEMPLATE_CATEGORIES));
    expect(new Set(definitions.flatMap((definition) => definition.triggers.map((trigger) => trigger.type)))).toEqual(
      new Set(TRIGGER_TYPES),
    );
    const expectedActions = ACTION_TYPES.flatMap((type) =>
      type === 'send_notification' ? ['send_notification:slack', 'send_notification:email'] : [type],
    );
    expect(new Set(definitions.flatMap(actionKinds))).toEqual(new Set(expectedActions));
  });

  it('include AND-combined triggers, branches, step approvals and a scheduled client filter given as a placeholder', () => {
    const definitions = BUILTIN_TEMPLATES.map((template) => template.definition as unknown as WorkflowDefinition);
    const pairs = definitions
      .filter((definition) => definition.triggers.length === 2)
      .map((definition) => definition.triggers.map((trigger) => trigger.type).join('+'));
    expect(pairs).toEqual(
      expect.arrayContaining(['kpi_threshold+stage_change', 'inactivity+stage_change', 'new_message+stage_change']),
    );
    const stepTypes = definitions.flatMap((definition) => {
      const types: string[] = [];
      walkSteps(
        definition.steps,
        (step) =>
          void types.push(
            step.type === 'branch'
              ? step.else
                ? 'branch with else'
                : 'branch'
              : step.requiresApproval
                ? 'approval'
                : step.type,
          ),
      );
      return types;
    });
    expect(stepTypes).toEqual(expect.arrayContaining(['branch', 'branch with else', 'approval']));
    const filters = BUILTIN_TEMPLATES.flatMap((template) =>
      (template.definition.triggers as { type: string; config: { clientFilter?: { stages?: unknown } } }[]).filter(
        (trigger) => trigger.type === 'scheduled',
      ),
    );
    expect(filters.map((trigger) => trigger.config.clientFilter?.stages)).toContainEqual({
      $placeholder: 'reportingStages',
    });
  });

  it('offer the broadly useful plays first (the empty dashboard shows three)', () => {
    expect(BUILTIN_TEMPLATES.slice(0, 3).map((template) => template.category)).toEqual([
      'onboarding',
      'performance',
      'retention',
    ]);
  });

  it('as a whole form no trigger cycle: an agency can install every one of them', () => {
    const workflows = BUILTIN_TEMPLATES.map((template) => ({ id: template.id, ...instantiated(template) }));
    expect(findTriggerCycles(workflows)).toEqual([]);
  });

  describe.each(table)('%s', (_id, template) => {
    it('passes the template content validation as is', () => {
      const { name, description, category, definition, placeholders } = template;
      const result = validateTemplateContent({ name, description, category, definition, placeholders });
      expect(result).toMatchObject({ ok: true });
    });

    it('is named and described in plain words, its workflow named like it', () => {
      expect(template.name.length).toBeLessThanOrEqual(60);
      expect(template.description.length).toBeGreaterThan(80);
      expect(template.description).not.toMatch(/[{}$]|_/);
      expect(template.definition.name).toBe(template.name);
      for (const placeholder of template.placeholders) {
        expect(placeholder.label).not.toMatch(/[{}$_]/);
        expect(placeholder.description.length).toBeGreaterThan(20);
      }
    });

    it('instantiates with a value for each placeholder into a valid workflow naming only default pipeline stages', () => {
      const definition = instantiated(template);
      expect(definition.name).toBe(template.name);
      expect(JSON.stringify(definition)).not.toContain('$placeholder');
      for (const reference of collectStageReferences(definition))
        expect(DEFAULT_PIPELINE_STAGES).toContain(reference.stage);
      expect(instantiateTemplate(template, { values: sampleValues(template), name: 'Our own name' })).toMatchObject({
        ok: true,
        definition: { name: 'Our own name' },
      });
    });

    it('refuses a missing value without a default, naming values.<key>', () => {
      const required = template.placeholders.filter((placeholder) => placeholder.default === undefined);
      for (const placeholder of required) {
        const { [placeholder.key]: _missing, ...values } = sampleValues(template);
        const result = instantiateTemplate(template, { values });
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(result.errors).toContainEqual({
            path: `values.${placeholder.key}`,
            message: expect.stringContaining('is required'),
          });
      }
    });

    it('has no default that looks agency-specific (a Slack id, an email address, a user id)', () => {
      // Real Slack ids run to 9 characters or more; the product's pattern alone would take "UTC" for one.
      const slackId = /^[CGDUW][A-Z0-9]{6,}$/;
      const strings = template.placeholders.flatMap((placeholder) =>
        [placeholder.default].flat().filter((value): value is string => typeof value === 'string'),
      );
      for (const value of strings) {
        expect(value).not.toMatch(slackId);
        expect(value).not.toMatch(/@/);
        expect(value).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/i);
      }
      const agencyPicked = template.placeholders.filter((placeholder) =>
        AGENCY_PICKERS.includes(String(placeholder.schema[PICKER_KEYWORD])),
      );
      for (const placeholder of agencyPicked)
        expect({ key: placeholder.key, default: placeholder.default }).toEqual({
          key: placeholder.key,
          default: undefined,
        });
    });

    it('keeps every agency-specific value of its actions behind a placeholder', () => {
      walkSteps(template.definition.steps as unknown as WorkflowDefinition['steps'], (step) => {
        if (!isActionStep(step)) return;
        const config = step.config as Record<string, unknown>;
        if (step.type === 'send_notification') expect(config.recipients).toEqual({ $placeholder: expect.any(String) });
        if (step.type === 'create_task' && config.assignee !== undefined && config.assignee !== 'client_assignee')
          expect(config.assignee).toEqual({ $placeholder: expect.any(String) });
        if (step.type === 'update_client' && config.assigneeId !== undefined)
          expect(config.assigneeId).toEqual({ $placeholder: expect.any(String) });
      });
    });
  });
});
