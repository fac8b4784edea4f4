import { CONDITION_OPERATORS } from '@automations/domain';
import type { ConditionOperator } from '../../api/types';

const LABELS: Record<ConditionOperator, string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  greater_than: 'is greater than',
  less_than: 'is less than',
  contains: 'contains',
  starts_with: 'starts with',
  in: 'is one of',
  exists: 'is set',
  not_exists: 'is not set',
};

export const OPERATOR_OPTIONS = (CONDITION_OPERATORS as readonly ConditionOperator[]).map((value) => ({ value, label: LABELS[value] }));

export function operatorLabel(operator: ConditionOperator): string {
  return LABELS[operator] ?? operator;
}
