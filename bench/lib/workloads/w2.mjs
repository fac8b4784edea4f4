import { closedLoop } from '../http.mjs';
import { createWorkflow, resetClientHealth, stageEvent } from '../fixtures.mjs';
import { recordPhase, waitForRuns } from '../measure.mjs';
import { burstEvents, measuredPhase, openWorkload, singleEventSender } from '../phases.mjs';
import { parseRedisInfo, redisPrefixMemory, REDIS_URL } from '../stack.mjs';
import { round, summarize, MiB } from '../stats.mjs';
import { setupW1Agency } from './w1.mjs';

const usedMemory = async (redis) => Number(parseRedisInfo(await redis.info('memory')).used_memory);

/**
 * W2: many runs waiting at once — half on delays, half on approvals — created through the real path
 * (batched events → matcher → run → parked). Reports Redis memory (instance-wide used_memory delta,
 * and the exact MEMORY USAGE of the bench's keys), process RSS, W1's throughput before and while
 * they wait, and the lateness of delayed steps: a separate set of runs parked on a 1-minute delay
 * whose due times are moved a few seconds ahead (scheduled_for / next_attempt_at by SQL, the delayed
 * job re-armed with the engine's own EngineQueues.enqueueRun), measured as step started_at − due.
 */
export async function runW2(ctx) {
  const { sizes } = ctx.options;
  const workload = await openWorkload(ctx, 'W2');
  try {
    const { stack, sampler } = workload;
    const setup = await setupW1Agency(ctx, workload);
    // The API accepts only an agency's pipeline stages (PRODUCT §8.7): W2's own stages join the defaults.
    const agency = (await stack.api.call('GET', '/api/v1/agency', undefined, [200])).body;
    await stack.api.call(
      'PATCH',
      '/api/v1/agency',
      { pipelineStages: [...agency.pipelineStages, 'w2-delay', 'w2-approval', 'w2-late'] },
      [200],
    );
    const delayWorkflowId = await createWorkflow(stack.api, {
      name: 'Bench W2: delayed follow-up',
      triggers: [{ type: 'stage_change', config: { toStage: 'w2-delay' } }],
      steps: [
        {
          id: 'later',
          type: 'create_task',
          delayMinutes: sizes.w2DelayMinutes,
          config: { title: 'Follow up with {{client.name}}', priority: 'low' },
        },
      ],
    });
    const approvalWorkflowId = await createWorkflow(stack.api, {
      name: 'Bench W2: approval',
      triggers: [{ type: 'stage_change', config: { toStage: 'w2-approval' } }],
      steps: [
        {
          id: 'approve',
          type: 'add_alert',
          requiresApproval: true,
          config: { title: 'Review {{client.name}}', severity: 'info' },
        },
      ],
    });
    await createWorkflow(stack.api, {
      name: 'Bench W2: lateness probe',
      triggers: [{ type: 'stage_change', config: { toStage: 'w2-late' } }],
      steps: [
        {
          id: 'late',
          type: 'create_task',
          delayMinutes: 1,
          config: { title: 'Late check for {{client.name}}', priority: 'low' },
        },
      ],
    });
    const w1Events = burstEvents(setup.clients, sizes.clients * 2);
    const w1Send = () => singleEventSender(stack, w1Events, sizes.concurrency, (id) => stageEvent(id));

    ctx.log(`W2: W1 baseline (${w1Events.length} events)`);
    const baseline = await measuredPhase(ctx, workload, 'baseline', { send: w1Send(), expectedRuns: w1Events.length });

    const memoryBefore = await usedMemory(stack.redis);
    const prefixBefore = await redisPrefixMemory(stack.redis, stack.prefix);
    const rssBefore = sampler.currentRss();
    const total = sizes.w2Size;
    const delays = Math.floor(total / 2);
    const batchSize = 500;
    ctx.log(
      `W2: creating ${total} waiting runs (${delays} on ${sizes.w2DelayMinutes}-minute delays, ${total - delays} on approvals)`,
    );
    const population = await measuredPhase(ctx, workload, 'population', {
      send: () =>
        closedLoop(Math.ceil(total / batchSize), 2, async (batch) => {
          const events = [];
          for (let index = batch * batchSize; index < Math.min(total, (batch + 1) * batchSize); index += 1) {
            events.push(
              stageEvent(setup.clients[index % setup.clients.length].id, index < delays ? 'w2-delay' : 'w2-approval'),
            );
          }
          return (await stack.api.call('POST', '/api/v1/events', { events }, [202])).body.ids;
        }),
      expectedRuns: total,
      statuses: ['waiting', 'awaiting_approval'],
      deadlineMs: Math.max(sizes.deadlineSeconds * 1000, total * 20),
    });
    const memoryAfter = await usedMemory(stack.redis);
    const prefixAfter = await redisPrefixMemory(stack.redis, stack.prefix);
    const rssWaiting = sampler.currentRss();
    const waitingNow = async () =>
      (
        await stack.db.query(
          `SELECT count(*)::int AS n FROM workflow_runs WHERE workflow_id = ANY($1::uuid[]) AND status IN ('waiting', 'awaiting_approval')`,
          [[delayWorkflowId, approvalWorkflowId]],
        )
      ).rows[0].n;
    const waiting = await waitingNow();

    ctx.log(`W2: W1 while ${waiting} runs wait`);
    await resetClientHealth(stack.db, stack.agency.agencyId);
    const during = await measuredPhase(ctx, workload, 'during', { send: w1Send(), expectedRuns: w1Events.length });
    const stillWaitingAfterW1 = await waitingNow();

    ctx.log(`W2: delayed-step lateness on ${sizes.w2Lateness} runs`);
    const lateness = workload.aborted
      ? { phase: 'lateness', skipped: workload.aborted, allCompleted: false }
      : await measureLateness(ctx, stack, setup.clients, sizes.w2Lateness);

    return {
      workload: 'W2',
      setup: {
        clients: setup.clients.length,
        workflows: sizes.workflows + 3,
        delayMinutes: sizes.w2DelayMinutes,
        maxRunsPerMinute: setup.quota,
      },
      waiting: {
        total: waiting,
        delays,
        approvals: total - delays,
        createdPerSecond: population.resources ? round(total / population.resources.seconds, 1) : null,
        rssMiB: rssWaiting,
        rssMiBBefore: rssBefore,
        stillWaitingAfterW1,
      },
      redis: {
        usedMemoryBeforeMiB: round(memoryBefore / MiB, 1),
        usedMemoryAfterMiB: round(memoryAfter / MiB, 1),
        usedMemoryDeltaMiB: round((memoryAfter - memoryBefore) / MiB, 1),
        prefixMiBBefore: round(prefixBefore.bytes / MiB, 1),
        prefixMiBAfter: round(prefixAfter.bytes / MiB, 1),
        prefixKeysAfter: prefixAfter.keys,
        bytesPerWaitingRun: waiting > 0 ? Math.round((prefixAfter.bytes - prefixBefore.bytes) / waiting) : null,
        note: 'used_memory is the whole Redis server (other users included); prefix figures are MEMORY USAGE of the bench keys only',
      },
      phases: {
        baseline,
        population: { ...population, allCompleted: population.allCompleted && waiting === total },
        during,
        lateness,
      },
    };
  } finally {
    await workload.close();
  }
}

