#!/usr/bin/env node
// Chaos under load (issue 11, item 6). Usage: node bench/chaos.mjs --help
// An api and two workers from dist/ against a private redis-server and a fresh Postgres database; a steady
// event load while workers are SIGKILLed, Redis restarts and the workers' Postgres connections are
// terminated; then every accepted event must have its verdict, every run must be terminal, nothing internal
// may exist twice and every external send must have happened at least once.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ApiClient, waitForHttp } from './lib/http.mjs';
import { setRunQuota } from './lib/fixtures.mjs';
import { summarize } from './lib/stats.mjs';
import {
  DIST,
  ROOT,
  assertBuilt,
  cli,
  databaseUrl,
  freePort,
  spawnProcess,
  stampNow,
  stopChild,
  waitForLog,
  withAdmin,
} from './lib/stack.mjs';
import { CHAOS_USAGE, faultPlan, parseChaosOptions } from './lib/chaos/args.mjs';
import { terminateConnectionsOf } from './lib/chaos/pg-faults.mjs';
import { startPrivateRedis, startSlackFake, startSmtpFake } from './lib/chaos/servers.mjs';
import { recoveryOf, verifyChaos } from './lib/chaos/verify.mjs';
import { CHAOS_STAGES, KINDS, TERMINAL, chaosWorkflows, kindOf, seedChaosClients } from './lib/chaos/workload.mjs';

const WORKER_APP_PREFIX = 'chaos-worker-';
const MAX_IN_FLIGHT = 500;

function log(message) {
  process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Everything started, so that every exit path stops it (by pid) and drops the database. */
const resources = {
  stopping: false,
  children: new Set(),
  redis: null,
  fakes: [],
  dbName: null,
  keep: false,
  db: null,
  api: null,
  redisDir: null,
};

async function cleanup() {
  resources.stopping = true;
  resources.api?.close();
  await Promise.all([...resources.children].map((child) => stopChild(child).catch(() => undefined)));
  await resources.redis?.stop().catch(() => undefined);
  await Promise.all(resources.fakes.map((fake) => fake.close().catch(() => undefined)));
  if (resources.db) await resources.db.end().catch(() => undefined);
  if (resources.dbName && !resources.keep)
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${resources.dbName}" WITH (FORCE)`)).catch(
      (error) => log(`drop ${resources.dbName}: ${error.message}`),
    );
  else if (resources.dbName) log(`kept database ${resources.dbName}`);
  if (resources.redisDir && !resources.keep) rmSync(resources.redisDir, { recursive: true, force: true });
}

process.on('exit', () => {
  for (const child of resources.children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  resources.redis?.kill();
});

/** One POST /events, retried with the same idempotency key on a network error, a timeout or a 5xx (what an integrator does). */
async function postEventWithRetries(api, body, { timeoutMs = 60_000, giveUpMs = 300_000 } = {}) {
  const started = performance.now();
  let attempts = 0;
  let lastError = null;
  while (performance.now() - started < giveUpMs) {
    attempts += 1;
    let timer;
    try {
      const response = await Promise.race([
        api.raw('POST', '/api/v1/events', body),
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs)),
        ),
      ]);
      if (response.status === 202)
        return { id: response.body.id, attempts, ms: performance.now() - started, acceptedAt: performance.now() };
      lastError = `HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`;
      if (response.status < 500 && response.status !== 429)
        return { id: null, attempts, ms: performance.now() - started, error: lastError };
    } catch (error) {
      lastError = error.message;
    } finally {
      clearTimeout(timer);
    }
    await sleep(Math.min(2000, 200 * attempts));
  }
  return { id: null, attempts, ms: performance.now() - started, error: lastError };
}

