import type { DataSource } from 'typeorm';
import type { RunStatus } from '@automations/domain';
import type { MatchResult } from '../matching/event-matcher';
import type { RunChangeListener } from './run-change-listener';

const STATUS_OF_OUTCOME: Partial<Record<string, RunStatus>> = { started: 'queued', skipped: 'skipped' };

/**
 * Announces the runs an event just created (queued, or skipped for a deleted client or a loop).
 * Called before the runs are enqueued, so `queued` reaches screens before `running`. Never throws.
 */
export class MatchedRunAnnouncer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: RunChangeListener,
  ) {}

  async announce(result: MatchResult): Promise<void> {
    const statusOf = new Map<string, RunStatus>();
    for (const verdict of result.verdicts) {
      const status = STATUS_OF_OUTCOME[verdict.outcome];
      if (verdict.runId && status) statusOf.set(verdict.runId, status);
    }
    if (!result.processed || !result.agencyId || statusOf.size === 0) return;
    try {
      const runs: { id: string; workflow_id: string; client_id: string }[] = await this.dataSource.query(
        `SELECT id, workflow_id, client_id FROM workflow_runs WHERE agency_id = $1 AND id = ANY($2::uuid[])`,
        [result.agencyId, [...statusOf.keys()]],
      );
      for (const run of runs) {
        await this.changes.runChanged({ id: run.id, agencyId: result.agencyId, workflowId: run.workflow_id, clientId: run.client_id }, statusOf.get(run.id)!);
      }
    } catch {
      // Live updates are hints; the runs themselves are committed and screens poll.
    }
  }
}
