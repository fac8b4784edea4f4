import {
  MAX_ACTIONS_BEFORE_WARNING,
  MAX_WORKFLOW_DESCRIPTION_LENGTH,
  MAX_WORKFLOW_NAME_LENGTH,
} from '../constants/workflow.constants';
import { describeJsonType, isPlainObject, type PlainObject } from '../shared/plain-object.util';
import type { WorkflowDefinition } from '../types/workflow-definition.types';
import type { DefinitionWarning, FieldError } from '../types/validation.types';
import { assignMissingStepIds } from './step-id.allocator';
import { validateStepList, type StepTreeState } from './step-tree.validator';
import { countActionSteps } from './step-walker';
import { validateTriggerList } from './trigger-list.validator';

export type WorkflowDefinitionValidationResult =
  { ok: true; value: WorkflowDefinition; warnings: DefinitionWarning[] } | { ok: false; errors: FieldError[] };

const TOP_LEVEL_KEYS = ['name', 'description', 'isActive', 'requiresApproval', 'triggers', 'steps'];

function validateName(input: unknown, errors: FieldError[]): string {
  if (input === undefined) {
    errors.push({ path: 'name', message: 'is required' });
    return '';
  }
  if (typeof input !== 'string') {
    errors.push({ path: 'name', message: `must be a string, got ${describeJsonType(input)}` });
    return '';
  }
  const name = input.trim();
  if (name === '') errors.push({ path: 'name', message: 'must not be empty' });
  if (name.length > MAX_WORKFLOW_NAME_LENGTH)
    errors.push({ path: 'name', message: `must be at most ${MAX_WORKFLOW_NAME_LENGTH} characters` });
  return name;
}

function validateDescription(input: unknown, errors: FieldError[]): void {
  if (input === undefined || input === null) return;
  if (typeof input !== 'string') {
    errors.push({ path: 'description', message: `must be a string or null, got ${describeJsonType(input)}` });
  } else if (input.length > MAX_WORKFLOW_DESCRIPTION_LENGTH) {
    errors.push({ path: 'description', message: `must be at most ${MAX_WORKFLOW_DESCRIPTION_LENGTH} characters` });
  }
}

function validateOptionalBoolean(body: PlainObject, key: string, errors: FieldError[]): void {
  if (body[key] !== undefined && typeof body[key] !== 'boolean') {
    errors.push({ path: key, message: `must be a boolean, got ${describeJsonType(body[key])}` });
  }
}

function collectWarnings(definition: WorkflowDefinition): DefinitionWarning[] {
  const actionCount = countActionSteps(definition.steps);
  if (actionCount <= MAX_ACTIONS_BEFORE_WARNING) return [];
  return [
    {
      code: 'too_many_actions',
      path: 'steps',
      message: `the workflow has ${actionCount} action steps (more than ${MAX_ACTIONS_BEFORE_WARNING}); consider splitting it`,
    },
  ];
}

/**
 * Validates a workflow definition body (PRODUCT.md §2–§4) and collects every error with its
 * field path. On success returns a clean copy: name trimmed, missing step ids filled,
 * schema defaults applied, `requiresApproval` defaulted to false (`isActive` left as given).
 */
export function validateWorkflowDefinition(input: unknown): WorkflowDefinitionValidationResult {
  if (!isPlainObject(input))
    return {
      ok: false,
      errors: [{ path: '', message: `the body must be a JSON object, got ${describeJsonType(input)}` }],
    };
  const errors: FieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_KEYS.includes(key))
      errors.push({ path: key, message: `unknown property '${key}' (allowed: ${TOP_LEVEL_KEYS.join(', ')})` });
  }
  const name = validateName(input.name, errors);
  validateDescription(input.description, errors);
  validateOptionalBoolean(input, 'isActive', errors);
  validateOptionalBoolean(input, 'requiresApproval', errors);
  const triggers = validateTriggerList(input.triggers, errors);
  const state: StepTreeState = { errors, idPaths: new Map(), stepsWithoutId: [] };
  const steps = validateStepList(input.steps, 'steps', 0, state, { required: true });
  if (errors.length > 0) return { ok: false, errors };

  assignMissingStepIds(state.stepsWithoutId, state.idPaths.keys());
  const value: WorkflowDefinition = {
    name,
    ...(input.description !== undefined ? { description: input.description as string | null } : {}),
    ...(input.isActive !== undefined ? { isActive: input.isActive as boolean } : {}),
    requiresApproval: (input.requiresApproval as boolean | undefined) ?? false,
    triggers,
    steps,
  };
  return { ok: true, value, warnings: collectWarnings(value) };
}
