#!/usr/bin/env node
// Benchmark harness (issue 5): W1 throughput and latency, W1-paced, W2 waiting runs, W3 many
// workflows, W4 batch ingest, against real api and worker processes from dist/. Not part of npm test;
// apps/worker/test/bench-smoke.e2e-spec.ts runs it with --smoke. Usage: node bench/run.mjs --help
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import Redis from 'ioredis';
import { parseOptions, USAGE } from './lib/args.mjs';
import { activePeers, N8N_VERSION, runN8nPeer } from './lib/peer/n8n.mjs';
import { figuresOf, formatPeerTable, formatTable, peerComparison } from './lib/report.mjs';
import {
  activeStacks,
  BENCH_ENV,
  BENCH_ENV_REASONS,
  REDIS_URL,
  ROOT,
  assertBuilt,
  parseRedisInfo,
  stampNow,
  withAdmin,
} from './lib/stack.mjs';
import { runW1 } from './lib/workloads/w1.mjs';
import { runW2 } from './lib/workloads/w2.mjs';
import { runW3 } from './lib/workloads/w3.mjs';
import { runW4 } from './lib/workloads/w4.mjs';

const RUNNERS = { W1: runW1, W2: runW2, W3: runW3, W4: runW4 };

function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function environment() {
  const pgInfo = await withAdmin(async (admin) => {
    const setting = async (name) =>
      (await admin.query(`SELECT current_setting($1, true) AS value`, [name])).rows[0].value;
    return {
      version: (await admin.query('SHOW server_version')).rows[0].server_version,
      synchronousCommit: await setting('synchronous_commit'),
      fsync: await setting('fsync'),
      sharedBuffers: await setting('shared_buffers'),
      maxConnections: await setting('max_connections'),
      sharedPreloadLibraries: await setting('shared_preload_libraries'),
    };
  });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  const server = parseRedisInfo(await redis.info('server'));
  const persistence = parseRedisInfo(await redis.info('persistence'));
  redis.disconnect();
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    // not a checkout
  }
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage1m: os.loadavg()[0],
    gitCommit: commit,
    postgres: pgInfo,
    redis: { version: server.redis_version, aofEnabled: persistence.aof_enabled === '1' },
  };
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  assertBuilt();
  const stamp = stampNow();
  const startedAt = new Date();
  const outFile = resolve(
    options.out ??
      join(
        ROOT,
        'bench',
        'results',
        `${startedAt
          .toISOString()
          .replace(/:/g, '-')
          .replace(/\.\d+Z$/, 'Z')}.json`,
      ),
  );
  const ctx = { options, stamp, log };
  const env = await environment();
  log(
    `workloads ${options.only.join(', ')}${options.smoke ? ' (smoke sizes)' : ''}; ${env.cpus} CPUs, load ${env.loadAverage1m.toFixed(2)}`,
  );

  const results = [];
  let peer = null;
  for (const name of options.only) {
    const started = Date.now();
    try {
      log(`${name}: starting`);
      const result = await RUNNERS[name](ctx);
      result.seconds = Math.round((Date.now() - started) / 100) / 10;
      result.allRunsCompleted = allCompleted(result);
      results.push(result);
      log(`${name}: done in ${result.seconds} s`);
    } catch (error) {
      log(`${name} failed: ${error.stack ?? error}`);
      results.push({
        workload: name,
        error: String(error.message ?? error),
        seconds: Math.round((Date.now() - started) / 100) / 10,
        allRunsCompleted: false,
      });
    }
    if (name === 'W1' && options.peer) peer = await runPeer(ctx, results.at(-1));
  }

  const figures = results.flatMap(figuresOf);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    smoke: options.smoke,
    workloads: options.only,
    sizes: options.sizes,
    environment: env,
    processEnv: { ...BENCH_ENV, ...options.engineEnv, reasons: BENCH_ENV_REASONS },
    notes: [
      'Each workload: a fresh database and QUEUE_PREFIX, real api and worker processes from dist/, dropped at the end unless --keep.',
      "Latencies are measured in Postgres: events.created_at → the run's first completed action step (run_steps.finished_at, branches excluded) and → workflow_runs.finished_at.",
      'runs completed/s = completed runs ÷ (last finished_at − first event created_at); events accepted/s = 202s ÷ (last 202 − first request), measured by the client.',
      'Peak RSS: max of /proc/<pid>/status VmRSS sampled every 200 ms over the phase; CPU seconds: /proc/<pid>/stat utime+stime deltas ÷ CLK_TCK.',
      'The load generator runs on the same machine; its CPU is reported per phase (resources.processes.benchClient).',
    ],
    results,
    figures,
  };
  if (peer) {
    if (!peer.error) peer.comparison = peerComparison(figures, peer);
    report.peer = peer;
  }
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

  process.stdout.write(`\n${formatTable(figures)}\n\n`);
  if (peer) process.stdout.write(`${formatPeerTable(peer)}\n\n`);
  for (const result of results) {
    const burst = result.phases?.burst;
    if (!burst?.database?.tables) continue;
    const tables = Object.entries(burst.database.tables)
      .map(([table, w]) => [
        table,
        [
          w.insertsPerRun && `+${w.insertsPerRun}`,
          w.updatesPerRun && `~${w.updatesPerRun}`,
          w.deletesPerRun && `-${w.deletesPerRun}`,
        ]
          .filter(Boolean)
          .join(' '),
      ])
      .filter(([, changes]) => changes)
      .map(([table, changes]) => `${table} ${changes}`)
      .join(', ');
    process.stdout.write(
      `${result.workload} burst, Postgres rows per run (+insert ~update -delete): ${tables}; rows fetched per run: ${burst.database.rowsFetchedPerRun}\n`,
    );
    process.stdout.write(
      `${result.workload} burst CPU per run: api ${perRunMs(burst, 'api')} ms, worker ${perRunMs(burst, 'worker')} ms, Postgres backends ${perRunMs(burst, 'postgresBackends')} ms (commits count every autocommit statement too)\n`,
    );
    if (burst.database.statementsUnavailableBecause)
      process.stdout.write(
        `${result.workload} burst: statements per run unavailable (${burst.database.statementsUnavailableBecause}); commits per run from pg_stat_database instead.\n`,
      );
  }
  process.stdout.write(
    `Settings given to the processes: ${Object.entries({ ...BENCH_ENV, ...options.engineEnv })
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}; agency maxRunsPerMinute raised to 100000 (the API maximum).\n`,
  );
  if (options.smoke) process.stdout.write('Smoke sizes: the figures check the harness, not the targets.\n');
  process.stdout.write(`Results: ${relative(process.cwd(), outFile) || outFile}\n`);

  if (results.some((result) => result.error)) return 1;
  if (results.some((result) => !result.allRunsCompleted)) return 3;
  if (options.strict && figures.some((figure) => figure.pass === false)) return 4;
  if (options.strict && peer?.error) return 5;
  return 0;
}

