import type { DataSource } from 'typeorm';
import type { RunStatus } from '@automations/domain';
import { emittedErrors } from '@automations/persistence';
import type { MatchResult } from '../matching/event-matcher';
import type { RunChangeListener } from './run-change-listener';

const STATUS_OF_OUTCOME: Partial<Record<string, RunStatus>> = { started: 'queued', skipped: 'skipped' };

interface CreatedRunRow {
  id: string;
  agency_id: string;
  workflow_id: string;
  client_id: string;
}

/**
 * Announces runs just created: by an event (queued, or skipped for a deleted client or a loop), by a
 * scheduled tick or by an inactivity scan (queued). Called before the runs are enqueued, so `queued`
 * reaches screens before `running`. Never throws.
 */
export class MatchedRunAnnouncer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: RunChangeListener,
  ) {}

  /** The verdicts say which runs the event made and for which workflow; the event says which client (no query). */
  async announce(result: MatchResult): Promise<void> {
    if (!result.processed || !result.agencyId || !result.clientId) return;
    try {
      for (const verdict of result.verdicts) {
        const status = STATUS_OF_OUTCOME[verdict.outcome];
        if (!verdict.runId || !status) continue;
        await this.changes.runChanged(
          { id: verdict.runId, agencyId: result.agencyId, workflowId: verdict.workflowId, clientId: result.clientId },
          status,
        );
      }
    } catch (error) {
      // Live updates are hints; the runs themselves are committed and screens poll.
      emittedErrors.report('engine:live-announce', error);
    }
  }

  /**
   * Announces the runs a scheduled tick (of `agencyId`) or an inactivity scan (of any agency: null) created,
   * in one query; runs already past `queued` are left to their own announcements.
   */
  async announceQueued(runIds: string[], agencyId: string | null = null): Promise<void> {
    if (runIds.length === 0) return;
    await this.announceRows(
      `SELECT id, agency_id, workflow_id, client_id FROM workflow_runs
        WHERE id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR agency_id = $2) AND status = 'queued'`,
      [runIds, agencyId],
      () => 'queued',
    );
  }

  private async announceRows(
    sql: string,
    parameters: unknown[],
    statusOf: (run: CreatedRunRow) => RunStatus,
  ): Promise<void> {
    try {
      const runs: CreatedRunRow[] = await this.dataSource.query(sql, parameters);
      for (const run of runs) {
        await this.changes.runChanged(
          { id: run.id, agencyId: run.agency_id, workflowId: run.workflow_id, clientId: run.client_id },
          statusOf(run),
        );
      }
    } catch (error) {
      // Live updates are hints; the runs themselves are committed and screens poll.
      emittedErrors.report('engine:live-announce', error);
    }
  }
}
