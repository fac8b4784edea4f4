import type { ActionType, TriggerType } from '../constants/workflow.constants';
import type { ActionConfigByType } from './action-config.types';
import type { TriggerConfigByType } from './trigger-config.types';

/** `{ type, config }`; narrowing on `type` narrows `config`. */
export type TriggerDefinition<T extends TriggerType = TriggerType> = T extends TriggerType
  ? { type: T; config: TriggerConfigByType[T] }
  : never;

export type ConditionOperator =
  'equals' | 'not_equals' | 'greater_than' | 'less_than' | 'contains' | 'starts_with' | 'in' | 'exists' | 'not_exists';

export type ConditionScalar = string | number | boolean;
export type ConditionValue = ConditionScalar | ConditionScalar[];

export interface ConditionRule {
  field: string;
  operator: ConditionOperator;
  value?: ConditionValue;
}

export type Condition = { all: ConditionRule[] } | { any: ConditionRule[] };

interface ActionStepOf<T extends ActionType> {
  id: string;
  type: T;
  config: ActionConfigByType[T];
  delayMinutes?: number;
  requiresApproval?: boolean;
  continueOnFailure?: boolean;
  /** The step is skipped when this evaluates to false. */
  condition?: Condition;
}

/** An action step; narrowing on `type` narrows `config`. */
export type ActionStep<T extends ActionType = ActionType> = T extends ActionType ? ActionStepOf<T> : never;

export interface BranchStep {
  id: string;
  type: 'branch';
  condition: Condition;
  then: Step[];
  else?: Step[];
}

export type Step = ActionStep | BranchStep;

/** A validated workflow definition (every step has an id). */
export interface WorkflowDefinition {
  name: string;
  description?: string | null;
  isActive?: boolean;
  requiresApproval?: boolean;
  triggers: TriggerDefinition[];
  steps: Step[];
}
