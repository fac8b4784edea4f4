import { isObject, type JsonObject } from '../../lib/readJson';
import type {
  ActionType,
  ConditionDefinition,
  ConditionOperator,
  TriggerType,
  WorkflowDefinition,
  WorkflowDetail,
} from '../../api/types';
import { ruleText, ruleValue } from './conditionValues';
import { newKey, type Draft, type DraftCondition, type DraftRule, type DraftStep, type DraftTrigger } from './draft';

// ---- API → draft (editing a saved automation) ----

function conditionFromApi(value: unknown): DraftCondition | null {
  if (!isObject(value)) return null;
  const mode = Array.isArray(value.any) ? 'any' : 'all';
  const rules = (value[mode] as unknown[] | undefined) ?? [];
  return {
    mode,
    rules: rules.filter(isObject).map((rule): DraftRule => ({
      key: newKey('rule'),
      field: typeof rule.field === 'string' ? rule.field : '',
      operator: (rule.operator as ConditionOperator | undefined) ?? 'equals',
      ...ruleText(rule.value),
    })),
  };
}

function stepsFromApi(value: unknown): DraftStep[] {
  return (Array.isArray(value) ? value : []).filter(isObject).map(stepFromApi);
}

function stepFromApi(step: JsonObject): DraftStep {
  const id = typeof step.id === 'string' ? step.id : undefined;
  if (step.type === 'branch') {
    return {
      key: newKey('step'),
      kind: 'branch',
      id,
      condition: conditionFromApi(step.condition) ?? { mode: 'all', rules: [] },
      then: stepsFromApi(step.then),
      else: Array.isArray(step.else) ? stepsFromApi(step.else) : null,
    };
  }
  return {
    key: newKey('step'),
    kind: 'action',
    id,
    type: (step.type as ActionType | undefined) ?? '',
    config: isObject(step.config) ? { ...step.config } : {},
    delayMinutes: typeof step.delayMinutes === 'number' && step.delayMinutes > 0 ? step.delayMinutes : undefined,
    requiresApproval: step.requiresApproval === true,
    continueOnFailure: step.continueOnFailure === true,
    condition: conditionFromApi(step.condition),
  };
}

function triggerFromApi(trigger: JsonObject): DraftTrigger {
  return {
    key: newKey('trigger'),
    type: (trigger.type as TriggerType | undefined) ?? '',
    config: isObject(trigger.config) ? { ...trigger.config } : {},
  };
}

export function draftFromWorkflow(workflow: WorkflowDetail): Draft {
  return {
    name: workflow.name,
    description: workflow.description ?? '',
    requiresApproval: workflow.requiresApproval,
    isActive: workflow.isActive,
    triggers: workflow.triggers.filter(isObject).map(triggerFromApi),
    steps: stepsFromApi(workflow.steps),
  };
}

// ---- draft → API ----

function conditionToApi(condition: DraftCondition): ConditionDefinition {
  const rules = condition.rules.map((rule) => {
    const value = ruleValue(rule);
    return { field: rule.field.trim(), operator: rule.operator, ...(value === undefined ? {} : { value }) };
  });
  return condition.mode === 'any' ? { any: rules } : { all: rules };
}

/** Built recursively; the generated type spells out only three levels, so it is asserted once at the top. */
function stepToApi(step: DraftStep): JsonObject {
  const id = step.id ? { id: step.id } : {};
  if (step.kind === 'branch') {
    return {
      ...id,
      type: 'branch',
      condition: conditionToApi(step.condition),
      then: step.then.map(stepToApi),
      ...(step.else && step.else.length > 0 ? { else: step.else.map(stepToApi) } : {}),
    };
  }
  const delay = step.delayMinutes;
  return {
    ...id,
    type: step.type,
    config: step.config,
    ...(delay !== undefined && delay !== '' && delay !== 0 ? { delayMinutes: delay } : {}),
    ...(step.requiresApproval ? { requiresApproval: true } : {}),
    ...(step.continueOnFailure ? { continueOnFailure: true } : {}),
    ...(step.condition ? { condition: conditionToApi(step.condition) } : {}),
  };
}

export function definitionFromDraft(draft: Draft): WorkflowDefinition {
  const description = draft.description.trim();
  return {
    name: draft.name.trim(),
    description: description === '' ? null : description,
    isActive: draft.isActive,
    requiresApproval: draft.requiresApproval,
    triggers: draft.triggers.map((trigger) => ({ type: trigger.type as TriggerType, config: trigger.config })),
    steps: draft.steps.map(stepToApi) as WorkflowDefinition['steps'],
  };
}
