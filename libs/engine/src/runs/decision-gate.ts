import type { RunStatus } from '@automations/domain';
import { isApprovalExpired } from './approval-expiry';

export type ReviewDecision = 'approve' | 'reject';
export type DecisionGate = 'decidable' | 'not_found' | 'not_pending' | 'expired';

/** What a reviewer's decision is judged on. */
export interface DecisionFacts {
  /** The run's pending approval; null when it has none. */
  approval: { expiresAt: Date } | null;
  /** The run in the reviewer's agency; null when there is none. */
  run: { status: RunStatus } | null;
  now: Date;
}

/**
 * Whether a reviewer's approve or reject can be taken, or the outcome to answer instead. Without a pending
 * approval: `not_found` when the run is not the agency's, `not_pending` otherwise. An approve also needs the run
 * still awaiting approval and the approval not expired (`expired`: the caller closes it as expired). A reject is
 * taken on any pending approval, even one past its expiry the sweep has not reached yet: the run ends rejected
 * either way.
 */
export function decisionGate(decision: ReviewDecision, { approval, run, now }: DecisionFacts): DecisionGate {
  if (!approval) return run ? 'not_pending' : 'not_found';
  if (decision === 'reject') return 'decidable';
  if (run?.status !== 'awaiting_approval') return 'not_pending';
  if (isApprovalExpired(approval, now)) return 'expired';
  return 'decidable';
}