async function main() {
  let options;
  try {
    options = parseChaosOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n${CHAOS_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${CHAOS_USAGE}\n`);
    return 0;
  }
  assertBuilt();
  resources.keep = options.keep;
  const stamp = stampNow();
  const startedAt = new Date();
  const outFile = resolve(
    options.out ??
      join(
        ROOT,
        'bench',
        'results',
        `chaos-${startedAt
          .toISOString()
          .replace(/:/g, '-')
          .replace(/\.\d+Z$/, 'Z')}.json`,
      ),
  );
  const logDir = join(os.tmpdir(), 'automations-bench', stamp);
  mkdirSync(logDir, { recursive: true });
  const plan = faultPlan(options);
  const total = options.rate * options.seconds;
  log(
    `${total} events at ${options.rate}/s for ${options.seconds} s, ${options.workers} workers; faults: ${plan.map((f) => `${f.at}s ${f.kind}`).join(', ')}; logs in ${logDir}`,
  );

  // Collaborators: Slack and SMTP fakes, a private Redis.
  const slack = await startSlackFake();
  const smtp = await startSmtpFake();
  resources.fakes.push(slack, smtp);
  resources.redisDir = join(logDir, 'redis');
  const redis = await startPrivateRedis({ dir: resources.redisDir, log });
  resources.redis = redis;

  const dbName = `automations_chaos_${stamp}`;
  resources.dbName = dbName;
  const port = await freePort();
  const engineEnv = {
    ...(options.leaseSeconds !== null ? { RUN_LEASE_SECONDS: String(options.leaseSeconds) } : {}),
    ...(options.retryBackoffMs !== null ? { RETRY_BACKOFF_MS: String(options.retryBackoffMs) } : {}),
    ...(options.workerConcurrency !== null ? { WORKER_CONCURRENCY: String(options.workerConcurrency) } : {}),
  };
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: `chaos-${randomBytes(16).toString('hex')}`,
    ENCRYPTION_KEY: `chaos-${randomBytes(16).toString('hex')}`,
    DATABASE_URL: databaseUrl(dbName),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `chaos_${stamp}`,
    PORT: String(port),
    SLACK_API_URL: slack.url,
    SMTP_URL: smtp.url,
    // One API key sends every event: the per-credential REST limit (1200/min) would throttle the load generator.
    API_RATE_LIMIT_PER_MINUTE: '0',
    ...engineEnv,
  };
  delete env.WEB_DIST_DIR;
  delete env.PGAPPNAME;

  await withAdmin((admin) => admin.query(`CREATE DATABASE "${dbName}"`));
  // create-agency migrates the new database first (as every CLI command does).
  const agency = await cli(
    [
      'create-agency',
      '--name',
      'Chaos Agency',
      '--admin-email',
      `chaos-${stamp}@chaos.test`,
      '--admin-password',
      `chaos-${randomBytes(12).toString('hex')}`,
    ],
    env,
  );
  const db = new pg.Client({ connectionString: env.DATABASE_URL, application_name: 'chaos-harness' });
  db.on('error', (error) => log(`harness connection: ${error.message}`));
  await db.connect();
  resources.db = db;

  const apiProcess = spawnProcess('api', DIST.api, env, logDir, 'chaos');
  resources.children.add(apiProcess);
  const api = new ApiClient(`http://127.0.0.1:${port}`, agency.apiKey, { maxSockets: 512 });
  resources.api = api;

  // Workers: each with its own application_name (PGAPPNAME, honoured by node-postgres) so its connections can be found.
  let workerSeq = 0;
  const workers = [];
  const unexpectedExits = [];
  const startWorker = () => {
    workerSeq += 1;
    const name = `worker-${workerSeq}`;
    const child = spawnProcess(
      name,
      DIST.worker,
      { ...env, PGAPPNAME: `${WORKER_APP_PREFIX}${workerSeq}` },
      logDir,
      'chaos',
    );
    const record = { name, child, pid: child.pid, startedAtMs: performance.now(), readyAfterMs: null, killed: false };
    resources.children.add(child);
    workers.push(record);
    child.once('exit', (code, signal) => {
      if (!record.killed && !resources.stopping) {
        unexpectedExits.push({
          name,
          pid: child.pid,
          code,
          signal,
          atMs: t0 ? Math.round(performance.now() - t0) : null,
        });
        log(`${name} (pid ${child.pid}) exited by itself (${code ?? signal}): see ${child.logFile}; starting another`);
        startWorker();
      }
    });
    record.ready = waitForLog(child, 'Engine started', 180_000).then(
      () => (record.readyAfterMs = Math.round(performance.now() - record.startedAtMs)),
      (error) => !record.killed && !resources.stopping && log(`${name}: ${error.message}`),
    );
    return record;
  };
  let t0 = null;

  for (let i = 0; i < options.workers; i += 1) startWorker();
  await waitForHttp(api, '/health/ready', 90_000, () => apiProcess.exitCode === null);
  await Promise.all(workers.map((worker) => worker.ready));
  if (workers.some((worker) => worker.readyAfterMs === null)) throw new Error('a worker did not start');
  log(
    `api pid ${apiProcess.pid} on :${port}, workers ${workers.map((w) => w.pid).join(', ')}, redis pid ${redis.pid} on :${redis.port}, database ${dbName}`,
  );

  // Setup the way a tenant does, over the API: integrations, quota, workflows. Clients by SQL (like the other workloads).
  await api.call('PUT', '/api/v1/integrations/slack', {
    botToken: `xoxb-chaos-${randomBytes(8).toString('hex')}`,
    defaultChannel: 'C0CHAOS01',
  });
  await api.call('PUT', '/api/v1/integrations/email', {
    fromAddress: 'automations@chaos.test',
    fromName: 'Chaos Agency',
  });
  await setRunQuota(api, 100_000);
  await api.call('PATCH', '/api/v1/agency', { pipelineStages: CHAOS_STAGES });
  const workflowIds = {};
  for (const [key, definition] of Object.entries(chaosWorkflows()))
    workflowIds[key] = (await api.call('POST', '/api/v1/workflows', definition, [201])).body.id;
  const clientIds = await seedChaosClients(db, agency.agencyId, total);
  log(`setup done: ${Object.keys(workflowIds).length} workflows, ${clientIds.length} clients`);

  // Background: approvals, the delay test clock, lease take-over tracking.
  const background = { approved: 0, approveErrors: 0, approveConflicts: 0, compressedDelays: 0, stop: false };
  const approving = new Set();
  const approver = (async () => {
    while (!background.stop) {
      let items = [];
      try {
        const response = await api.raw('GET', '/api/v1/workflows/approvals?pageSize=200');
        if (response.status === 200) items = response.body.items ?? [];
      } catch {
        // api busy or Redis down: next round
      }
      const todo = items.filter((item) => !approving.has(item.runId));
      await Promise.all(
        todo.slice(0, 200).map(async (item) => {
          approving.add(item.runId);
          try {
            const response = await api.raw('POST', `/api/v1/workflows/runs/${item.runId}/approve`);
            if (response.status === 200) background.approved += 1;
            else if (response.status === 409) background.approveConflicts += 1;
            else background.approveErrors += 1;
          } catch {
            background.approveErrors += 1;
          } finally {
            approving.delete(item.runId);
          }
        }),
      );
      await sleep(todo.length ? 100 : 500);
    }
  })();
  const delayClock =
    options.delaySeconds > 0
      ? (async () => {
          const shiftSeconds = 60 - options.delaySeconds;
          while (!background.stop) {
            try {
              const result = await db.query(
                `WITH moved AS (
                   UPDATE run_steps SET scheduled_for = scheduled_for - make_interval(secs => $2)
                    WHERE agency_id = $1 AND status = 'waiting' AND scheduled_for > now() + make_interval(secs => $3)
                   RETURNING run_id, scheduled_for)
                 UPDATE workflow_runs r SET next_attempt_at = m.scheduled_for FROM moved m WHERE r.id = m.run_id AND r.status = 'waiting' RETURNING r.id`,
                [agency.agencyId, shiftSeconds, options.delaySeconds],
              );
              background.compressedDelays += result.rowCount;
            } catch (error) {
              log(`delay clock: ${error.message}`);
            }
            await sleep(500);
          }
        })()
      : Promise.resolve();

  // Stranded runs of killed workers: when did another worker take each of them over?
  const strandedWatch = [];
  const watcher = (async () => {
    while (!background.stop) {
      for (const watch of strandedWatch.filter((w) => w.recoveredAfterMs === null)) {
        try {
          const { rows } = await db.query(
            `SELECT count(*)::int AS n FROM workflow_runs WHERE id = ANY($1) AND status = 'running' AND lease_owner LIKE $2`,
            [watch.runIds, `%:${watch.pid}:%`],
          );
          if (rows[0].n === 0) watch.recoveredAfterMs = Math.round(performance.now() - watch.killedAt);
        } catch {
          // next round
        }
      }
      await sleep(250);
    }
  })();

  // The fault timeline.
  const faultLog = [];
  const runFault = async (fault) => {
    const atMs = Math.round(performance.now() - t0);
    const entry = { kind: fault.kind, plannedAtS: fault.at, atMs };
    try {
      if (fault.kind === 'worker-kill') {
        // The oldest worker that is consuming (a worker still starting has nothing to lose yet).
        const victim = workers
          .filter(
            (w) => !w.killed && w.readyAfterMs !== null && w.child.exitCode === null && w.child.signalCode === null,
          )
          .sort((a, b) => a.startedAtMs - b.startedAtMs)[0];
        if (!victim) throw new Error('no started worker to kill (the replacements are still starting): kill skipped');
        victim.killed = true;
        const killedAt = performance.now();
        victim.child.kill('SIGKILL');
        const replacement = startWorker();
        const { rows } = await db.query(
          `SELECT id FROM workflow_runs WHERE status = 'running' AND lease_owner LIKE $1`,
          [`%:${victim.pid}:%`],
        );
        const watch = {
          pid: victim.pid,
          killedAt,
          runIds: rows.map((row) => row.id),
          recoveredAfterMs: rows.length ? null : 0,
        };
        strandedWatch.push(watch);
        Object.assign(entry, {
          worker: victim.name,
          pid: victim.pid,
          replacement: replacement.name,
          strandedRuns: rows.length,
          watch,
          replacementRecord: replacement,
        });
      } else if (fault.kind === 'redis-restart' || fault.kind === 'redis-restart-flushed') {
        const flushed = fault.kind === 'redis-restart-flushed';
        const keysBefore = await redis.dbsize().catch(() => null);
        const { downMs } = await redis.restart({ flush: flushed, downMs: options.redisDownSeconds * 1000 });
        Object.assign(entry, {
          flushed,
          keysBefore,
          keysAfterRestart: await redis.dbsize().catch(() => null),
          downMs,
          upAtMs: Math.round(performance.now() - t0),
        });
      } else if (fault.kind === 'pg-outage') {
        // Postgres gone for the workers for a while: new connections to the database refused, theirs terminated again every 250 ms.
        let terminated = 0;
        await withAdmin(async (admin) => {
          await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
          try {
            const until = performance.now() + options.pgOutageSeconds * 1000;
            while (performance.now() < until) {
              const livePids = workers
                .filter((w) => !w.killed && w.child.exitCode === null && w.child.signalCode === null)
                .map((w) => w.pid);
              terminated += (
                await terminateConnectionsOf(admin, { dbName, pids: livePids, appPrefix: WORKER_APP_PREFIX })
              ).terminated;
              await sleep(250);
            }
          } finally {
            await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
          }
        });
        Object.assign(entry, {
          terminatedConnections: terminated,
          downMs: options.pgOutageSeconds * 1000,
          upAtMs: Math.round(performance.now() - t0),
        });
      } else if (fault.kind === 'pg-terminate') {
        const livePids = workers
          .filter((w) => !w.killed && w.child.exitCode === null && w.child.signalCode === null)
          .map((w) => w.pid);
        const result = await withAdmin((admin) =>
          terminateConnectionsOf(admin, { dbName, pids: livePids, appPrefix: WORKER_APP_PREFIX }),
        );
        Object.assign(entry, {
          terminatedConnections: result.terminated,
          workerPids: livePids,
          workerSocketPorts: result.ports,
        });
      }
    } catch (error) {
      entry.error = error.message;
    }
    entry.tookMs = Math.round(performance.now() - t0 - atMs);
    faultLog.push(entry);
    log(
      `fault ${fault.kind} at ${(atMs / 1000).toFixed(1)} s${entry.strandedRuns !== undefined ? `: ${entry.strandedRuns} runs leased by pid ${entry.pid}` : ''}${entry.terminatedConnections !== undefined ? `: ${entry.terminatedConnections} connections terminated` : ''}${entry.keysBefore !== undefined ? `: down ${entry.downMs} ms, ${entry.keysBefore} keys before, ${entry.keysAfterRestart} after` : ''}${entry.error ? `: ${entry.error}` : ''}`,
    );
  };

  // The load: open loop, event i at t0 + i / rate, to client i; stage by kind.
  const keyPrefix = `chaos-${stamp}-`;
  const accepted = new Map();
  const sendResults = new Array(total);
  const pending = new Set();
  t0 = performance.now();
  const loadStartedAtIso = new Date().toISOString();
  const faultsDone = (async () => {
    for (const fault of plan) {
      const wait = t0 + fault.at * 1000 - performance.now();
      if (wait > 0) await sleep(wait);
      await runFault(fault);
    }
  })();
  let behindMs = 0;
  let lastProgress = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = (index * 1000) / options.rate;
    const wait = due - (performance.now() - t0);
    if (wait > 1) await sleep(wait);
    behindMs = Math.max(behindMs, performance.now() - t0 - due);
    // A bounded number in flight: beyond it the load falls behind schedule (reported) instead of piling up timeouts.
    while (pending.size >= MAX_IN_FLIGHT) await Promise.race(pending);
    const kind = kindOf(index);
    const sentAt = performance.now() - t0;
    const body = {
      type: 'client.stage_changed',
      clientId: clientIds[index],
      idempotencyKey: `${keyPrefix}${index}`,
      data: { fromStage: 'lead', toStage: kind.toStage },
    };
    const promise = postEventWithRetries(api, body).then((result) => {
      sendResults[index] = { ...result, sentAt, doneAt: performance.now() - t0 };
      if (result.id) accepted.set(index, result.id);
    });
    pending.add(promise);
    promise.finally(() => pending.delete(promise));
    if (performance.now() - lastProgress > 10_000) {
      lastProgress = performance.now();
      log(`load: ${index + 1}/${total} sent, ${accepted.size} accepted, ${pending.size} in flight`);
    }
  }
  await Promise.all(pending);
  const loadSeconds = (performance.now() - t0) / 1000;
  await faultsDone;
  log(
    `load done in ${loadSeconds.toFixed(1)} s: ${accepted.size}/${total} accepted; draining (deadline ${options.drainSeconds} s)`,
  );

  // Drain: every event has its verdict and every run is terminal (approvals keep being approved meanwhile).
  const drainStarted = performance.now();
  let drained = false;
  let stable = 0;
  let lastState = null;
  let lastProgressAt = performance.now();
  const samples = [];
  while (performance.now() - drainStarted < options.drainSeconds * 1000) {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM events WHERE agency_id = $1 AND processed_at IS NULL) AS unprocessed,
              (SELECT count(*)::int FROM workflow_runs WHERE agency_id = $1 AND status <> ALL($2)) AS open,
              (SELECT count(*)::int FROM workflow_runs WHERE agency_id = $1) AS runs`,
      [agency.agencyId, TERMINAL],
    );
    const progress =
      lastState === null ||
      rows[0].unprocessed !== lastState.unprocessed ||
      rows[0].open !== lastState.open ||
      rows[0].runs !== lastState.runs;
    if (progress) lastProgressAt = performance.now();
    lastState = rows[0];
    samples.push({ atS: Math.round((performance.now() - t0) / 100) / 10, ...lastState });
    if (performance.now() - lastProgressAt > options.stallSeconds * 1000) {
      log(`drain: no progress for ${options.stallSeconds} s, giving up`);
      break;
    }
    if (lastState.unprocessed === 0 && lastState.open === 0) {
      stable += 1;
      if (stable >= 2) {
        drained = true;
        break;
      }
    } else stable = 0;
    if (samples.length % 10 === 0)
      log(
        `drain: ${lastState.unprocessed} events without verdict, ${lastState.open} runs not terminal, ${lastState.runs} runs`,
      );
    await sleep(1000);
  }
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  log(
    drained
      ? `drained in ${drainSeconds.toFixed(1)} s`
      : `NOT drained after ${drainSeconds.toFixed(1)} s: ${JSON.stringify(lastState)}`,
  );
  // External sends may still be in flight only for non-terminal runs; give the fakes a moment anyway.
  await sleep(500);

  background.stop = true;
  await Promise.all([approver, delayClock, watcher]);
  const verification = await verifyChaos({
    db,
    agencyId: agency.agencyId,
    keyPrefix,
    accepted,
    clientIds,
    workflowIds,
    slack,
    smtp,
  });
  const t0EpochMs = Date.parse(loadStartedAtIso);
  const faults = faultLog.map(({ watch, replacementRecord, ...entry }) => ({
    ...entry,
    ...(watch ? { strandedTakenOverAfterMs: watch.recoveredAfterMs } : {}),
    ...(replacementRecord ? { replacementReadyAfterMs: replacementRecord.readyAfterMs } : {}),
  }));
  const recovery = await recoveryOf({ db, agencyId: agency.agencyId, t0Ms: t0EpochMs, faults });
  resources.stopping = true;

  const results = sendResults.filter(Boolean);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    smoke: options.smoke,
    parameters: {
      faults: plan,
      pgOutageSeconds: options.pgOutageSeconds,
      stallSeconds: options.stallSeconds,
      rate: options.rate,
      seconds: options.seconds,
      workers: options.workers,
      killEvery: options.killEvery,
      redisRestarts: options.redisRestarts,
      pgKills: options.pgKills,
      redisDownSeconds: options.redisDownSeconds,
      drainSeconds: options.drainSeconds,
      delaySeconds: options.delaySeconds,
    },
    processEnv: {
      NODE_ENV: 'production',
      API_RATE_LIMIT_PER_MINUTE: '0',
      ...engineEnv,
      agencyMaxRunsPerMinute: 100_000,
    },
    environment: { node: process.version, cpus: os.cpus().length, loadAverage1m: os.loadavg()[0] },
    workload: { kinds: KINDS, workflows: chaosWorkflows() },
    load: {
      offered: total,
      accepted: accepted.size,
      notAccepted: total - accepted.size,
      firstError: results.find((r) => r.error)?.error ?? null,
      retriedRequests: results.filter((r) => r.attempts > 1).length,
      acceptMs: summarize(results.filter((r) => r.id).map((r) => r.ms)),
      loadSeconds: Math.round(loadSeconds * 10) / 10,
      acceptedPerSecond:
        Math.round((accepted.size / (Math.max(1, ...results.filter((r) => r.id).map((r) => r.doneAt)) / 1000)) * 10) /
        10,
      maxBehindScheduleMs: Math.round(behindMs),
    },
    drain: { drained, seconds: Math.round(drainSeconds * 10) / 10, last: lastState },
    approvals: {
      approvedByScript: background.approved,
      conflicts: background.approveConflicts,
      errors: background.approveErrors,
    },
    delayClock:
      options.delaySeconds > 0 ? { delaySeconds: options.delaySeconds, compressed: background.compressedDelays } : null,
    workers: {
      started: workerSeq,
      unexpectedExits,
      readyAfterMs: workers.map((w) => ({ name: w.name, pid: w.pid, readyAfterMs: w.readyAfterMs, killed: w.killed })),
    },
    verification,
    recovery: recovery.faults,
    stepCompletionsPerSecond: recovery.stepCompletionsPerSecond,
    drainSamples: samples,
    logDir,
  };
  report.pass =
    verification.lost.total === 0 &&
    verification.duplicated.internal === 0 &&
    verification.sends.slack.missing === 0 &&
    verification.sends.email.missing === 0 &&
    drained;
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${formatChaosTable(report)}\nResults: ${relative(process.cwd(), outFile) || outFile}\n`);
  return report.pass ? 0 : 1;
}

