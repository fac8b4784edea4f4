import { copyWorkflows, resetClientHealth, stageEvent } from '../fixtures.mjs';
import { burstEvents, measuredPhase, openWorkload, singleEventSender } from '../phases.mjs';
import { setupW1Agency } from './w1.mjs';

/**
 * W3: one agency with 10,000 workflows, one matching. The same burst is measured with W1's 100
 * workflows and again after the rest are added by SQL (copies of the API-created non-matching rows,
 * workflows + workflow_versions), in the same processes: events/s must not fall with the count.
 */
export async function runW3(ctx) {
  const { sizes } = ctx.options;
  const workload = await openWorkload(ctx, 'W3');
  try {
    const { stack } = workload;
    const setup = await setupW1Agency(ctx, workload);
    const events = burstEvents(setup.clients, sizes.w3Events);
    const send = () => singleEventSender(stack, events, sizes.concurrency, (id) => stageEvent(id));

    ctx.log(`W3: ${events.length} events with ${sizes.workflows} workflows`);
    const base = await measuredPhase(ctx, workload, 'base', { send: send(), expectedRuns: events.length });

    const added = sizes.w3Workflows - sizes.workflows;
    const templates = setup.workflows.nonMatchingIds.length
      ? setup.workflows.nonMatchingIds
      : [setup.workflows.matchingId];
    const copyStarted = Date.now();
    await copyWorkflows(stack.db, templates, added);
    const { rows } = await stack.db.query(
      `SELECT count(*)::int AS n FROM workflows WHERE agency_id = $1 AND is_active AND deleted_at IS NULL`,
      [stack.agency.agencyId],
    );
    // The worker keeps an index of active workflows per agency; the API announces changes on this channel.
    const { workflowChangesChannel } = await import('@automations/engine');
    await stack.redis.publish(workflowChangesChannel(stack.prefix), stack.agency.agencyId);
    ctx.log(`W3: ${added} workflows copied by SQL in ${Date.now() - copyStarted} ms (${rows[0].n} active)`);

    ctx.log(`W3: ${events.length} events with ${rows[0].n} workflows`);
    await resetClientHealth(stack.db, stack.agency.agencyId);
    const many = await measuredPhase(ctx, workload, 'many', { send: send(), expectedRuns: events.length });
    return {
      workload: 'W3',
      setup: {
        clients: setup.clients.length,
        baseWorkflows: sizes.workflows,
        workflows: rows[0].n,
        addedBySql: added,
        eventsPerPhase: events.length,
        maxRunsPerMinute: setup.quota,
      },
      phases: { base, many },
    };
  } finally {
    await workload.close();
  }
}
