import { CONDITION_OPERATORS } from '@automations/domain';
import type { ConditionOperator } from '../../api/types';
import { operatorLabel } from '../../lib/automationWords';

export { operatorLabel };

export const OPERATOR_OPTIONS = (CONDITION_OPERATORS as readonly ConditionOperator[]).map((value) => ({
  value,
  label: operatorLabel(value),
}));
