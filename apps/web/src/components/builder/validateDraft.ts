import {
  checkTemplate,
  describeConditionFieldProblem,
  describeCronValidity,
  isValidTimeZone,
  MAX_BRANCH_DEPTH,
  MAX_DELAY_MINUTES,
  MAX_TRIGGERS,
  MAX_WORKFLOW_DESCRIPTION_LENGTH,
  MAX_WORKFLOW_NAME_LENGTH,
} from '@automations/domain';
import type { TypeDescriptor } from '../../api/types';
import { joinPath, type JsonSchema } from '../schema-form/jsonSchema';
import { validateValue, type FieldErrors } from '../schema-form/validateSchema';
import { isNumericField, takesNoValue } from './conditionValues';
import { SCHEDULED, type Draft, type DraftCondition, type DraftStep, type DraftTrigger } from './draft';
import type { WizardStepId } from './wizardSteps';

export interface Catalogs {
  triggers: TypeDescriptor[];
  actions: TypeDescriptor[];
}

/** The scheduled trigger's fields the schedule builder edits instead of the generic form. */
export const SCHEDULE_FIELDS = ['cron', 'timezone'] as const;

export const DELAY_SCHEMA: JsonSchema = {
  type: 'integer',
  title: 'Wait before this step (minutes)',
  description: `0 to ${MAX_DELAY_MINUTES} minutes (24 hours).`,
  minimum: 0,
  maximum: MAX_DELAY_MINUTES,
};

function schemaOf(catalog: TypeDescriptor[], type: string): JsonSchema | undefined {
  return catalog.find((descriptor) => descriptor.type === type)?.configSchema;
}

function prefixed(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [path ? `${prefix}.${path}` : prefix, message]),
  );
}

function validateBasics(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Give the automation a name';
  else if (name.length > MAX_WORKFLOW_NAME_LENGTH) errors.name = `At most ${MAX_WORKFLOW_NAME_LENGTH} characters`;
  if (draft.description.trim().length > MAX_WORKFLOW_DESCRIPTION_LENGTH)
    errors.description = `At most ${MAX_WORKFLOW_DESCRIPTION_LENGTH} characters`;
  return errors;
}

function validateTriggerConfig(trigger: DraftTrigger, path: string, catalog: TypeDescriptor[]): FieldErrors {
  const schema = schemaOf(catalog, trigger.type);
  if (!schema) return {};
  const errors = prefixed(validateValue(schema, trigger.config), `${path}.config`);
  if (trigger.type === SCHEDULED) {
    for (const field of SCHEDULE_FIELDS) delete errors[`${path}.config.${field}`];
  }
  return errors;
}

function validateTriggers(draft: Draft, catalogs: Catalogs): FieldErrors {
  const errors: FieldErrors = {};
  if (draft.triggers.length === 0) errors.triggers = 'Add a trigger: it decides when the automation runs';
  else if (draft.triggers.length > MAX_TRIGGERS) errors.triggers = `At most ${MAX_TRIGGERS} triggers`;
  else if (draft.triggers.filter((trigger) => trigger.type === SCHEDULED).length > 1)
    errors.triggers = 'Only one trigger can be a schedule';
  draft.triggers.forEach((trigger, index) => {
    const path = joinPath('triggers', index);
    if (trigger.type === '') errors[`${path}.type`] = 'Choose a trigger type';
    else Object.assign(errors, validateTriggerConfig(trigger, path, catalogs.triggers));
  });
  return errors;
}

function validateCondition(condition: DraftCondition, path: string): FieldErrors {
  const errors: FieldErrors = {};
  const base = `${path}.${condition.mode}`;
  if (condition.rules.length === 0) errors[path] = 'Add at least one rule';
  condition.rules.forEach((rule, index) => {
    const rulePath = joinPath(base, index);
    const field = rule.field.trim();
    const fieldProblem = field === '' ? 'Choose a field' : describeConditionFieldProblem(field);
    if (fieldProblem) errors[`${rulePath}.field`] = fieldProblem;
    if (takesNoValue(rule.operator)) return;
    const value = rule.value.trim();
    const numeric =
      rule.operator === 'greater_than' ||
      rule.operator === 'less_than' ||
      (isNumericField(field) && rule.operator !== 'in');
    if (value === '')
      errors[`${rulePath}.value`] =
        rule.operator === 'in' ? 'Enter one or more values, separated by commas' : 'Enter a value';
    else if (numeric && !Number.isFinite(Number(value))) errors[`${rulePath}.value`] = 'Must be a number';
  });
  return errors;
}

