import type { DataSource, EntityManager } from 'typeorm';
import { counterShard, markEventsProcessed, markEventsProcessedSql, rowsOf } from '@automations/persistence';
import type { LeasedRun, StepRow } from './run-lease';
import { StaleLeaseError } from './stale-lease.error';
import { stepRowsParameter, stepRowsUpsert, writeStepRows } from './step-rows.writer';

export type RunOutcome = 'completed' | 'failed' | 'cancelled';
export type ParkedStatus = 'queued' | 'waiting' | 'awaiting_approval';
export interface OutcomeDetails {
  reason?: string;
  error?: Record<string, unknown>;
}

const FENCE_SQL = `UPDATE workflow_runs SET lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
  WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING id`;
/**
 * The fence, then the run's client locked for update, in one statement. Database steps take the client's strongest
 * lock first and in the order run → client: a task insert key-shares the client and a later update of it would
 * otherwise deadlock with the client's other runs. (The client row always exists: runs reference it.)
 */
const FENCE_AND_LOCK_CLIENT_SQL = `WITH fenced AS (
    UPDATE workflow_runs SET lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
     WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING agency_id, client_id)
  SELECT c.id FROM clients c JOIN fenced f ON c.id = f.client_id AND c.agency_id = f.agency_id FOR UPDATE OF c`;
const PARK_SQL = `UPDATE workflow_runs SET status = $3, next_attempt_at = $4, lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
  WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING id`;
/**
 * Ends the run, adds it to its workflow's counters (one shard, $8; success $9 or failure $10, none when cancelled) and
 * writes its audit line, in one statement; nothing is written when the lease is lost.
 */
const FINISH_CTES = `finished AS (
    UPDATE workflow_runs SET status = $3, reason = $4, error = $5::jsonb, finished_at = now(), next_attempt_at = NULL,
           lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
     WHERE id = $1 AND lease_token = $2 AND status = 'running'
    RETURNING id, agency_id, workflow_id, client_id),
  counted AS (
    INSERT INTO workflow_counters AS c (workflow_id, shard, agency_id, run_count, success_count, failure_count, skip_count, last_run_at)
    SELECT workflow_id, $8::int, agency_id, 0, $9::int, $10::int, 0, NULL FROM finished WHERE $9::int + $10::int > 0
    ON CONFLICT (workflow_id, shard) DO UPDATE SET
      success_count = c.success_count + EXCLUDED.success_count, failure_count = c.failure_count + EXCLUDED.failure_count)`;
const FINISH_AUDIT = `INSERT INTO audit_events (agency_id, workflow_id, client_id, event_type, actor_type, actor_id, details, at)
  SELECT agency_id, workflow_id, client_id, $6, 'system', NULL, $7::jsonb, now() FROM finished
  RETURNING id`;
/** Records the verdicts of events a step emitted and no workflow fires on (JSON `[{id, processing}]` in `$n`). */
const settledEventsCte = (parameter: number) => `settled AS (${markEventsProcessedSql(parameter)})`;

/** Events a step emitted that the commit marks processed with their verdicts (see EmittedEventSettler). */
export interface SettledEvent {
  id: string;
  processing: unknown;
}

/** The finish statement, led by the CTEs that write the commit's step rows and settled events when there are any. */
function finishSql(steps: boolean, settled: boolean): string {
  const ctes = [
    ...(steps ? [`steps AS (${stepRowsUpsert(11)} RETURNING 1)`] : []),
    ...(settled ? [settledEventsCte(steps ? 12 : 11)] : []),
    FINISH_CTES,
  ];
  return `WITH ${ctes.join(',\n  ')}\n  ${FINISH_AUDIT}`;
}

const AUDIT_EVENT_OF: Record<RunOutcome, string> = {
  completed: 'run.executed',
  failed: 'run.failed',
  cancelled: 'run.cancelled',
};

/**
 * The run's writes fenced by its lease: each statement matches the run only while this worker's lease token is current
 * and the run is `running`, and throws `StaleLeaseError` when it matched nothing (the lease moved, nothing is written).
 * The methods taking a manager run inside the caller's transaction; the others open their own.
 */