/** The peer's run of W1's burst (same event count and concurrency), right after W1; never throws. */
async function runPeer(ctx, w1) {
  const { peer, sizes } = ctx.options;
  const missing = (reason, started = Date.now()) => ({
    name: peer.name,
    version: N8N_VERSION,
    error: reason,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  });
  if (w1.error) return missing('W1 failed, so the peer was not run');
  const started = Date.now();
  try {
    log(`peer ${peer.name}: starting (scratch folder ${peer.dir})`);
    const section = await runN8nPeer({
      scratchDir: peer.dir,
      events: sizes.clients * 2, // W1's burst: two events per client (workloads/w1.mjs)
      concurrency: sizes.concurrency,
      warmupEvents: sizes.warmupEvents,
      log,
    });
    section.seconds = Math.round((Date.now() - started) / 100) / 10;
    log(`peer ${peer.name}: done in ${section.seconds} s, ${section.completedPerS} automations completed/s`);
    return section;
  } catch (error) {
    log(`peer ${peer.name} failed: ${error.stack ?? error}`);
    return missing(String(error.message ?? error), started);
  }
}

function perRunMs(phase, name) {
  const seconds = phase.resources?.processes?.[name]?.cpuSeconds;
  return Number.isFinite(seconds) && phase.runsCompleted > 0
    ? Math.round((seconds * 1000 * 10) / phase.runsCompleted) / 10
    : '?';
}

function allCompleted(result) {
  const phases = Object.values(result.phases ?? {}).flatMap((phase) => (Array.isArray(phase) ? phase : [phase]));
  return phases.length > 0 && phases.every((phase) => phase.allCompleted === true);
}

// Interrupted: stop the processes under test, drop what the bench created, then exit (main() must not exit first).
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: stopping processes and dropping databases`);
    await Promise.all([
      ...[...activeStacks].map((stack) => stack.closeNow().catch(() => undefined)),
      ...[...activePeers].map((stop) => stop().catch(() => undefined)),
    ]);
    process.exit(130);
  });
}

main().then(
  (code) => {
    if (interrupted) return;
    process.exitCode = code;
    // pg/ioredis handles are closed by then; a stray keep-alive socket must not hold the process.
    setTimeout(() => process.exit(code), 500).unref();
  },
  (error) => {
    log(error.stack ?? String(error));
    process.exit(1);
  },
);
