import { resetClientHealth, stageEvent } from '../fixtures.mjs';
import { batchSender, burstEvents, measuredPhase, openWorkload, singleEventSender } from '../phases.mjs';
import { setupW1Agency } from './w1.mjs';

/**
 * W4: ingest. W1's agency; first single-event POSTs at W1's concurrency (durable single-event
 * ingest: 202 after the commit), then `{events: [...]}` batches of 500. The worker runs as deployed
 * and every run is waited for, so "accepted" also proves nothing was lost.
 */
export async function runW4(ctx) {
  const { sizes } = ctx.options;
  const workload = await openWorkload(ctx, 'W4');
  try {
    const { stack } = workload;
    const setup = await setupW1Agency(ctx, workload);

    ctx.log(`W4: ${sizes.w4Single} single events at concurrency ${sizes.concurrency}`);
    const single = await measuredPhase(ctx, workload, 'single', {
      send: singleEventSender(stack, burstEvents(setup.clients, sizes.w4Single), sizes.concurrency, (id) =>
        stageEvent(id),
      ),
      expectedRuns: sizes.w4Single,
    });

    await resetClientHealth(stack.db, stack.agency.agencyId);
    ctx.log(`W4: ${sizes.w4Batches} batches of ${sizes.w4BatchSize} at concurrency ${sizes.w4BatchConcurrency}`);
    const batch = await measuredPhase(ctx, workload, 'batch', {
      send: batchSender(stack, setup.clients, sizes.w4Batches, sizes.w4BatchSize, sizes.w4BatchConcurrency, (id) =>
        stageEvent(id),
      ),
      expectedRuns: sizes.w4Batches * sizes.w4BatchSize,
    });
    return {
      workload: 'W4',
      setup: {
        clients: setup.clients.length,
        workflows: sizes.workflows,
        batchSize: sizes.w4BatchSize,
        batchConcurrency: sizes.w4BatchConcurrency,
        maxRunsPerMinute: setup.quota,
      },
      phases: { single, batch },
    };
  } finally {
    await workload.close();
  }
}
