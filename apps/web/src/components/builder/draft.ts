import type { ActionType, ConditionOperator, TriggerType } from '../../api/types';

/**
 * The builder's editable copy of a workflow definition. It mirrors the API's definition
 * (PRODUCT.md §2) but keeps what editing needs: a stable `key` per item for React and focus,
 * "not chosen yet" types, rule values as typed text. `definitionFromDraft` turns it into the
 * API shape; error paths (`steps[1].then[0].config.title`) follow the API's, so a 400 from the
 * server lands on the same fields as the builder's own checks.
 */

export type Config = Record<string, unknown>;

export interface DraftTrigger {
  key: string;
  type: TriggerType | '';
  config: Config;
}

export interface DraftRule {
  key: string;
  field: string;
  operator: ConditionOperator;
  /** As typed; a comma-separated list for `in`. */
  value: string;
  /** The JSON type the value was loaded with, so an edit round-trip keeps `2` a number. */
  valueKind?: 'number' | 'boolean';
}

export type ConditionMode = 'all' | 'any';

export interface DraftCondition {
  mode: ConditionMode;
  rules: DraftRule[];
}

export interface DraftAction {
  key: string;
  kind: 'action';
  /** Kept from the saved definition; new steps get theirs from the API. */
  id?: string;
  type: ActionType | '';
  config: Config;
  delayMinutes?: number | string;
  requiresApproval: boolean;
  continueOnFailure: boolean;
  /** "Only run this step when…"; null when the step always runs. */
  condition: DraftCondition | null;
}

export interface DraftBranch {
  key: string;
  kind: 'branch';
  id?: string;
  condition: DraftCondition;
  then: DraftStep[];
  /** null when the branch has no ELSE path. */
  else: DraftStep[] | null;
}

export type DraftStep = DraftAction | DraftBranch;

export interface Draft {
  name: string;
  description: string;
  requiresApproval: boolean;
  isActive: boolean;
  triggers: DraftTrigger[];
  steps: DraftStep[];
}

let lastKey = 0;
/** A key unique within the page, for React lists and focus management. */
export function newKey(prefix = 'k'): string {
  lastKey += 1;
  return `${prefix}${lastKey}`;
}

export function newRule(): DraftRule {
  return { key: newKey('rule'), field: '', operator: 'equals', value: '' };
}

export function newCondition(): DraftCondition {
  return { mode: 'all', rules: [newRule()] };
}

export function newTrigger(): DraftTrigger {
  return { key: newKey('trigger'), type: '', config: {} };
}

export function newAction(): DraftAction {
  return {
    key: newKey('step'),
    kind: 'action',
    type: '',
    config: {},
    requiresApproval: false,
    continueOnFailure: false,
    condition: null,
  };
}

export function newBranch(): DraftBranch {
  return { key: newKey('step'), kind: 'branch', condition: newCondition(), then: [newAction()], else: null };
}

export function emptyDraft(): Draft {
  return {
    name: '',
    description: '',
    requiresApproval: false,
    isActive: true,
    triggers: [newTrigger()],
    steps: [newAction()],
  };
}

export const SCHEDULED: TriggerType = 'scheduled';

export function scheduledTriggerIndex(draft: Pick<Draft, 'triggers'>): number {
  return draft.triggers.findIndex((trigger) => trigger.type === SCHEDULED);
}
