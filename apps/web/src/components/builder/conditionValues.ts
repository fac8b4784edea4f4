import type { ConditionOperator } from '../../api/types';
import type { DraftRule } from './draft';

type Scalar = string | number | boolean;

/** Operators that compare against nothing. */
export function takesNoValue(operator: ConditionOperator): boolean {
  return operator === 'exists' || operator === 'not_exists';
}

/** Fields whose values are numbers: metrics, the time of day and the weekday. */
export function isNumericField(field: string): boolean {
  return field.startsWith('metrics.') || field === 'time.hour' || field === 'time.weekday';
}

function toScalar(text: string, rule: DraftRule): Scalar {
  const trimmed = text.trim();
  const numeric =
    rule.valueKind === 'number' ||
    isNumericField(rule.field) ||
    rule.operator === 'greater_than' ||
    rule.operator === 'less_than';
  if (numeric && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (rule.valueKind === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return trimmed;
}

/** The typed text of a rule as the API's `value`: a list for `in`, nothing for `exists`. */
export function ruleValue(rule: DraftRule): Scalar | Scalar[] | undefined {
  if (takesNoValue(rule.operator)) return undefined;
  if (rule.operator === 'in') {
    return rule.value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => toScalar(part, rule));
  }
  return toScalar(rule.value, rule);
}

/** An API rule's value as text for the editor, remembering whether it was a number or a boolean. */
export function ruleText(value: unknown): Pick<DraftRule, 'value' | 'valueKind'> {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const kinds = new Set(values.map((item) => typeof item));
  const valueKind =
    kinds.size === 1 && (kinds.has('number') || kinds.has('boolean'))
      ? ([...kinds][0] as 'number' | 'boolean')
      : undefined;
  return { value: values.map(String).join(', '), ...(valueKind ? { valueKind } : {}) };
}
