/**
 * Benchmark of `GET /api/v1/workflows/analytics` on 1,000,000 runs (not part of npm test).
 *
 *   npx ts-node --swc -r tsconfig-paths/register bench/analytics-1m.ts [--runs 1000000] [--calls 5] [--keep]
 *
 * Creates a fresh database (next to DATABASE_URL / TEST_DATABASE_ADMIN_URL, default local
 * Postgres), migrates it, provisions one agency (America/New_York), and writes with
 * generate_series: 10 workflows (2 with an approval step), 500 clients, N live runs started over
 * the last 30 days (86 % completed, 6 % failed, 4 % skipped, the rest cancelled, rejected,
 * awaiting approval, queued, running, waiting), 1-3 run steps per executed run (the last one
 * failed for failed runs), and an approval for every run of the approval workflows. Then it boots
 * the real API in-process and times the endpoint (default range: the last 30 days, i.e. every run)
 * with an API key: one warm-up call, then `--calls` timed calls, reported as p50 (also with the
 * workflowId filter). The database is dropped afterwards unless `--keep`.
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { ensureDatabaseExists, loadRuntimeConfig, migrateDatabase } from '@automations/persistence';
import { createApiApp } from '../apps/api/src/app.factory';
import { AgencyProvisioner } from '../apps/api/src/modules/accounts/agency-provisioner';
import { AnalyticsQueries } from '../apps/api/src/modules/analytics/analytics.queries';
import { DataSource } from 'typeorm';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const RUNS = option('runs', 1_000_000);
const CALLS = option('calls', 5);
const KEEP = process.argv.includes('--keep');

/** Per workflow (1..10), the action types of its steps; 9 and 10 end with an approval-gated draft. */
const PLANS = [
  'create_task,send_notification',
  'add_alert',
  'create_ticket,update_client,add_alert',
  'create_task',
  'send_notification,create_task',
  'update_client,add_alert',
  'create_ticket',
  'create_task,create_ticket,send_notification',
  'create_task,draft_communication',
  'draft_communication',
];

