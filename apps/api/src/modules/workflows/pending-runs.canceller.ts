import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LiveRunChangeListener, type ChangedApproval, type ChangedRun } from '@automations/engine';

/** Runs that have not started their work or are parked: cancelled at once when the workflow stops. */
const CANCELLABLE_RUN_STATUSES = ['queued', 'waiting', 'awaiting_approval'] as const;

/** What one cancellation changed, to announce once its transaction has committed. */
export interface CancelledRuns {
  runs: ChangedRun[];
  approvals: ChangedApproval[];
}

export const NOTHING_CANCELLED: CancelledRuns = { runs: [], approvals: [] };

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/**
 * Cancels a disabled or deleted workflow's parked runs and closes their pending approvals (in the caller's
 * transaction), then, after the commit, announces both on the live stream like the engine's own changes.
 */
@Injectable()
export class PendingRunsCanceller {
  constructor(@Inject(LiveRunChangeListener) private readonly changes: LiveRunChangeListener) {}

  async cancel(manager: EntityManager, agencyId: string, workflowId: string, reason: string): Promise<CancelledRuns> {
    const runs = rowsOf<{ id: string; client_id: string }>(
      await manager.query(
        `UPDATE workflow_runs SET status = 'cancelled', reason = $3, finished_at = now(), next_attempt_at = NULL, updated_at = now()
          WHERE agency_id = $1 AND workflow_id = $2 AND status = ANY($4) RETURNING id, client_id`,
        [agencyId, workflowId, reason, [...CANCELLABLE_RUN_STATUSES]],
      ),
    );
    if (runs.length === 0) return NOTHING_CANCELLED;
    const approvals = rowsOf<{ id: string; run_id: string }>(
      await manager.query(
        `UPDATE approvals SET status = 'rejected', reason = $3, decided_at = now() WHERE agency_id = $1 AND run_id = ANY($2) AND status = 'pending' RETURNING id, run_id`,
        [agencyId, runs.map((run) => run.id), reason],
      ),
    );
    return {
      runs: runs.map((run) => ({ id: run.id, agencyId, workflowId, clientId: run.client_id })),
      approvals: approvals.map((approval) => ({ id: approval.id, agencyId, runId: approval.run_id })),
    };
  }

  /** Call after the commit: each closed approval as rejected, then each run as cancelled. Never throws. */
  async announce(cancelled: CancelledRuns): Promise<void> {
    for (const approval of cancelled.approvals) await this.changes.approvalChanged(approval, 'rejected');
    for (const run of cancelled.runs) await this.changes.runChanged(run, 'cancelled');
  }
}