/** Template problems (unknown variables, malformed `{{ }}`) in the string values of a config. */
function validateTemplates(config: Record<string, unknown>, path: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(config)) {
    const texts =
      typeof value === 'string'
        ? [value]
        : Array.isArray(value)
          ? value.filter((item) => typeof item === 'string')
          : [];
    const problem = texts.flatMap((text) => checkTemplate(text))[0];
    if (problem) errors[`${path}.${key}`] = problem;
  }
  return errors;
}

function validateSteps(steps: DraftStep[], path: string, depth: number, catalogs: Catalogs): FieldErrors {
  const errors: FieldErrors = {};
  steps.forEach((step, index) => {
    const stepPath = joinPath(path, index);
    if (step.kind === 'branch') {
      if (depth >= MAX_BRANCH_DEPTH) errors[stepPath] = `Branches can be nested at most ${MAX_BRANCH_DEPTH} deep`;
      Object.assign(errors, validateCondition(step.condition, `${stepPath}.condition`));
      if (step.then.length === 0) errors[`${stepPath}.then`] = 'Add at least one step to THEN';
      Object.assign(errors, validateSteps(step.then, `${stepPath}.then`, depth + 1, catalogs));
      if (step.else) Object.assign(errors, validateSteps(step.else, `${stepPath}.else`, depth + 1, catalogs));
      return;
    }
    if (step.type === '') {
      errors[`${stepPath}.type`] = 'Choose an action';
      return;
    }
    const schema = schemaOf(catalogs.actions, step.type);
    if (schema)
      Object.assign(
        errors,
        validateTemplates(step.config, `${stepPath}.config`),
        prefixed(validateValue(schema, step.config), `${stepPath}.config`),
      );
    if (step.delayMinutes !== undefined && step.delayMinutes !== '') {
      Object.assign(errors, prefixed(validateValue(DELAY_SCHEMA, step.delayMinutes), `${stepPath}.delayMinutes`));
    }
    if (step.condition) Object.assign(errors, validateCondition(step.condition, `${stepPath}.condition`));
  });
  return errors;
}

function validateActions(draft: Draft, catalogs: Catalogs): FieldErrors {
  const errors = validateSteps(draft.steps, 'steps', 0, catalogs);
  if (draft.steps.length === 0) errors.steps = 'Add at least one action: it is what the automation does';
  return errors;
}

function validateSchedule(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  draft.triggers.forEach((trigger, index) => {
    if (trigger.type !== SCHEDULED) return;
    const path = `${joinPath('triggers', index)}.config`;
    const cron = typeof trigger.config.cron === 'string' ? trigger.config.cron : '';
    const timezone = typeof trigger.config.timezone === 'string' ? trigger.config.timezone : '';
    const cronProblem = describeCronValidity(cron);
    if (cronProblem) errors[`${path}.cron`] = cron.trim() === '' ? 'Choose a schedule' : cronProblem;
    if (!isValidTimeZone(timezone))
      errors[`${path}.timezone`] = timezone === '' ? 'Choose a time zone' : `Unknown time zone '${timezone}'`;
  });
  return errors;
}

/** The problems of one wizard step (empty when it is fine), keyed by API path. */
export function validateWizardStep(step: WizardStepId, draft: Draft, catalogs: Catalogs): FieldErrors {
  switch (step) {
    case 'basics':
      return validateBasics(draft);
    case 'triggers':
      return { ...validateTriggers(draft, catalogs), ...validateSchedule(draft) };
    case 'actions':
      return validateActions(draft, catalogs);
    case 'review':
      return {};
  }
}
