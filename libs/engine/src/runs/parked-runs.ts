import type { EntityManager } from 'typeorm';
import { rowsOf } from '@automations/persistence';
import type { ChangedApproval, ChangedRun } from '../live/run-change-listener';
import type { RunActor } from './run-actor';

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
  const approvals = await rejectPendingApprovals(
    manager,
    agencyId,
    runs.map((run) => run.id),
    reason,
  );
  return {
    runs: runs.map((run) => ({ id: run.id, agencyId, workflowId, clientId: run.client_id })),
    approvals,
  };
}

/**
 * Cancels the named runs of the agency that are still queued, waiting or awaiting approval, the same way a stopped
 * workflow's parked runs are (pending approvals and their drafts rejected, so nothing resumes them), and writes one
 * `run.cancelled` audit line per cancelled run — all in the caller's transaction. Ids of other agencies' runs, and
 * runs in any other status, are left alone: repeating the call cancels nothing more.
 */
export async function cancelRunsById(
  manager: EntityManager,
  agencyId: string,
  runIds: readonly string[],
  reason: string,
  actor: Pick<RunActor, 'actorType' | 'actorId'>,
): Promise<CancelledRuns> {
  if (runIds.length === 0) return NOTHING_CANCELLED;
  const runs = rowsOf<{ id: string; workflow_id: string; client_id: string }>(
    await manager.query(
      `WITH locked AS (
          SELECT id, status FROM workflow_runs
           WHERE agency_id = $1 AND id = ANY($2::uuid[]) AND status = ANY($4) ORDER BY id FOR UPDATE),
        cancelled AS (
          UPDATE workflow_runs r SET status = 'cancelled', reason = $3, finished_at = now(), next_attempt_at = NULL,
                 updated_at = now()
            FROM locked WHERE r.id = locked.id
          RETURNING r.id, r.agency_id, r.workflow_id, r.client_id, locked.status AS previous),
        audited AS (
          INSERT INTO audit_events (agency_id, workflow_id, client_id, event_type, actor_type, actor_id, details, at)
          SELECT agency_id, workflow_id, client_id, 'run.cancelled', $5::text, $6::uuid,
                 jsonb_build_object('runId', id, 'reason', $3::text, 'fromStatus', previous), now()
            FROM cancelled)
      SELECT id, workflow_id, client_id FROM cancelled`,
      [agencyId, [...runIds], reason, [...CANCELLABLE_RUN_STATUSES], actor.actorType, actor.actorId],
    ),
  );
  if (runs.length === 0) return NOTHING_CANCELLED;
  const approvals = await rejectPendingApprovals(
    manager,
    agencyId,
    runs.map((run) => run.id),
    reason,
  );
  return {
    runs: runs.map((run) => ({ id: run.id, agencyId, workflowId: run.workflow_id, clientId: run.client_id })),
    approvals,
  };
}

/** Rejects the cancelled runs' pending approvals, and the drafts waiting for them. */
async function rejectPendingApprovals(
  manager: EntityManager,
  agencyId: string,
  runIds: string[],
  reason: string,
): Promise<ChangedApproval[]> {
  const approvals = rowsOf<{ id: string; run_id: string; draft_id: string | null }>(
    await manager.query(
      `UPDATE approvals SET status = 'rejected', reason = $3, decided_at = now() WHERE agency_id = $1 AND run_id = ANY($2) AND status = 'pending' RETURNING id, run_id, draft_id`,
      [agencyId, runIds, reason],
    ),
  );
  // Drafts waiting for those approvals are rejected with them.
  const drafts = approvals.flatMap((approval) => (approval.draft_id ? [approval.draft_id] : []));
  if (drafts.length > 0)
    await manager.query(
      `UPDATE communication_drafts SET status = 'rejected' WHERE agency_id = $1 AND id = ANY($2::uuid[])`,
      [agencyId, drafts],
    );
  return approvals.map((approval) => ({ id: approval.id, agencyId, runId: approval.run_id }));
}