function formatChaosTable(report) {
  const v = report.verification;
  const rows = [
    ['events offered / accepted (202)', `${report.load.offered} / ${report.load.accepted}`, ''],
    [
      'offered rate / accepted rate (events/s) / most behind schedule',
      `${report.parameters.rate} / ${report.load.acceptedPerSecond} / ${Math.round(report.load.maxBehindScheduleMs / 100) / 10} s`,
      '',
    ],
    ['events stored / answer lost but stored', `${v.events.stored} / ${v.events.storedNotAccepted}`, ''],
    ['requests retried by the client (same idempotency key)', report.load.retriedRequests, ''],
    [
      'accept latency p50 / p99 / max (ms, with retries)',
      `${report.load.acceptMs.p50} / ${report.load.acceptMs.p99} / ${report.load.acceptMs.max}`,
      '',
    ],
    ['chained events (update_client → stage_change)', v.events.chained, ''],
    ['events without verdict', v.events.withoutVerdict, '= 0'],
    ['runs expected / found / terminal', `${v.runs.expected} / ${v.runs.found} / ${v.runs.terminal}`, 'equal'],
    [
      'runs by status',
      Object.entries(v.runs.byStatus)
        .map(([s, n]) => `${s} ${n}`)
        .join(', '),
      '',
    ],
    ['LOST (no verdict, missing run, not terminal, 202 not stored)', v.lost.total, '= 0'],
    [
      'DUPLICATED internal (runs, chained events, tasks/tickets/alerts/drafts/notifications/approvals)',
      v.duplicated.internal,
      '= 0',
    ],
    ['internal effects missing from completed runs', v.missingEffects.total, '= 0'],
    [
      'Slack sends: expected / delivered / missing / repeated',
      `${v.sends.slack.expected} / ${v.sends.slack.delivered} / ${v.sends.slack.missing} / ${v.sends.slack.duplicates}`,
      '>= 1 each',
    ],
    [
      'email sends: expected / delivered / missing / repeated',
      `${v.sends.email.expected} / ${v.sends.email.delivered} / ${v.sends.email.missing} / ${v.sends.email.duplicates}`,
      '>= 1 each',
    ],
    [
      'approvals expected / approved by the script',
      `${v.approvals.expected} / ${report.approvals.approvedByScript}`,
      '',
    ],
    [
      'drained (all verdicts, all runs terminal) after the load',
      report.drain.drained ? `yes, ${report.drain.seconds} s` : `NO (${report.drain.seconds} s)`,
      '',
    ],
    [
      'workers started / exited by themselves',
      `${report.workers.started} / ${report.workers.unexpectedExits.length}`,
      '',
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const lines = rows.map(([label, value, target]) => `${label.padEnd(width)}  ${String(value).padEnd(28)} ${target}`);
  lines.push(
    '',
    `${'fault'.padEnd(25)} ${'at (s)'.padStart(6)}  ${'detail'.padEnd(56)} ${'first step after'.padStart(16)}  ${'rate back (80%)'.padStart(15)}  runs taken over`,
  );
  for (const f of report.recovery) {
    const detail =
      f.kind === 'worker-kill'
        ? `pid ${f.pid}: ${f.strandedRuns} runs leased; replacement up in ${f.replacementReadyAfterMs ?? '?'} ms`
        : f.kind === 'pg-terminate'
          ? `${f.terminatedConnections} connections terminated`
          : f.kind === 'pg-outage'
            ? `${f.downMs} ms without Postgres; ${f.terminatedConnections} connections terminated`
            : `down ${f.downMs} ms; keys ${f.keysBefore} → ${f.keysAfterRestart}`;
    const ms = (value) => (value === null || value === undefined ? 'n/a' : `${value} ms`);
    lines.push(
      `${f.kind.padEnd(25)} ${(f.atMs / 1000).toFixed(1).padStart(6)}  ${detail.slice(0, 56).padEnd(56)} ${ms(f.firstStepCompletedAfterMs).padStart(16)}  ${ms(f.rateBackAfterMs).padStart(15)}  ${f.kind === 'worker-kill' ? ms(f.strandedTakenOverAfterMs) : ''}${f.error ? ` ERROR ${f.error}` : ''}`,
    );
  }
  lines.push(
    '',
    `Verdict: ${report.pass ? 'PASS' : 'FAIL'} (lost ${v.lost.total}, duplicated internal ${v.duplicated.internal}, external sends missing ${v.sends.slack.missing + v.sends.email.missing}${report.drain.drained ? '' : ', not drained'})`,
  );
  return lines.join('\n');
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: stopping processes and dropping the database`);
    await cleanup().catch(() => undefined);
    process.exit(130);
  });
}

main()
  .catch((error) => {
    log(error.stack ?? String(error));
    return 1;
  })
  .then(async (code) => {
    if (interrupted) return;
    await cleanup().catch((error) => log(`cleanup: ${error.message}`));
    process.exitCode = code;
    setTimeout(() => process.exit(code), 500).unref();
  });
