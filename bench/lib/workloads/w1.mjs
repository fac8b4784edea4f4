import { createW1Workflows, resetClientHealth, seedClients, setRunQuota, stageEvent } from '../fixtures.mjs';
import { dbWork, preparePhaseTable, statementCounter } from '../measure.mjs';
import { burstEvents, measuredPhase, openWorkload, pacedSender, singleEventSender } from '../phases.mjs';

export const MAX_RUNS_PER_MINUTE = 100_000;

/** Agency, clients (every 4th red), the matching workflow and the non-matching ones, and the phase table. */
export async function setupW1Agency(ctx, workload) {
  const { stack } = workload;
  const { sizes } = ctx.options;
  const quota = await setRunQuota(stack.api, MAX_RUNS_PER_MINUTE);
  const clients = await seedClients(stack.db, stack.agency.agencyId, sizes.clients);
  const workflows = await createW1Workflows(stack.api, sizes.workflows);
  await preparePhaseTable(stack.db);
  // Fresh processes: a few runs first so JIT, pools and caches are warm before anything is measured.
  const warmup = await measuredPhase(ctx, workload, 'warmup', {
    send: singleEventSender(stack, burstEvents(clients, sizes.warmupEvents), Math.min(10, sizes.concurrency), (id) =>
      stageEvent(id),
    ),
    expectedRuns: sizes.warmupEvents,
  });
  if (!warmup.allCompleted) throw new Error(`warm-up runs did not complete: ${JSON.stringify(warmup.settled)}`);
  await resetClientHealth(stack.db, stack.agency.agencyId);
  return { quota, clients, workflows };
}

/**
 * W1: 1,000 clients, 100 active workflows of which one matches; 2,000 client.stage_changed events
 * (two per client) over REST at concurrency 50; then W1-paced: the same events offered at fixed
 * rates, each rate for a few seconds, latency at each.
 */
export async function runW1(ctx) {
  const { sizes } = ctx.options;
  const workload = await openWorkload(ctx, 'W1');
  try {
    const { stack } = workload;
    const setup = await setupW1Agency(ctx, workload);
    const counter = await statementCounter(stack.db);
    const events = burstEvents(setup.clients, sizes.clients * 2);

    ctx.log(`W1: burst of ${events.length} events at concurrency ${sizes.concurrency}`);
    const work = await dbWork(stack, counter, sizes.statsSettleMs);
    const burst = await measuredPhase(ctx, workload, 'burst', {
      send: singleEventSender(stack, events, sizes.concurrency, (id) => stageEvent(id)),
      expectedRuns: events.length,
    });
    burst.database = await work.finish(burst.runsCompleted);
    if (!counter.available) burst.database.statementsUnavailableBecause = counter.reason;

    const paced = [];
    let saturatedAt = null;
    for (const offered of sizes.rates) {
      if (saturatedAt !== null && !ctx.options.allRates) {
        // Above a rate the system could not keep up with, latency only measures how long the phase lasted.
        paced.push({
          offeredRate: offered,
          phase: `paced-${offered}`,
          skipped: `saturated at ${saturatedAt}/s (runs completed/s below half the offered rate); --all-rates runs it anyway`,
          allCompleted: true,
        });
        continue;
      }
      ctx.log(`W1-paced: ${offered}/s for ${sizes.pacedSeconds} s`);
      await resetClientHealth(stack.db, stack.agency.agencyId);
      const phase = await measuredPhase(ctx, workload, `paced-${offered}`, {
        send: pacedSender(stack, setup.clients, offered, sizes.pacedSeconds, (id) => stageEvent(id)),
        expectedRuns: Math.max(1, Math.round(offered * sizes.pacedSeconds)),
      });
      paced.push({ offeredRate: offered, ...phase });
      if (Number.isFinite(phase.runsCompletedPerSecond) && phase.runsCompletedPerSecond < offered / 2)
        saturatedAt = offered;
    }
    return {
      workload: 'W1',
      setup: {
        clients: setup.clients.length,
        redClients: setup.clients.filter((client) => client.health === 'red').length,
        workflows: sizes.workflows,
        matchingWorkflows: 1,
        maxRunsPerMinute: setup.quota,
        pacedSecondsPerRate: sizes.pacedSeconds,
      },
      phases: { burst, paced },
    };
  } finally {
    await workload.close();
  }
}
