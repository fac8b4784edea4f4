import type { EntityManager } from 'typeorm';

/** A workflow's run counters, summed over its shards (table `workflow_counters`). */
export interface WorkflowCounts {
  runCount: number;
  successCount: number;
  failureCount: number;
  skipCount: number;
  lastRunAt: Date | null;
}

export const NO_RUNS: WorkflowCounts = Object.freeze({
  runCount: 0,
  successCount: 0,
  failureCount: 0,
  skipCount: 0,
  lastRunAt: null,
});

/** Writers spread over this many rows per workflow, so concurrent runs rarely wait on one row lock. */
const SHARDS = 64;

/** The shard a writer adds to (random, so concurrent writers rarely share a row). */
export function counterShard(): number {
  return Math.floor(Math.random() * SHARDS);
}

interface CounterDelta {
  runs?: number;
  successes?: number;
  failures?: number;
  skips?: number;
  /** Moves `last_run_at` forward to now. */
  ran?: boolean;
}

/** Adds to one shard of the workflow's counters, inside the caller's transaction. */
export async function addToWorkflowCounters(
  manager: EntityManager,
  agencyId: string,
  workflowId: string,
  delta: CounterDelta,
): Promise<void> {
  await addManyToWorkflowCounters(manager, [{ agencyId, workflowId, delta }]);
}

/**
 * Adds many deltas in one statement, summed per workflow first (one row may not be updated twice by one statement), in
 * workflow order so concurrent batches take the counter rows' locks in the same order.
 */
export async function addManyToWorkflowCounters(
  manager: EntityManager,
  deltas: { agencyId: string; workflowId: string; delta: CounterDelta }[],
): Promise<void> {
  const sums = new Map<
    string,
    {
      workflow_id: string;
      agency_id: string;
      runs: number;
      successes: number;
      failures: number;
      skips: number;
      ran: boolean;
    }
  >();
  for (const { agencyId, workflowId, delta } of deltas) {
    const sum = sums.get(workflowId) ?? {
      workflow_id: workflowId,
      agency_id: agencyId,
      runs: 0,
      successes: 0,
      failures: 0,
      skips: 0,
      ran: false,
    };
    sum.runs += delta.runs ?? 0;
    sum.successes += delta.successes ?? 0;
    sum.failures += delta.failures ?? 0;
    sum.skips += delta.skips ?? 0;
    sum.ran ||= delta.ran ?? false;
    sums.set(workflowId, sum);
  }
  if (sums.size === 0) return;
  const rows = [...sums.values()]
    .sort((a, b) => (a.workflow_id < b.workflow_id ? -1 : 1))
    .map((sum, position) => ({ ...sum, position, shard: counterShard() }));
  await manager.query(
    `INSERT INTO workflow_counters AS c (workflow_id, shard, agency_id, run_count, success_count, failure_count, skip_count, last_run_at)
     SELECT v.workflow_id, v.shard, v.agency_id, v.runs, v.successes, v.failures, v.skips, CASE WHEN v.ran THEN now() END
       FROM jsonb_to_recordset($1::jsonb) AS v(workflow_id uuid, shard int, agency_id uuid, runs int, successes int, failures int, skips int, ran boolean, position int)
      ORDER BY v.position
     ON CONFLICT (workflow_id, shard) DO UPDATE SET
       run_count = c.run_count + EXCLUDED.run_count, success_count = c.success_count + EXCLUDED.success_count,
       failure_count = c.failure_count + EXCLUDED.failure_count, skip_count = c.skip_count + EXCLUDED.skip_count,
       last_run_at = GREATEST(c.last_run_at, EXCLUDED.last_run_at)`,
    [JSON.stringify(rows)],
  );
}

/** Counters of the given workflows of one agency; workflows without runs are absent (use NO_RUNS). */
export async function loadWorkflowCounts(
  manager: EntityManager,
  agencyId: string,
  workflowIds: string[],
): Promise<Map<string, WorkflowCounts>> {
  if (workflowIds.length === 0) return new Map();
  const rows: {
    workflow_id: string;
    run_count: number;
    success_count: number;
    failure_count: number;
    skip_count: number;
    last_run_at: Date | null;
  }[] = await manager.query(
    `SELECT workflow_id, sum(run_count)::int AS run_count, sum(success_count)::int AS success_count, GREATEST(sum(failure_count), 0)::int AS failure_count,
            sum(skip_count)::int AS skip_count, max(last_run_at) AS last_run_at
       FROM workflow_counters WHERE agency_id = $1 AND workflow_id = ANY($2::uuid[]) GROUP BY workflow_id`,
    [agencyId, workflowIds],
  );
  return new Map(
    rows.map((row) => [
      row.workflow_id,
      {
        runCount: row.run_count,
        successCount: row.success_count,
        failureCount: row.failure_count,
        skipCount: row.skip_count,
        lastRunAt: row.last_run_at,
      },
    ]),
  );
}
