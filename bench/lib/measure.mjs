import { setTimeout as sleep } from 'node:timers/promises';
import { withAdmin } from './stack.mjs';
import { rate, round, summarize } from './stats.mjs';

export const TERMINAL = ['completed', 'failed', 'skipped', 'cancelled', 'rejected'];

/** A harness-owned table naming each phase's events (created before any measurement starts). */
export async function preparePhaseTable(db) {
  await db.query(
    `CREATE UNLOGGED TABLE IF NOT EXISTS bench_phase_events (phase text NOT NULL, event_id uuid NOT NULL PRIMARY KEY)`,
  );
}

export async function recordPhase(db, phase, eventIds) {
  for (let at = 0; at < eventIds.length; at += 10_000) {
    await db.query(
      `INSERT INTO bench_phase_events (phase, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [phase, eventIds.slice(at, at + 10_000)],
    );
  }
}

/**
 * Polls Postgres until the phase's events are processed and `expected` runs triggered by them are in
 * one of `statuses` (terminal by default), or the deadline passes.
 */
export async function waitForRuns(
  db,
  phase,
  { expected, statuses = TERMINAL, deadlineMs, stallMs = Infinity, pollMs = 250, alive = () => true },
) {
  const deadline = Date.now() + deadlineMs;
  let last = null;
  let progress = '';
  let progressAt = Date.now();
  for (;;) {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM bench_phase_events p JOIN events e ON e.id = p.event_id WHERE p.phase = $1 AND e.processed_at IS NULL) AS unprocessed,
              (SELECT coalesce(json_object_agg(status, n), '{}') FROM (
                 SELECT r.status, count(*)::int AS n FROM bench_phase_events p JOIN workflow_runs r ON r.trigger_event_id = p.event_id WHERE p.phase = $1 GROUP BY r.status) s) AS by_status`,
      [phase],
    );
    const byStatus = rows[0].by_status;
    const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
    const settled = statuses.reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
    last = { unprocessed: rows[0].unprocessed, byStatus, total, settled, expected };
    if (last.unprocessed === 0 && settled >= expected) return { ...last, done: true, timedOut: false };
    if (Date.now() > deadline) return { ...last, done: false, timedOut: true };
    const now = JSON.stringify([last.unprocessed, last.byStatus]);
    if (now !== progress) {
      progress = now;
      progressAt = Date.now();
    } else if (Date.now() - progressAt > stallMs) {
      return { ...last, done: false, timedOut: false, stalledSeconds: Math.round((Date.now() - progressAt) / 1000) };
    }
    if (!alive())
      throw new Error(
        `a process under test exited while waiting for the runs of phase ${phase} (${JSON.stringify(last.byStatus)})`,
      );
    await sleep(pollMs);
  }
}

/** What the bench database's connections are doing (for a phase that stopped making progress). */
export async function connectionReport(dbName) {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query(
      `SELECT state, wait_event_type, wait_event, count(*)::int AS connections, max(extract(epoch FROM now() - xact_start))::int AS oldest_xact_s, min(left(query, 200)) AS sample_query
         FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND application_name <> 'bench-harness'
        GROUP BY 1, 2, 3 ORDER BY 4 DESC`,
      [dbName],
    );
    return rows;
  });
}

/**
 * Latency and throughput of a phase from Postgres: each event's created_at to its run's first
 * completed action step (branches are not actions) and to the run's finished_at.
 */
export async function phaseMetrics(db, phase) {
  const { rows } = await db.query(
    `WITH ev AS (
       SELECT e.id, e.created_at, e.processed_at, pg_column_size(e.processing) AS processing_bytes
         FROM bench_phase_events p JOIN events e ON e.id = p.event_id WHERE p.phase = $1),
     runs AS (
       SELECT r.id, r.status, r.finished_at, ev.created_at AS event_at FROM ev JOIN workflow_runs r ON r.trigger_event_id = ev.id),
     first_action AS (
       SELECT s.run_id, min(s.finished_at) AS at FROM run_steps s JOIN runs ON runs.id = s.run_id
        WHERE s.type <> 'branch' AND s.status = 'completed' GROUP BY s.run_id)
     SELECT
       (SELECT count(*)::int FROM ev) AS events,
       (SELECT count(*)::int FROM ev WHERE processed_at IS NOT NULL) AS processed,
       (SELECT extract(epoch FROM max(processed_at) - min(created_at)) FROM ev) AS processing_span_s,
       (SELECT extract(epoch FROM max(created_at) - min(created_at)) FROM ev) AS created_span_s,
       (SELECT avg(processing_bytes) FROM ev) AS avg_processing_bytes,
       (SELECT extract(epoch FROM max(r.finished_at) - min(r.event_at)) FROM runs r WHERE r.status = 'completed') AS completion_span_s,
       (SELECT coalesce(json_object_agg(status, n), '{}') FROM (SELECT status, count(*)::int AS n FROM runs GROUP BY status) s) AS by_status,
       (SELECT coalesce(json_agg(json_build_array(
                 extract(epoch FROM fa.at - r.event_at) * 1000,
                 extract(epoch FROM r.finished_at - r.event_at) * 1000)), '[]')
          FROM runs r LEFT JOIN first_action fa ON fa.run_id = r.id WHERE r.status = 'completed') AS latencies`,
    [phase],
  );
  const row = rows[0];
  const completed = row.by_status.completed ?? 0;
  const firstAction = row.latencies.map(([first]) => (first === null ? NaN : Number(first)));
  const finished = row.latencies.map(([, done]) => (done === null ? NaN : Number(done)));
  return {
    events: row.events,
    eventsProcessed: row.processed,
    runsByStatus: row.by_status,
    runsCompleted: completed,
    eventsProcessedPerSecond: rate(row.processed, Number(row.processing_span_s)),
    runsCompletedPerSecond: rate(completed, Number(row.completion_span_s)),
    completionSpanSeconds: round(Number(row.completion_span_s), 2),
    avgProcessingRecordBytes: round(Number(row.avg_processing_bytes), 0),
    eventToFirstActionMs: summarize(firstAction),
    eventToRunCompletedMs: summarize(finished),
  };
}