export class RunStateWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leaseMs: number,
  ) {}

  /** Extends the lease. */
  async fence(manager: EntityManager, run: LeasedRun): Promise<void> {
    const rows = rowsOf<{ id: string }>(await manager.query(FENCE_SQL, [run.id, run.leaseToken, this.leaseMs / 1000]));
    if (rows.length === 0) throw new StaleLeaseError(run.id);
  }

  /** Extends the lease and locks the run's client for update (before a database step's effect). */
  async fenceAndLockClient(manager: EntityManager, run: LeasedRun): Promise<void> {
    const fenced = rowsOf<{ id: string }>(
      await manager.query(FENCE_AND_LOCK_CLIENT_SQL, [run.id, run.leaseToken, this.leaseMs / 1000]),
    );
    if (fenced.length === 0) throw new StaleLeaseError(run.id);
  }

  /** Gives the run back with its status and due time, releasing the lease. */
  async park(manager: EntityManager, run: LeasedRun, status: ParkedStatus, due: Date | null): Promise<void> {
    const parked = rowsOf<{ id: string }>(await manager.query(PARK_SQL, [run.id, run.leaseToken, status, due]));
    if (parked.length === 0) throw new StaleLeaseError(run.id);
  }

  /**
   * The run's end, its audit line and its workflow's counters — with the commit's step rows and settled events, all in
   * one statement (one round trip: on this path a round trip costs more than the work it carries).
   */
  async finish(
    manager: EntityManager,
    run: LeasedRun,
    status: RunOutcome,
    details: OutcomeDetails,
    rows: StepRow[] = [],
    settled: SettledEvent[] = [],
  ): Promise<void> {
    const audit = {
      runId: run.id,
      ...(details.reason ? { reason: details.reason } : {}),
      ...(details.error ? { stepId: details.error.stepId, code: details.error.code } : {}),
    };
    const written = rowsOf<{ id: string }>(
      await manager.query(finishSql(rows.length > 0, settled.length > 0), [
        run.id,
        run.leaseToken,
        status,
        details.reason ?? null,
        details.error ? JSON.stringify(details.error) : null,
        AUDIT_EVENT_OF[status],
        JSON.stringify(audit),
        counterShard(),
        status === 'completed' ? 1 : 0,
        status === 'failed' ? 1 : 0,
        ...(rows.length ? [stepRowsParameter(rows)] : []),
        ...(settled.length ? [JSON.stringify(settled)] : []),
      ]),
    );
    if (written.length === 0) throw new StaleLeaseError(run.id);
  }

  /**
   * Step rows, inserted or updated, and settled events, in one statement (no fence of their own: call after one of the
   * statements above).
   */
  async writeSteps(manager: EntityManager, rows: StepRow[], settled: SettledEvent[] = []): Promise<void> {
    if (settled.length === 0) return writeStepRows(manager, rows);
    if (rows.length === 0) {
      await markEventsProcessed(manager, settled);
      return;
    }
    await manager.query(`WITH ${settledEventsCte(2)} ${stepRowsUpsert(1)}`, [
      stepRowsParameter(rows),
      JSON.stringify(settled),
    ]);
  }

  /** One transaction: the fence, then the step rows. */
  async fenceAndWriteSteps(run: LeasedRun, rows: StepRow[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.fence(manager, run);
      await this.writeSteps(manager, rows);
    });
  }

  /** One transaction: the run parked, then the step rows. */
  async parkWithSteps(run: LeasedRun, status: ParkedStatus, due: Date | null, rows: StepRow[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.park(manager, run, status, due);
      await this.writeSteps(manager, rows);
    });
  }

  /** The run's end with its step rows (one statement, its own transaction). */
  async finishWithSteps(run: LeasedRun, status: RunOutcome, details: OutcomeDetails, rows: StepRow[]): Promise<void> {
    await this.dataSource.transaction((manager) => this.finish(manager, run, status, details, rows));
  }
}
