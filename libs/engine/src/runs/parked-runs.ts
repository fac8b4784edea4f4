import type { EntityManager } from 'typeorm';
import { rowsOf } from '@automations/persistence';
import type { ChangedApproval, ChangedRun } from '../live/run-change-listener';

/** Runs that have not started their work or are parked: cancelled at once when their workflow stops. */
export const CANCELLABLE_RUN_STATUSES = ['queued', 'waiting', 'awaiting_approval'] as const;

/** What one cancellation changed, to announce once its transaction has committed. */
export interface CancelledRuns {
  runs: ChangedRun[];
  approvals: ChangedApproval[];
}

export const NOTHING_CANCELLED: CancelledRuns = Object.freeze({ runs: [], approvals: [] });

/**
 * Cancels a stopped workflow's parked runs and rejects their pending approvals, in the caller's transaction, so
 * nothing can resume them (a workflow disabled or deleted in the API, or paused by the loop breaker).
 */
export async function cancelParkedRuns(
  manager: EntityManager,
  agencyId: string,
  workflowId: string,
  reason: string,
): Promise<CancelledRuns> {
  const runs = rowsOf<{ id: string; client_id: string }>(
    await manager.query(
      `UPDATE workflow_runs SET status = 'cancelled', reason = $3, finished_at = now(), next_attempt_at = NULL, updated_at = now()
        WHERE agency_id = $1 AND workflow_id = $2 AND status = ANY($4) RETURNING id, client_id`,
      [agencyId, workflowId, reason, [...CANCELLABLE_RUN_STATUSES]],
    ),
  );
  if (runs.length === 0) return NOTHING_CANCELLED;
  const approvals = rowsOf<{ id: string; run_id: string; draft_id: string | null }>(
    await manager.query(
      `UPDATE approvals SET status = 'rejected', reason = $3, decided_at = now() WHERE agency_id = $1 AND run_id = ANY($2) AND status = 'pending' RETURNING id, run_id, draft_id`,
      [agencyId, runs.map((run) => run.id), reason],
    ),
  );
  // Drafts waiting for those approvals are rejected with them.
  const drafts = approvals.flatMap((approval) => (approval.draft_id ? [approval.draft_id] : []));
  if (drafts.length > 0)
    await manager.query(
      `UPDATE communication_drafts SET status = 'rejected' WHERE agency_id = $1 AND id = ANY($2::uuid[])`,
      [agencyId, drafts],
    );
  return {
    runs: runs.map((run) => ({ id: run.id, agencyId, workflowId, clientId: run.client_id })),
    approvals: approvals.map((approval) => ({ id: approval.id, agencyId, runId: approval.run_id })),
  };
}
