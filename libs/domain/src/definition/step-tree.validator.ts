import { checkActionConfig, isActionType } from '../actions/action-catalog';
import { ACTION_TYPES, MAX_BRANCH_DEPTH, MAX_DELAY_MINUTES } from '../constants/workflow.constants';
import { validateCondition } from '../conditions/condition.validator';
import { childPath, indexPath } from '../shared/field-path.util';
import { PATTERN_DESCRIPTIONS, STEP_ID_PATTERN, STEP_ID_REGEX } from '../shared/patterns';
import { describeJsonType, isPlainObject, type PlainObject } from '../shared/plain-object.util';
import type { ActionStep, BranchStep, Condition, Step } from '../types/workflow-definition.types';
import type { FieldError } from '../types/validation.types';

const ACTION_STEP_KEYS = ['id', 'type', 'config', 'delayMinutes', 'requiresApproval', 'continueOnFailure', 'condition'];
const BRANCH_STEP_KEYS = ['id', 'type', 'condition', 'then', 'else'];

/** State shared by the whole tree walk. */
export interface StepTreeState {
  errors: FieldError[];
  /** Given ids and where they were first used. */
  idPaths: Map<string, string>;
  /** Steps that came without an id (their `id` is ''), in document order. */
  stepsWithoutId: Step[];
}

function rejectUnknownKeys(
  input: PlainObject,
  allowed: string[],
  path: string,
  kind: string,
  errors: FieldError[],
): void {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) {
      errors.push({
        path: childPath(path, key),
        message: `unknown property '${key}' on ${kind} (allowed: ${allowed.join(', ')})`,
      });
    }
  }
}

/** Returns the id, '' when absent; records duplicates and bad formats. */
function checkStepId(input: PlainObject, path: string, state: StepTreeState): string {
  if (input.id === undefined) return '';
  const idPath = childPath(path, 'id');
  if (typeof input.id !== 'string' || !STEP_ID_REGEX.test(input.id)) {
    state.errors.push({ path: idPath, message: `step id ${PATTERN_DESCRIPTIONS[STEP_ID_PATTERN]}` });
    return '';
  }
  const firstPath = state.idPaths.get(input.id);
  if (firstPath !== undefined) {
    state.errors.push({ path: idPath, message: `duplicate step id '${input.id}' (already used at ${firstPath})` });
  } else {
    state.idPaths.set(input.id, idPath);
  }
  return input.id;
}

function checkOptionalBoolean(
  input: PlainObject,
  key: string,
  path: string,
  errors: FieldError[],
): boolean | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean')
    errors.push({ path: childPath(path, key), message: `must be a boolean, got ${describeJsonType(value)}` });
  return value === true;
}

function validateActionStep(input: PlainObject, id: string, path: string, state: StepTreeState): ActionStep {
  const { errors } = state;
  rejectUnknownKeys(input, ACTION_STEP_KEYS, path, 'an action step', errors);
  const type = input.type as ActionStep['type'];
  const configPath = childPath(path, 'config');
  let config: PlainObject = {};
  if (input.config === undefined) {
    errors.push({ path: configPath, message: 'is required' });
  } else {
    const checked = checkActionConfig(type, input.config, configPath);
    errors.push(...checked.errors);
    config = checked.value;
  }
  const step = { id, type, config } as ActionStep;
  const { delayMinutes } = input;
  if (delayMinutes !== undefined) {
    if (
      !Number.isInteger(delayMinutes) ||
      (delayMinutes as number) < 0 ||
      (delayMinutes as number) > MAX_DELAY_MINUTES
    ) {
      errors.push({
        path: childPath(path, 'delayMinutes'),
        message: `must be an integer from 0 to ${MAX_DELAY_MINUTES}`,
      });
    }
    step.delayMinutes = delayMinutes as number;
  }
  const requiresApproval = checkOptionalBoolean(input, 'requiresApproval', path, errors);
  if (requiresApproval !== undefined) step.requiresApproval = requiresApproval;
  const continueOnFailure = checkOptionalBoolean(input, 'continueOnFailure', path, errors);
  if (continueOnFailure !== undefined) step.continueOnFailure = continueOnFailure;
  if (input.condition !== undefined) {
    const condition = validateCondition(input.condition, childPath(path, 'condition'), errors);
    if (condition) step.condition = condition;
  }
  return step;
}

function validateBranchStep(
  input: PlainObject,
  id: string,
  path: string,
  depth: number,
  state: StepTreeState,
): BranchStep {
  const { errors } = state;
  rejectUnknownKeys(input, BRANCH_STEP_KEYS, path, 'a branch', errors);
  if (depth === MAX_BRANCH_DEPTH + 1) {
    errors.push({
      path,
      message: `branches may nest at most ${MAX_BRANCH_DEPTH} deep; this branch is at depth ${depth}`,
    });
  }
  const conditionPath = childPath(path, 'condition');
  let condition: Condition | undefined;
  if (input.condition === undefined) errors.push({ path: conditionPath, message: 'is required' });
  else condition = validateCondition(input.condition, conditionPath, errors);
  const step: BranchStep = {
    id,
    type: 'branch',
    // a missing or invalid condition has been reported: the placeholder is never returned
    condition: condition ?? { all: [] },
    then: validateStepList(input.then, childPath(path, 'then'), depth, state, { required: true }),
  };
  if (input.else !== undefined)
    step.else = validateStepList(input.else, childPath(path, 'else'), depth, state, { required: false });
  return step;
}

function validateStep(input: unknown, path: string, depth: number, state: StepTreeState): Step | undefined {
  if (!isPlainObject(input)) {
    state.errors.push({ path, message: `must be a step object, got ${describeJsonType(input)}` });
    return undefined;
  }
  const id = checkStepId(input, path, state);
  const typePath = childPath(path, 'type');
  let step: Step | undefined;
  if (input.type === undefined) {
    state.errors.push({ path: typePath, message: 'is required' });
  } else if (input.type === 'branch') {
    step = validateBranchStep(input, id, path, depth + 1, state);
  } else if (isActionType(input.type)) {
    step = validateActionStep(input, id, path, state);
  } else {
    state.errors.push({
      path: typePath,
      message: `unknown step type ${JSON.stringify(input.type)} (expected 'branch' or one of: ${ACTION_TYPES.join(', ')})`,
    });
  }
  if (step && id === '') state.stepsWithoutId.push(step);
  return step;
}

/**
 * Validates a list of steps at `path` (`steps`, `steps[1].then`…) whose steps sit inside
 * `depth` branches. `required` lists must hold at least one step.
 */
export function validateStepList(
  input: unknown,
  path: string,
  depth: number,
  state: StepTreeState,
  options: { required: boolean },
): Step[] {
  if (input === undefined && options.required) {
    state.errors.push({ path, message: 'is required (at least 1 step)' });
    return [];
  }
  if (!Array.isArray(input)) {
    state.errors.push({ path, message: `must be an array of steps, got ${describeJsonType(input)}` });
    return [];
  }
  if (input.length === 0 && options.required) state.errors.push({ path, message: 'must contain at least 1 step' });
  return input.flatMap((item, index) => validateStep(item, indexPath(path, index), depth, state) ?? []);
}
