import { CONDITION_OPERATORS, MAX_CONDITION_RULES } from '../constants/workflow.constants';
import { childPath, indexPath } from '../shared/field-path.util';
import { describeJsonType, isPlainObject } from '../shared/plain-object.util';
import type {
  Condition,
  ConditionOperator,
  ConditionRule,
  ConditionScalar,
  ConditionValue,
} from '../types/workflow-definition.types';
import type { FieldError } from '../types/validation.types';
import { describeConditionFieldProblem, describeFieldValueProblem } from './condition-fields';

const RULE_KEYS = ['field', 'operator', 'value'];
const MAX_IN_VALUES = 100;
const MAX_VALUE_LENGTH = 1000;

function isScalar(value: unknown): value is ConditionScalar {
  return (
    (typeof value === 'string' && value.length <= MAX_VALUE_LENGTH) ||
    typeof value === 'boolean' ||
    Number.isFinite(value)
  );
}

function checkValue(
  operator: ConditionOperator,
  value: unknown,
  hasValue: boolean,
  path: string,
  errors: FieldError[],
): void {
  if (operator === 'exists' || operator === 'not_exists') {
    if (hasValue) errors.push({ path, message: `must not be set for operator '${operator}'` });
    return;
  }
  if (!hasValue) {
    errors.push({ path, message: `is required for operator '${operator}'` });
    return;
  }
  switch (operator) {
    case 'in':
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN_VALUES) {
        errors.push({
          path,
          message: `must be a non-empty array of at most ${MAX_IN_VALUES} values for operator 'in'`,
        });
        return;
      }
      value.forEach((item, index) => {
        if (!isScalar(item))
          errors.push({ path: indexPath(path, index), message: 'must be a string, a finite number or a boolean' });
      });
      return;
    case 'greater_than':
    case 'less_than':
      if (!Number.isFinite(value)) errors.push({ path, message: `must be a finite number for operator '${operator}'` });
      return;
    case 'starts_with':
      if (typeof value !== 'string' || value.length === 0 || value.length > MAX_VALUE_LENGTH) {
        errors.push({
          path,
          message: `must be a non-empty string of at most ${MAX_VALUE_LENGTH} characters for operator 'starts_with'`,
        });
      }
      return;
    default:
      if (!isScalar(value))
        errors.push({ path, message: `must be a string, a finite number or a boolean for operator '${operator}'` });
  }
}

function validateRule(input: unknown, path: string, errors: FieldError[]): ConditionRule | undefined {
  if (!isPlainObject(input)) {
    errors.push({ path, message: `must be an object {field, operator, value?}, got ${describeJsonType(input)}` });
    return undefined;
  }
  const before = errors.length;
  for (const key of Object.keys(input)) {
    if (!RULE_KEYS.includes(key)) errors.push({ path: childPath(path, key), message: `unknown property '${key}'` });
  }
  const { field, operator, value } = input;
  const hasValue = Object.prototype.hasOwnProperty.call(input, 'value') && value !== undefined;
  if (typeof field !== 'string') {
    errors.push({ path: childPath(path, 'field'), message: field === undefined ? 'is required' : 'must be a string' });
  } else {
    const problem = describeConditionFieldProblem(field);
    if (problem) errors.push({ path: childPath(path, 'field'), message: problem });
  }
  if (!CONDITION_OPERATORS.includes(operator as ConditionOperator)) {
    errors.push({
      path: childPath(path, 'operator'),
      message: operator === undefined ? 'is required' : `must be one of: ${CONDITION_OPERATORS.join(', ')}`,
    });
  } else {
    const valuePath = childPath(path, 'value');
    const valueErrorCount = errors.length;
    checkValue(operator as ConditionOperator, value, hasValue, valuePath, errors);
    if (errors.length === valueErrorCount && typeof field === 'string') {
      const problem = describeFieldValueProblem(field, operator as ConditionOperator, value);
      if (problem)
        errors.push({
          path: problem.startsWith('operator') ? childPath(path, 'operator') : valuePath,
          message: problem,
        });
    }
  }
  if (errors.length > before) return undefined;
  const rule: ConditionRule = { field: field as string, operator: operator as ConditionOperator };
  if (hasValue) rule.value = (Array.isArray(value) ? [...value] : value) as ConditionValue;
  return rule;
}

/**
 * Checks a condition (`{all: rules}` or `{any: rules}`, 1 to 20 rules) and returns a clean
 * copy, or undefined when it has errors (pushed to `errors`, located under `path`).
 */
export function validateCondition(input: unknown, path: string, errors: FieldError[]): Condition | undefined {
  if (!isPlainObject(input)) {
    errors.push({ path, message: `must be an object with 'all' or 'any', got ${describeJsonType(input)}` });
    return undefined;
  }
  const keys = Object.keys(input);
  const combinators = keys.filter((key) => key === 'all' || key === 'any');
  const before = errors.length;
  for (const key of keys) {
    if (key !== 'all' && key !== 'any')
      errors.push({ path: childPath(path, key), message: `unknown property '${key}' (expected 'all' or 'any')` });
  }
  if (combinators.length !== 1) {
    errors.push({ path, message: "must have exactly one of 'all' or 'any'" });
    return undefined;
  }
  const combinator = combinators[0] as 'all' | 'any';
  const rulesPath = childPath(path, combinator);
  const rulesInput = input[combinator];
  if (!Array.isArray(rulesInput) || rulesInput.length === 0 || rulesInput.length > MAX_CONDITION_RULES) {
    errors.push({ path: rulesPath, message: `must be an array of 1 to ${MAX_CONDITION_RULES} rules` });
    return undefined;
  }
  const rules = rulesInput.map((rule, index) => validateRule(rule, indexPath(rulesPath, index), errors));
  if (errors.length > before) return undefined;
  return combinator === 'all' ? { all: rules as ConditionRule[] } : { any: rules as ConditionRule[] };
}
