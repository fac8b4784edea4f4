import pg from 'pg';
import { closedLoop, openLoop } from './http.mjs';
import { connectionReport, phaseMetrics, recordPhase, waitForRuns } from './measure.mjs';
import { ProcSampler } from './sampler.mjs';
import { ADMIN_URL, parseRedisInfo, startStack } from './stack.mjs';
import { rate, round, summarize } from './stats.mjs';

/**
 * Starts a workload's stack and its process sampler (api, worker, the Redis server when it runs on
 * this machine, and the Postgres backends connected to the bench database).
 */
export async function openWorkload(ctx, workload) {
  const stack = await startStack({
    workload,
    stamp: ctx.stamp,
    engineEnv: ctx.options.engineEnv,
    keep: ctx.options.keep,
    log: ctx.log,
  });
  const admin = new pg.Client({ connectionString: ADMIN_URL, application_name: 'bench-sampler' });
  admin.on('error', () => undefined);
  await admin.connect();
  const sampler = new ProcSampler({
    pgBackends: async () =>
      (
        await admin.query(
          `SELECT pid, backend_start AS "backendStart" FROM pg_stat_activity WHERE datname = $1 AND application_name <> 'bench-harness' AND backend_type = 'client backend'`,
          [stack.dbName],
        )
      ).rows,
  });
  sampler.track('api', stack.pids.api);
  sampler.track('worker', stack.pids.worker);
  const redisPid = Number(parseRedisInfo(await stack.redis.info('server')).process_id);
  if (Number.isInteger(redisPid)) sampler.track('redis', redisPid);
  sampler.start();
  const close = async () => {
    sampler.stop();
    await admin.end().catch(() => undefined);
    await stack.close();
  };
  return { stack, sampler, close };
}

/** Redis server CPU seconds (instance-wide: other users of the server count too). */
export async function redisCpu(redis) {
  const info = parseRedisInfo(await redis.info('cpu'));
  return Number(info.used_cpu_sys) + Number(info.used_cpu_user);
}

function httpSummary(sends) {
  return { requests: sends.requests, errors: sends.errors, firstError: sends.firstError, ms: summarize(sends.httpMs) };
}

/**
 * Sends events, waits until their runs settle, and measures the phase: acceptance (client side),
 * processing, run completion and latency (Postgres side), and process resources over the window.
 */
export async function measuredPhase(ctx, workload, phase, { send, expectedRuns, statuses, deadlineMs }) {
  const { stack, sampler } = workload;
  if (workload.aborted) return { phase, skipped: workload.aborted, expectedRuns, allCompleted: false };
  const window = sampler.window();
  const redisCpuStart = await redisCpu(stack.redis).catch(() => NaN);
  const retriesBefore = stack.api.retries429;
  const sends = await send();
  await recordPhase(stack.db, phase, sends.ids);
  // Each accepted event triggers exactly one run; a refused request is an error of the phase, not a run to wait for.
  const expected = Math.min(expectedRuns, sends.ids.length);
  const alive = () => stack.children.every((child) => child.exitCode === null && child.signalCode === null);
  const settled = await waitForRuns(stack.db, phase, {
    expected,
    statuses,
    deadlineMs: deadlineMs ?? ctx.options.sizes.deadlineSeconds * 1000,
    stallMs: ctx.options.sizes.stallSeconds * 1000,
    alive,
  });
  const resources = window.close();
  resources.processes.redis = {
    ...(resources.processes.redis ?? {}),
    serverCpuSeconds: round((await redisCpu(stack.redis).catch(() => NaN)) - redisCpuStart, 2),
  };
  let connections = null;
  if (!settled.done) {
    const why = settled.timedOut ? 'deadline passed' : `no progress for ${settled.stalledSeconds} s`;
    connections = await connectionReport(stack.dbName).catch((error) => [{ error: error.message }]);
    workload.aborted = `${phase}: ${why}`;
    ctx.log(
      `${stack.workload}/${phase}: ${why} with ${settled.settled}/${expectedRuns} runs settled (${JSON.stringify(settled.byStatus)}, ${settled.unprocessed} events unprocessed); the workload's later phases are skipped. Connections: ${JSON.stringify(connections)}`,
    );
  }
  const metrics = statuses ? null : await phaseMetrics(stack.db, phase);
  return {
    phase,
    eventsSent: sends.ids.length,
    eventsAcceptedPerSecond: rate(sends.ids.length, sends.acceptSeconds),
    http: httpSummary(sends),
    retries429: stack.api.retries429 - retriesBefore,
    ...(sends.offeredRate !== undefined
      ? {
          offeredRate: sends.offeredRate,
          achievedSendRate: sends.achievedSendRate,
          maxBehindScheduleMs: sends.maxBehindScheduleMs,
        }
      : {}),
    expectedRuns,
    settled: {
      done: settled.done,
      byStatus: settled.byStatus,
      unprocessedEvents: settled.unprocessed,
      ...(settled.done
        ? {}
        : { timedOut: settled.timedOut, stalledSeconds: settled.stalledSeconds ?? null, connections }),
    },
    allCompleted:
      sends.errors === 0 &&
      sends.ids.length === expectedRuns &&
      settled.done &&
      (statuses ? true : (settled.byStatus.completed ?? 0) === expectedRuns && settled.total === expectedRuns),
    ...(metrics ?? {}),
    resources,
  };
}

/** Events of a burst: `perClient` passes over the clients, one stage change to onboarding each. */
export function burstEvents(clients, count) {
  return Array.from({ length: count }, (_, index) => clients[index % clients.length].id);
}

/** Closed loop of single-event POSTs. */
export function singleEventSender(stack, clientIds, concurrency, eventOf) {
  return () =>
    closedLoop(clientIds.length, concurrency, async (index) => {
      const response = await stack.api.call('POST', '/api/v1/events', eventOf(clientIds[index]), [202]);
      return [response.body.id];
    });
}

/** Open loop of single-event POSTs at `rate` per second for `seconds`. */
export function pacedSender(stack, clients, rateValue, seconds, eventOf) {
  return () =>
    openLoop(rateValue, seconds, async (index) => {
      const response = await stack.api.call(
        'POST',
        '/api/v1/events',
        eventOf(clients[index % clients.length].id),
        [202],
      );
      return [response.body.id];
    });
}

/** Closed loop of batch POSTs: `batches` of `size` events cycling over the clients. */
export function batchSender(stack, clients, batches, size, concurrency, eventOf) {
  return () =>
    closedLoop(batches, concurrency, async (batch) => {
      const events = Array.from({ length: size }, (_, i) => eventOf(clients[(batch * size + i) % clients.length].id));
      const response = await stack.api.call('POST', '/api/v1/events', { events }, [202]);
      return response.body.ids;
    });
}