async function measureLateness(ctx, stack, clients, count) {
  const phase = 'lateness';
  const started = Date.now();
  const sends = await closedLoop(count, 10, async (index) => [
    (await stack.api.call('POST', '/api/v1/events', stageEvent(clients[index % clients.length].id, 'w2-late'), [202]))
      .body.id,
  ]);
  await recordPhase(stack.db, phase, sends.ids);
  const parked = await waitForRuns(stack.db, phase, {
    expected: count,
    statuses: ['waiting'],
    deadlineMs: ctx.options.sizes.deadlineSeconds * 1000,
  });
  if (!parked.done)
    throw new Error(
      `lateness set: only ${parked.settled}/${count} runs parked on their delay (${JSON.stringify(parked.byStatus)})`,
    );

  const { rows } = await stack.db.query(
    `SELECT r.id FROM bench_phase_events p JOIN workflow_runs r ON r.trigger_event_id = p.event_id WHERE p.phase = $1 ORDER BY r.id`,
    [phase],
  );
  const runIds = rows.map((row) => row.id);
  // Due 2 s from now, spread over 2 s, so the set is a stream of due steps rather than one instant.
  const base = Date.now() + 2000;
  const dues = runIds.map((_, index) => new Date(base + Math.floor((index * 2000) / runIds.length)));
  await stack.db.query(
    `UPDATE run_steps s SET scheduled_for = d.due FROM unnest($1::uuid[], $2::timestamptz[]) AS d(run_id, due) WHERE s.run_id = d.run_id AND s.step_id = 'late' AND s.status = 'waiting'`,
    [runIds, dues],
  );
  await stack.db.query(
    `UPDATE workflow_runs r SET next_attempt_at = d.due FROM unnest($1::uuid[], $2::timestamptz[]) AS d(run_id, due) WHERE r.id = d.run_id AND r.status = 'waiting'`,
    [runIds, dues],
  );
  const { EngineQueues } = await import('@automations/engine');
  const queues = new EngineQueues({ redisUrl: REDIS_URL, prefix: stack.prefix });
  try {
    await Promise.all(runIds.map((runId, index) => queues.enqueueRun(runId, dues[index].getTime() - Date.now())));
  } finally {
    await queues.close();
  }
  const done = await waitForRuns(stack.db, phase, { expected: count, deadlineMs: 60_000 });
  const { rows: late } = await stack.db.query(
    `SELECT extract(epoch FROM s.started_at - s.scheduled_for) * 1000 AS ms
       FROM bench_phase_events p JOIN workflow_runs r ON r.trigger_event_id = p.event_id JOIN run_steps s ON s.run_id = r.id AND s.step_id = 'late'
      WHERE p.phase = $1 AND s.status = 'completed'`,
    [phase],
  );
  return {
    phase,
    runs: count,
    settled: { done: done.done, byStatus: done.byStatus },
    allCompleted: done.done && (done.byStatus.completed ?? 0) === count,
    latenessMs: summarize(late.map((row) => Number(row.ms))),
    seconds: round((Date.now() - started) / 1000, 1),
    method:
      'runs parked on a 1-minute delay; due times moved 2–4 s ahead by SQL and the delayed job re-armed with EngineQueues.enqueueRun; lateness = run_steps.started_at − scheduled_for',
  };
}
