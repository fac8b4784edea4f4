import type { DataSource } from 'typeorm';
import { AdvisoryLocks, rowsOf, withTransactionAdvisoryLock } from '@automations/persistence';
import type { EngineQueues } from '../queues/engine-queues';

/** Ids found by one reconciliation pass. */
export interface ReconcileReport {
  events: number;
  runs: number;
}

/**
 * Re-enqueues, from Postgres alone, everything that should be moving: unprocessed events, queued
 * runs nobody picked up, running runs whose lease expired, waiting runs past their due time. Redis
 * can be flushed and nothing is lost. Enqueuing twice is harmless (leases, conditional writes); one
 * worker at a time reconciles (transaction-scoped advisory lock).
 */
export class Reconciler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: EngineQueues,
    private readonly options: { graceSeconds: number; batch: number } = { graceSeconds: 5, batch: 1000 },
  ) {}

  async reconcile(): Promise<ReconcileReport | null> {
    const found = await this.dataSource.transaction((manager) =>
      withTransactionAdvisoryLock(manager, AdvisoryLocks.reconciler, async () => {
        const grace = this.options.graceSeconds;
        const events = rowsOf<{ id: string }>(
          await manager.query(
            `SELECT id FROM events WHERE processed_at IS NULL AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
            [grace, this.options.batch],
          ),
        );
        const runs = rowsOf<{ id: string }>(
          await manager.query(
            `SELECT id FROM workflow_runs
              WHERE (status = 'queued' AND coalesce(next_attempt_at, updated_at) < now() - make_interval(secs => $1) AND updated_at < now() - make_interval(secs => $1))
                 OR (status = 'running' AND lease_expires_at < now())
                 OR (status = 'waiting' AND next_attempt_at < now() - make_interval(secs => $1))
              ORDER BY updated_at LIMIT $2`,
            [grace, this.options.batch],
          ),
        );
        return { events: events.map((row) => row.id), runs: runs.map((row) => row.id) };
      }),
    );
    if (!found) return null;
    await this.queues.reclaimEvents(found.events);
    await this.queues.enqueueRuns(found.runs);
    return { events: found.events.length, runs: found.runs.length };
  }
}