/** pg_stat_statements if it is loaded (shared_preload_libraries) and can be created, else null and why not. */
export async function statementCounter(db) {
  try {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    await db.query(`SELECT 1 FROM pg_stat_statements LIMIT 1`);
    return { available: true, reason: null };
  } catch (error) {
    return { available: false, reason: error.message };
  }
}

async function statementCalls(db) {
  const { rows } = await db.query(
    `SELECT queryid::text, calls::bigint AS calls, left(query, 160) AS query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return rows;
}

/** Database-wide counters of the bench database (read from the admin database, so reading them adds nothing). */
async function databaseCounters(dbName) {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query(
      `SELECT xact_commit::bigint, xact_rollback::bigint, tup_inserted::bigint, tup_updated::bigint, tup_deleted::bigint, tup_returned::bigint, tup_fetched::bigint, blks_read::bigint, blks_hit::bigint
         FROM pg_stat_database WHERE datname = $1`,
      [dbName],
    );
    return Object.fromEntries(Object.entries(rows[0]).map(([key, value]) => [key, Number(value)]));
  });
}

async function tableWrites(db) {
  const { rows } = await db.query(
    `SELECT relname, n_tup_ins::bigint AS ins, n_tup_upd::bigint AS upd, n_tup_del::bigint AS del FROM pg_stat_user_tables`,
  );
  return Object.fromEntries(
    rows.map((row) => [row.relname, { ins: Number(row.ins), upd: Number(row.upd), del: Number(row.del) }]),
  );
}

/**
 * Database work per run over a window: commits (pg_stat_database.xact_commit delta, minus the
 * harness's own statements), rows written, per-table writes and, when pg_stat_statements is
 * loaded, statements. Waits `settleMs` before each snapshot (PG 15 backends flush their counters
 * up to 10 s after going idle).
 */
export async function dbWork(stack, counter, settleMs) {
  const snapshot = async () => {
    if (settleMs) await sleep(settleMs);
    const harnessBefore = stack.db.statements;
    const counters = await databaseCounters(stack.dbName);
    const tables = await tableWrites(stack.db);
    const statements = counter.available ? await statementCalls(stack.db) : null;
    return { counters, tables, statements, harness: harnessBefore };
  };
  const before = await snapshot();
  return {
    async finish(runs) {
      const after = await snapshot();
      const delta = (key) => after.counters[key] - before.counters[key];
      // Statements the harness itself ran on the bench database between the snapshots (each one is a commit).
      const own = after.harness - before.harness;
      const harnessRows = (after.tables.bench_phase_events?.ins ?? 0) - (before.tables.bench_phase_events?.ins ?? 0);
      const per = (value, digits = 1) => (runs > 0 ? round(value / runs, digits) : null);
      const tables = {};
      for (const [name, now] of Object.entries(after.tables)) {
        if (name === 'bench_phase_events') continue;
        const was = before.tables[name] ?? { ins: 0, upd: 0, del: 0 };
        const writes = now.ins - was.ins + (now.upd - was.upd) + (now.del - was.del);
        if (writes > 0)
          tables[name] = {
            insertsPerRun: per(now.ins - was.ins, 2),
            updatesPerRun: per(now.upd - was.upd, 2),
            deletesPerRun: per(now.del - was.del, 2),
          };
      }
      let statements = null;
      if (counter.available) {
        const was = new Map(before.statements.map((row) => [row.queryid, Number(row.calls)]));
        const deltas = after.statements
          .map((row) => ({ query: row.query, calls: Number(row.calls) - (was.get(row.queryid) ?? 0) }))
          .filter((row) => row.calls > 0);
        const total = deltas.reduce((sum, row) => sum + row.calls, 0) - own;
        statements = {
          perRun: per(total),
          top: deltas
            .sort((a, b) => b.calls - a.calls)
            .slice(0, 15)
            .map((row) => ({ perRun: per(row.calls), query: row.query })),
        };
      }
      return {
        source: counter.available ? 'pg_stat_statements' : 'pg_stat_database.xact_commit',
        statementsPerRun: statements?.perRun ?? null,
        commitsPerRun: per(delta('xact_commit') - own),
        rollbacksPerRun: per(delta('xact_rollback')),
        rowsInsertedPerRun: per(delta('tup_inserted') - harnessRows),
        rowsUpdatedPerRun: per(delta('tup_updated')),
        rowsDeletedPerRun: per(delta('tup_deleted')),
        rowsFetchedPerRun: per(delta('tup_fetched')),
        tables,
        topStatements: statements?.top ?? null,
        harnessStatementsSubtracted: own,
      };
    },
  };
}