/** $1 agency id, $2 number of runs. Random numbers come from a derived table so each row gets its own. */
const SEED_SQL = [
  `INSERT INTO workflows (agency_id, name, triggers, steps, requires_approval)
   SELECT $1, 'Bench workflow ' || lpad(g::text, 2, '0'), '[{"type":"stage_change","config":{"toStage":"onboarding"}}]', '[]', g > 8
     FROM generate_series(1, 10) g`,
  `INSERT INTO clients (agency_id, name, stage, health) SELECT $1, 'Client ' || g, 'active', 'green' FROM generate_series(1, 500) g`,
  `CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
   SELECT w.id AS workflow_id, w.n, (ARRAY[${PLANS.map((plan) => `'${plan}'`).join(', ')}])[w.n] AS types
     FROM (SELECT id, row_number() OVER (ORDER BY name)::int AS n FROM workflows WHERE agency_id = $1) w`,
  `CREATE TEMP TABLE bench_clients ON COMMIT DROP AS SELECT array_agg(id ORDER BY id) AS ids FROM clients WHERE agency_id = $1`,
  `INSERT INTO workflow_runs (agency_id, workflow_id, workflow_version, client_id, mode, status, reason, error, trigger_event, client_snapshot, started_at, finished_at, created_at, updated_at)
   SELECT $1, p.workflow_id, 1, c.ids[1 + (rnd.g::bigint * 7919) % 500], 'live', x.status,
          CASE x.status WHEN 'skipped' THEN 'client deleted' WHEN 'cancelled' THEN 'workflow disabled' WHEN 'rejected' THEN 'Tone is off' END,
          CASE WHEN x.status = 'failed' THEN '{"code":"slack_rejected","message":"Slack rejected the message (channel_not_found)"}'::jsonb END,
          jsonb_build_object('type', 'client.stage_changed', 'data', jsonb_build_object('from', 'lead', 'to', 'onboarding'), 'occurredAt', x.started_at),
          jsonb_build_object('client', jsonb_build_object('name', 'Client ' || rnd.g % 500, 'stage', 'onboarding', 'health', 'green'), 'metrics', jsonb_build_object('roas', 1.4)),
          x.started_at, x.finished_at, x.started_at, coalesce(x.finished_at, x.started_at)
     FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4 FROM generate_series(1, $2::int) g) rnd
     JOIN bench_plan p ON p.n = 1 + rnd.g % 10
     CROSS JOIN bench_clients c
     CROSS JOIN LATERAL (SELECT CASE
         WHEN rnd.r1 < 0.005 THEN 'queued' WHEN rnd.r1 < 0.01 THEN 'running' WHEN rnd.r1 < 0.015 THEN 'waiting'
         WHEN rnd.r1 < 0.04 THEN CASE WHEN p.n > 8 THEN 'awaiting_approval' ELSE 'cancelled' END
         WHEN rnd.r1 < 0.06 THEN CASE WHEN p.n > 8 THEN 'rejected' ELSE 'cancelled' END
         WHEN rnd.r1 < 0.10 THEN 'skipped' WHEN rnd.r1 < 0.16 THEN 'failed' ELSE 'completed' END AS status) s
     CROSS JOIN LATERAL (SELECT s.status, CASE WHEN s.status IN ('queued', 'running', 'waiting', 'awaiting_approval') THEN now() - rnd.r2 * interval '1 hour'
         ELSE now() - interval '1 hour' - rnd.r2 * interval '29 days' END AS started_at) st
     CROSS JOIN LATERAL (SELECT st.status, st.started_at, CASE
         WHEN st.status IN ('queued', 'running', 'waiting', 'awaiting_approval') THEN NULL
         WHEN st.status = 'skipped' THEN st.started_at + interval '5 milliseconds'
         ELSE st.started_at + make_interval(secs => (150 + -ln(1 - rnd.r3) * 1200) / 1000.0
              + CASE WHEN p.n > 8 AND st.status IN ('completed', 'rejected') THEN -ln(1 - rnd.r4) * 7200 ELSE 0 END) END AS finished_at) x`,
  `INSERT INTO run_steps (agency_id, run_id, step_id, type, status, attempts, input, output, error, started_at, finished_at, created_at, updated_at)
   SELECT r.agency_id, r.id, 's' || t.i, t.type, ss.status, CASE WHEN ss.status = 'failed' THEN 3 ELSE 1 END,
          jsonb_build_object('title', 'Kickoff call with Client', 'priority', 'high'),
          CASE WHEN ss.status = 'completed' THEN jsonb_build_object('recordId', gen_random_uuid()) END,
          CASE WHEN ss.status = 'failed' THEN '{"code":"slack_rejected","message":"Slack rejected the message (channel_not_found)"}'::jsonb END,
          r.started_at + t.i * interval '100 milliseconds',
          CASE WHEN ss.status IN ('completed', 'failed', 'rejected') THEN greatest(coalesce(r.finished_at, r.started_at), r.started_at + t.i * interval '100 milliseconds') END,
          r.started_at, coalesce(r.finished_at, r.started_at)
     FROM workflow_runs r
     JOIN bench_plan p ON p.workflow_id = r.workflow_id
     CROSS JOIN LATERAL unnest(string_to_array(p.types, ',')) WITH ORDINALITY AS t(type, i)
     CROSS JOIN LATERAL (SELECT array_length(string_to_array(p.types, ','), 1) AS n) len
     CROSS JOIN LATERAL (SELECT CASE
         WHEN r.status = 'completed' THEN 'completed'
         WHEN r.status = 'failed' THEN CASE WHEN t.i = len.n THEN 'failed' ELSE 'completed' END
         WHEN r.status IN ('rejected', 'awaiting_approval') THEN CASE WHEN t.type = 'draft_communication' THEN r.status ELSE 'completed' END
       END AS status) ss
    WHERE r.agency_id = $1 AND r.status IN ('completed', 'failed', 'rejected', 'awaiting_approval')`,
  `INSERT INTO approvals (agency_id, run_id, step_id, action_type, rendered_config, status, expires_at, decided_at, reason, created_at)
   SELECT r.agency_id, r.id, 's' || array_length(string_to_array(p.types, ','), 1), 'draft_communication', '{"platform":"email","tone":"friendly"}',
          a.status, r.started_at + interval '1 day', CASE WHEN a.status <> 'pending' THEN r.finished_at END,
          CASE a.status WHEN 'rejected' THEN 'Tone is off' END, r.started_at + interval '200 milliseconds'
     FROM workflow_runs r JOIN bench_plan p ON p.workflow_id = r.workflow_id
     CROSS JOIN LATERAL (SELECT CASE r.status WHEN 'completed' THEN 'approved' WHEN 'awaiting_approval' THEN 'pending' WHEN 'rejected' THEN 'rejected' END AS status) a
    WHERE r.agency_id = $1 AND p.n > 8 AND r.status IN ('completed', 'rejected', 'awaiting_approval')`,
];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function seed(url: string, agencyId: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Bulk load only: skip the per-row foreign key triggers when allowed (superuser); the rows are consistent by construction.
    await client.query(`SET LOCAL session_replication_role = replica`).catch(async () => {
      await client.query('ROLLBACK');
      await client.query('BEGIN');
    });
    for (const statement of SEED_SQL) {
      const started = performance.now();
      const result = await client.query(statement, statement.includes('$2') ? [agencyId, RUNS] : [agencyId]);
      const what = statement.trim().split(/\s+/).slice(0, 3).join(' ');
      if (result.rowCount && result.rowCount > 1000)
        console.log(
          `  ${what}: ${result.rowCount.toLocaleString('en')} rows in ${seconds(performance.now() - started)}`,
        );
    }
    await client.query('COMMIT');
    const started = performance.now();
    await client.query('VACUUM ANALYZE');
    console.log(`  VACUUM ANALYZE in ${seconds(performance.now() - started)}`);
    const sizes = await client.query(
      `SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class WHERE relname IN ('workflow_runs', 'run_steps', 'approvals') ORDER BY relname`,
    );
    console.log(`  sizes (with indexes): ${sizes.rows.map((row) => `${row.relname} ${row.size}`).join(', ')}`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const base = new URL(
    process.env.TEST_DATABASE_ADMIN_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  base.pathname = `/automations_bench_${Date.now()}`;
  const url = base.toString();
  console.log(`database ${base.pathname.slice(1)}: migrating`);
  await ensureDatabaseExists(url);
  await migrateDatabase(url);

  const config = loadRuntimeConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: url,
    QUEUE_PREFIX: `bench_${process.pid}`,
    DB_POOL_SIZE: '10',
  });
  const app = await createApiApp(config, { logger: false });
  try {
    const provisioner = new AgencyProvisioner(app.get(DataSource));
    const agency = await provisioner.createAgency({
      name: 'Bench Agency',
      adminEmail: `bench-${Date.now()}@bench.test`,
      adminPassword: 'bench password 1234',
      timezone: 'America/New_York',
    });
    console.log(`seeding ${RUNS.toLocaleString('en')} runs`);
    await seed(url, agency.agencyId);

    const fastify = app.getHttpAdapter().getInstance();
    const call = async (query: string) => {
      const started = performance.now();
      const response = await fastify.inject({
        method: 'GET',
        url: `/api/v1/workflows/analytics${query}`,
        headers: { authorization: `Bearer ${agency.apiKey}` },
      });
      const elapsed = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`analytics answered ${response.statusCode}: ${response.body}`);
      return { elapsed, body: response.json() };
    };
    const measure = async (label: string, query: string) => {
      const warm = await call(query);
      const timings: number[] = [];
      for (let i = 0; i < CALLS; i++) timings.push((await call(query)).elapsed);
      console.log(
        `${label}: p50 ${median(timings).toFixed(0)} ms over ${CALLS} calls (min ${Math.min(...timings).toFixed(0)}, max ${Math.max(...timings).toFixed(0)}; warm-up ${warm.elapsed.toFixed(0)} ms)`,
      );
      return warm.body;
    };

    const body = await measure('GET /workflows/analytics (last 30 days, all workflows)', '');
    console.log(
      `  counted: ${body.totals.total.toLocaleString('en')} runs (success rate ${(body.totals.successRate * 100).toFixed(2)} %), avg ${body.durations.avgMs} ms, p95 ${body.durations.p95Ms} ms, ` +
        `${body.perDay.length} days, ${body.perWorkflow.length} workflows, ${body.failuresByActionType.reduce((sum: number, row: { failures: number }) => sum + row.failures, 0).toLocaleString('en')} failed steps, ` +
        `${body.approvals.requested.toLocaleString('en')} approvals, ${body.timeSaved.minutes.toLocaleString('en')} minutes saved`,
    );
    const workflowId = body.perWorkflow[0].workflowId;
    await measure(`GET /workflows/analytics?workflowId= (one of 10 workflows)`, `?workflowId=${workflowId}`);
    const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
    await measure('GET /workflows/analytics?from=<7 days ago>', `?from=${encodeURIComponent(week)}`);

    // Where the time goes: each statement alone (the endpoint runs the four big ones in parallel), median of 3.
    const dataSource = app.get(DataSource);
    const range = { from: new Date(Date.now() - 30 * 86_400_000), to: new Date(), workflowId: null };
    const alone = async <T>(work: (queries: AnalyticsQueries) => Promise<T>) => {
      const timings: number[] = [];
      for (let i = 0; i < 3; i++) {
        await dataSource.transaction(async (manager) => {
          await manager.query(`SELECT set_config('work_mem', '64MB', true)`);
          const started = performance.now();
          await work(new AnalyticsQueries(manager, agency.agencyId));
          timings.push(performance.now() - started);
        });
      }
      return `${median(timings).toFixed(0)} ms`;
    };
    const days = await new AnalyticsQueries(dataSource.manager, agency.agencyId).days('America/New_York', range);
    console.log(
      `  statements alone: runs per (workflow, day, status) ${await alone((q) => q.runCells(range, days))}, durations avg+p95 ${await alone((q) => q.durations(range))}, ` +
        `steps per action type ${await alone((q) => q.stepCounts(range))}, approvals ${await alone((q) => q.approvals(range, new Date()))}`,
    );
    console.log(
      `  machine: ${cpus().length} CPUs, load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await app.close();
    if (!KEEP) {
      const adminUrl = new URL(url);
      adminUrl.pathname = '/postgres';
      const admin = new Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${base.pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    } else {
      console.log(`kept ${url}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
