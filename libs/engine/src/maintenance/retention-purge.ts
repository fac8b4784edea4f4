import type { DataSource, QueryRunner } from 'typeorm';
import { AdvisoryLocks, rowsOf, withAdvisoryLock } from '@automations/persistence';

export interface RetentionPurgeOptions {
  /** RUN_RETENTION_DAYS: runs finished longer ago lose their payloads. 0 (or less) disables the purge. */
  retentionDays: number;
  /** Runs per transaction (default 500). */
  batchSize?: number;
  /** Batches per `purge()` call (default 200); the next call continues. Keeps one pass bounded. */
  maxBatches?: number;
}

export interface RetentionPurgeReport {
  cutoff: Date;
  runs: number;
  steps: number;
  approvals: number;
  /** True when `maxBatches` stopped the pass before the backlog was empty. */
  more: boolean;
}

const TERMINAL_STATUSES = ['completed', 'failed', 'skipped', 'cancelled', 'rejected'];
const DAY_MS = 24 * 3600 * 1000;

function affected(result: unknown): number {
  // TypeORM answers UPDATE with [rows, count] for postgres.
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

/**
 * RUN_RETENTION_DAYS (PRODUCT.md §7): for runs that finished before `now - retentionDays`, the run
 * context is purged — the client snapshot, the trigger event's data (its type, ids, time and causation
 * stay), the steps' rendered input and output (status, attempts, times and the error's code and
 * message stay) and approvals' rendered config (`{}`; decision, decider and times stay). Rows are
 * kept, so counters, history lists, analytics and the audit trail are untouched; nothing else is
 * deleted. Batches of `batchSize` runs, each in its own transaction; idempotent (a purged run is not
 * selected again); one purger at a time (session advisory lock).
 */
export class RetentionPurge {
  private readonly batchSize: number;
  private readonly maxBatches: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: RetentionPurgeOptions,
  ) {
    this.batchSize = Math.max(1, options.batchSize ?? 500);
    this.maxBatches = Math.max(1, options.maxBatches ?? 200);
  }

  /** The cutoff for `now`, or null when the purge is disabled. */
  cutoffFor(now: Date): Date | null {
    return this.options.retentionDays > 0 ? new Date(now.getTime() - this.options.retentionDays * DAY_MS) : null;
  }

  /** One pass; null when disabled or when another worker is purging. */
  async purge(now: Date = new Date()): Promise<RetentionPurgeReport | null> {
    const cutoff = this.cutoffFor(now);
    if (!cutoff) return null;
    return withAdvisoryLock(this.dataSource, AdvisoryLocks.retentionPurge, async (runner) => {
      const report: RetentionPurgeReport = { cutoff, runs: 0, steps: 0, approvals: 0, more: false };
      for (let batch = 0; ; batch += 1) {
        if (batch >= this.maxBatches) {
          report.more = true;
          break;
        }
        const done = await this.purgeBatch(runner, cutoff);
        report.runs += done.runs;
        report.steps += done.steps;
        report.approvals += done.approvals;
        if (done.runs < this.batchSize) break;
      }
      return report;
    });
  }

  private async purgeBatch(
    runner: QueryRunner,
    cutoff: Date,
  ): Promise<{ runs: number; steps: number; approvals: number }> {
    await runner.startTransaction();
    try {
      const ids = rowsOf<{ id: string }>(
        await runner.query(
          `SELECT id FROM workflow_runs
            WHERE status = ANY($1) AND finished_at < $2
              AND (client_snapshot IS NOT NULL OR trigger_event ? 'data')
            ORDER BY finished_at
            LIMIT $3
            FOR UPDATE SKIP LOCKED`,
          [TERMINAL_STATUSES, cutoff, this.batchSize],
        ),
      ).map((row) => row.id);
      if (ids.length === 0) {
        await runner.commitTransaction();
        return { runs: 0, steps: 0, approvals: 0 };
      }
      const steps = affected(
        await runner.query(
          `UPDATE run_steps SET input = NULL, output = NULL, error = CASE WHEN error IS NULL THEN NULL ELSE error - 'details' END
            WHERE run_id = ANY($1::uuid[]) AND (input IS NOT NULL OR output IS NOT NULL OR error ? 'details')`,
          [ids],
        ),
      );
      const approvals = affected(
        await runner.query(
          `UPDATE approvals SET rendered_config = '{}'::jsonb WHERE run_id = ANY($1::uuid[]) AND rendered_config <> '{}'::jsonb`,
          [ids],
        ),
      );
      const runs = affected(
        await runner.query(
          `UPDATE workflow_runs SET client_snapshot = NULL,
                  trigger_event = CASE WHEN trigger_event IS NULL THEN NULL ELSE trigger_event - 'data' END,
                  error = CASE WHEN error IS NULL THEN NULL ELSE error - 'details' END
            WHERE id = ANY($1::uuid[])`,
          [ids],
        ),
      );
      await runner.commitTransaction();
      return { runs, steps, approvals };
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }
}

export interface RetentionSchedule {
  stop(): void;
}

/**
 * Runs `purge.purge(new Date())` every `intervalMs` (default 6 h; the first pass after `initialDelayMs`,
 * default 1 min, so a starting worker does its urgent work first). Passes never overlap in this process;
 * the advisory lock keeps other workers out. Errors go to `onError` (default: ignored, next pass retries).
 */
export function scheduleRetentionPurge(
  purge: Pick<RetentionPurge, 'purge'>,
  {
    intervalMs = 6 * 3600 * 1000,
    initialDelayMs = 60_000,
    onReport,
    onError,
  }: {
    intervalMs?: number;
    initialDelayMs?: number;
    onReport?: (report: RetentionPurgeReport) => void;
    onError?: (error: unknown) => void;
  } = {},
): RetentionSchedule {
  let running = false;
  let stopped = false;
  const pass = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const report = await purge.purge(new Date());
      if (report) onReport?.(report);
      // A backlog larger than one pass continues soon rather than in `intervalMs`.
      if (report?.more && !stopped) {
        const again = setTimeout(() => void pass(), 1000);
        again.unref();
      }
    } catch (error) {
      onError?.(error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void pass(), initialDelayMs);
  first.unref();
  const timer = setInterval(() => void pass(), intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
