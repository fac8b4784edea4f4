import { Job, Queue, Worker } from 'bullmq';
import {
  bullConnectionOptions,
  createSchedulesQueue,
  QueueName,
  ScheduledTickRunner,
  ScheduleSync,
  schedulerIdOf,
  scheduleTickProcessor,
  tickKeyOf,
  tickTimeOf,
  type ScheduleTickJobData,
} from '@automations/engine';
import { nextCronRuns } from '@automations/domain';
import { AlertEntity, WorkflowEntity, WorkflowRunEntity } from '@automations/persistence';
import { eventually } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

/** A schedule that does not come round while the suite runs: ticks are driven by calling the runner. */
const NEVER_DURING_TESTS = '30 4 29 2 *';

describe('scheduled trigger: ticks, client filter, AND partner, job schedulers', () => {
  let stack: TestStack;
  let agency: TestAgency;
  let f: ReturnType<typeof engineFixtures>;
  let runner: ScheduledTickRunner;
  let queue: Queue<ScheduleTickJobData>;
  let sync: ScheduleSync;

  beforeAll(async () => {
    // Keep any periodic inactivity scan of the engine out of the way.
    stack = await startTestStack({ INACTIVITY_SCAN_SECONDS: '3600' });
    agency = await stack.createAgency('Scheduled Agency');
    f = engineFixtures(stack, agency);
    runner = new ScheduledTickRunner(stack.workerDataSource, {
      dedupeWindowSeconds: stack.api.config.dedupeWindowSeconds,
    });
    queue = createSchedulesQueue({ redisUrl: stack.api.config.redisUrl, prefix: stack.api.config.queuePrefix });
    sync = new ScheduleSync(queue);
  });
  afterAll(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await stack.close();
  });

  const runs = () => stack.api.dataSource.getRepository(WorkflowRunEntity);
  const workflowEntity = (id: string) => stack.api.dataSource.getRepository(WorkflowEntity).findOneByOrFail({ id });
  const scheduledWorkflow = (name: string, config: Record<string, unknown>, partner?: object) =>
    f.createWorkflow({
      name,
      triggers: [
        { type: 'scheduled', config: { cron: NEVER_DURING_TESTS, timezone: 'America/New_York', ...config } },
        ...(partner ? [partner] : []),
      ],
      steps: [alertStep('a')],
    });
  const ourScheduler = async (workflowId: string) =>
    (await queue.getJobSchedulers(0, -1)).find((scheduler) => scheduler.key === schedulerIdOf(workflowId));

  it('runs each tick for every non-deleted client of the agency passing the stage and health filter, and only those', async () => {
    const workflow = await scheduledWorkflow('Weekly risk review', {
      clientFilter: { stages: ['sched-active'], health: ['yellow', 'red'] },
    });
    const red = await f.createClient('Red Active', { stage: 'sched-active', health: 'red' });
    const yellow = await f.createClient('Yellow Active', { stage: 'sched-active', health: 'yellow' });
    await f.createClient('Green Active', { stage: 'sched-active', health: 'green' });
    await f.createClient('Red Lead', { stage: 'sched-lead', health: 'red' });
    const gone = await f.createClient('Red Deleted', { stage: 'sched-active', health: 'red' });
    await f.http().delete(`/api/v1/clients/${gone.id}`).set(bearer(f.token)).expect(204);
    const other = engineFixtures(stack, await stack.createAgency('Other Agency'));
    await other.createClient('Other Red Active', { stage: 'sched-active', health: 'red' });

    const tickAt = new Date('2026-03-02T14:00:00.000Z');
    const runIds = await runner.tick({ workflowId: workflow.id, agencyId: agency.agencyId, tickAt });
    expect(runIds).toHaveLength(2);
    await stack.engine.queues.enqueueRuns(runIds);
    const done = await Promise.all(runIds.map((id) => stack.waitForRun(id, ['completed'])));

    expect(done.map((run) => run.clientId).sort()).toEqual([red.id, yellow.id].sort());
    for (const run of done) {
      expect(run).toMatchObject({
        workflowId: workflow.id,
        agencyId: agency.agencyId,
        triggerEventId: null,
        mode: 'live',
      });
      expect(run.triggerEvent).toEqual({
        eventId: null,
        type: 'schedule.tick',
        data: { tickAt: tickAt.toISOString(), cron: NEVER_DURING_TESTS, timezone: 'America/New_York' },
        occurredAt: tickAt.toISOString(),
        tickKey: '2026-03-02T14:00:00.000Z',
      });
    }
    expect(await runs().count({ where: { workflowId: workflow.id } })).toBe(2);
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { clientId: red.id } })).toBe(1);
    const detail = await f.http().get(`/api/v1/workflows/${workflow.id}`).set(bearer(f.token)).expect(200);
    expect(detail.body).toMatchObject({ runCount: 2, successCount: 2 });
  });

  it('without a filter runs for every client; a disabled workflow ticks for no one', async () => {
    const solo = engineFixtures(stack, await stack.createAgency('Solo Agency'));
    const workflow = await solo.createWorkflow({
      name: 'Everyone',
      triggers: [{ type: 'scheduled', config: { cron: NEVER_DURING_TESTS, timezone: 'UTC' } }],
      steps: [alertStep('a')],
    });
    await solo.createClient('One', { stage: 'lead' });
    await solo.createClient('Two', { stage: 'active', health: 'red' });
    const soloAgencyId = (await workflowEntity(workflow.id)).agencyId;

    expect(
      await runner.tick({ workflowId: workflow.id, agencyId: soloAgencyId, tickAt: new Date('2026-03-02T15:00:00Z') }),
    ).toHaveLength(2);
    await solo
      .http()
      .patch(`/api/v1/workflows/${workflow.id}/toggle`)
      .set(bearer(solo.token))
      .send({ isActive: false })
      .expect(200);
    expect(
      await runner.tick({ workflowId: workflow.id, agencyId: soloAgencyId, tickAt: new Date('2026-03-02T15:01:00Z') }),
    ).toEqual([]);
    // The agency id is part of the key: another agency cannot tick someone else's workflow.
    await solo
      .http()
      .patch(`/api/v1/workflows/${workflow.id}/toggle`)
      .set(bearer(solo.token))
      .send({ isActive: true })
      .expect(200);
    expect(
      await runner.tick({
        workflowId: workflow.id,
        agencyId: agency.agencyId,
        tickAt: new Date('2026-03-02T15:02:00Z'),
      }),
    ).toEqual([]);
  });

  it('checks the AND partner’s state form: no run for a client whose partner state is false', async () => {
    const workflow = await scheduledWorkflow(
      'VIP check-in',
      { clientFilter: { stages: ['sched-vip', 'sched-partner-lead'] } },
      { type: 'stage_change', config: { toStage: 'sched-vip' } },
    );
    const vip = await f.createClient('Vip Client', { stage: 'sched-vip' });
    await f.createClient('Lead Client', { stage: 'sched-partner-lead' });

    const runIds = await runner.tick({
      workflowId: workflow.id,
      agencyId: agency.agencyId,
      tickAt: new Date('2026-03-02T16:00:00Z'),
    });
    expect(runIds).toHaveLength(1);
    await stack.engine.queues.enqueueRuns(runIds);
    expect((await stack.waitForRun(runIds[0], ['completed'])).clientId).toBe(vip.id);
    expect(await runs().count({ where: { workflowId: workflow.id } })).toBe(1);
  });

  it('processes a tick twice (retry, two replicas at once) into one run per client; the next tick runs again', async () => {
    const workflow = await scheduledWorkflow('Twice', { clientFilter: { stages: ['sched-twice'] } });
    const a = await f.createClient('Twice A', { stage: 'sched-twice' });
    const b = await f.createClient('Twice B', { stage: 'sched-twice' });
    const tickAt = new Date('2026-03-02T17:00:00Z');

    const concurrent = await Promise.all(
      [1, 2, 3].map(() => runner.tick({ workflowId: workflow.id, agencyId: agency.agencyId, tickAt })),
    );
    expect(concurrent.flat()).toHaveLength(2);
    expect(await runner.tick({ workflowId: workflow.id, agencyId: agency.agencyId, tickAt })).toEqual([]);
    // The same minute is the same tick.
    expect(
      await runner.tick({
        workflowId: workflow.id,
        agencyId: agency.agencyId,
        tickAt: new Date('2026-03-02T17:00:42.500Z'),
      }),
    ).toEqual([]);
    await stack.engine.queues.enqueueRuns(concurrent.flat());
    await Promise.all(concurrent.flat().map((id) => stack.waitForRun(id, ['completed'])));
    for (const client of [a, b])
      expect(await runs().count({ where: { workflowId: workflow.id, clientId: client.id } })).toBe(1);

    // A new tick is not held back by the dedupe window: it is another tick.
    const next = await runner.tick({
      workflowId: workflow.id,
      agencyId: agency.agencyId,
      tickAt: new Date('2026-03-02T17:01:00Z'),
    });
    expect(next).toHaveLength(2);
    expect(await runs().count({ where: { workflowId: workflow.id } })).toBe(4);
  });

  it('ScheduleSync keeps one job scheduler per active scheduled workflow, with its cron pattern and time zone', async () => {
    const created = await f.createWorkflow({
      name: 'Synced',
      triggers: [{ type: 'scheduled', config: { cron: '0 9 * * 1', timezone: 'Europe/Paris' } }],
      steps: [alertStep('a')],
    });
    expect(['upserted', 'unchanged']).toContain(await sync.sync(await workflowEntity(created.id)));
    expect(await ourScheduler(created.id)).toMatchObject({
      key: `workflow-${created.id}`,
      name: 'tick',
      pattern: '0 9 * * 1',
      tz: 'Europe/Paris',
      template: {
        data: { workflowId: created.id, agencyId: agency.agencyId },
        opts: expect.objectContaining({ attempts: 3 }),
      },
    });
    // BullMQ reads the pattern in the trigger's time zone: the next tick is Monday 09:00 in Paris.
    expect((await ourScheduler(created.id))!.next).toBe(nextCronRuns('0 9 * * 1', 'Europe/Paris', 1)[0].getTime());
    expect(await sync.sync(await workflowEntity(created.id))).toBe('unchanged');

    // Edited schedule: upserted in place.
    await f
      .http()
      .patch(`/api/v1/workflows/${created.id}`)
      .set(bearer(f.token))
      .send({ triggers: [{ type: 'scheduled', config: { cron: '15 7 * * *', timezone: 'Asia/Tokyo' } }] })
      .expect(200);
    await sync.sync(await workflowEntity(created.id));
    expect(await ourScheduler(created.id)).toMatchObject({ pattern: '15 7 * * *', tz: 'Asia/Tokyo' });

    // Toggled off: removed. Toggled on again: back.
    await f
      .http()
      .patch(`/api/v1/workflows/${created.id}/toggle`)
      .set(bearer(f.token))
      .send({ isActive: false })
      .expect(200);
    expect(['removed', 'absent']).toContain(await sync.sync(await workflowEntity(created.id)));
    expect(await ourScheduler(created.id)).toBeUndefined();
    await f
      .http()
      .patch(`/api/v1/workflows/${created.id}/toggle`)
      .set(bearer(f.token))
      .send({ isActive: true })
      .expect(200);
    await sync.sync(await workflowEntity(created.id));
    expect(await ourScheduler(created.id)).toMatchObject({ pattern: '15 7 * * *', tz: 'Asia/Tokyo' });

    // Deleted: removed.
    const doomed = await f.createWorkflow({
      name: 'Doomed',
      triggers: [{ type: 'scheduled', config: { cron: '0 12 * * *', timezone: 'UTC' } }],
      steps: [alertStep('a')],
    });
    await sync.sync(await workflowEntity(doomed.id));
    await f.http().delete(`/api/v1/workflows/${doomed.id}`).set(bearer(f.token)).expect(204);
    await sync.sync(await workflowEntity(doomed.id));
    expect(await ourScheduler(doomed.id)).toBeUndefined();
  });

  it('syncAll rebuilds the schedulers from Postgres after Redis lost them, and drops those of gone workflows', async () => {
    const kept = await f.createWorkflow({
      name: 'Survivor',
      triggers: [{ type: 'scheduled', config: { cron: '0 6 1 * *', timezone: 'Europe/London' } }],
      steps: [alertStep('a')],
    });
    const paused = await f.createWorkflow({
      name: 'Paused',
      isActive: false,
      triggers: [{ type: 'scheduled', config: { cron: '0 6 * * *', timezone: 'UTC' } }],
      steps: [alertStep('a')],
    });
    const gone = await f.createWorkflow({
      name: 'Gone',
      triggers: [{ type: 'scheduled', config: { cron: '0 6 * * *', timezone: 'UTC' } }],
      steps: [alertStep('a')],
    });
    await sync.sync(await workflowEntity(gone.id));
    // Deleted while its scheduler stays behind (as if the API could not reach Redis).
    await stack.api.dataSource.query(`UPDATE workflows SET deleted_at = now(), is_active = false WHERE id = $1`, [
      gone.id,
    ]);

    let report = await sync.syncAll(stack.workerDataSource);
    expect(report.removed).toBeGreaterThanOrEqual(1);
    expect(await ourScheduler(gone.id)).toBeUndefined();
    expect(await ourScheduler(paused.id)).toBeUndefined();
    expect(await ourScheduler(kept.id)).toMatchObject({ pattern: '0 6 1 * *', tz: 'Europe/London' });

    // Redis flushed.
    await queue.obliterate({ force: true });
    expect(await queue.getJobSchedulersCount()).toBe(0);
    report = await sync.syncAll(stack.workerDataSource);
    expect(report.upserted).toBeGreaterThanOrEqual(1);
    expect(await ourScheduler(kept.id)).toMatchObject({
      pattern: '0 6 1 * *',
      tz: 'Europe/London',
      template: { data: { workflowId: kept.id, agencyId: agency.agencyId } },
    });
    expect(await ourScheduler(paused.id)).toBeUndefined();

    // One scheduler deleted by hand.
    await queue.removeJobScheduler(schedulerIdOf(kept.id));
    report = await sync.syncAll(stack.workerDataSource);
    expect(report.upserted).toBe(1);
    expect(await ourScheduler(kept.id)).toMatchObject({ pattern: '0 6 1 * *', tz: 'Europe/London' });

    // Nothing to do: nothing touched.
    report = await sync.syncAll(stack.workerDataSource);
    expect(report).toMatchObject({ upserted: 0, removed: 0 });
  });

  it('a job scheduler tick goes through BullMQ to a completed run (every 500 ms in place of a cron)', async () => {
    const workflow = await scheduledWorkflow('Through BullMQ', { clientFilter: { stages: ['sched-bullmq'] } });
    const client = await f.createClient('Bull Client', { stage: 'sched-bullmq' });
    const seen: Job<ScheduleTickJobData>[] = [];
    const processTick = scheduleTickProcessor(runner, (ids) => stack.engine.queues.enqueueRuns(ids));
    const worker = new Worker<ScheduleTickJobData>(
      QueueName.Schedules,
      async (job) => {
        seen.push(job);
        return processTick(job);
      },
      { connection: bullConnectionOptions(stack.api.config.redisUrl), prefix: stack.api.config.queuePrefix },
    );
    try {
      await queue.upsertJobScheduler(
        schedulerIdOf(workflow.id),
        { every: 500 },
        { name: 'tick', data: { workflowId: workflow.id, agencyId: agency.agencyId } },
      );
      const run = await eventually(
        async () => {
          const found = await runs().findOne({ where: { workflowId: workflow.id, clientId: client.id } });
          return found?.status === 'completed' ? found : undefined;
        },
        { what: 'a run of the scheduled tick to complete' },
      );
      expect(run.triggerEvent).toMatchObject({ type: 'schedule.tick', eventId: null });
      // (The engine may consume the schedules queue too: wait until this worker got a tick as well.)
      const job = await eventually(async () => seen.find((candidate) => candidate.data.workflowId === workflow.id), {
        what: 'a tick job on the test worker',
      });
      // The job says when it was due: that, not the pick-up time, is the tick.
      expect(job.repeatJobKey).toBe(schedulerIdOf(workflow.id));
      expect(job.id).toBe(`repeat:${schedulerIdOf(workflow.id)}:${tickTimeOf(job).getTime()}`);
    } finally {
      await queue.removeJobScheduler(schedulerIdOf(workflow.id));
      await worker.close();
    }
    // Ticks in the same minute are one tick; a minute boundary may have given one more.
    const all = await runs().find({ where: { workflowId: workflow.id } });
    const keys = all.map((run) => (run.triggerEvent as { tickKey: string }).tickKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const run of all)
      expect((run.triggerEvent as { tickKey: string }).tickKey).toBe(
        tickKeyOf(new Date((run.triggerEvent as { data: { tickAt: string } }).data.tickAt)),
      );
  });

  it('the API keeps the job scheduler in step as a workflow is created, rescheduled, disabled and deleted', async () => {
    const workflow = await f.createWorkflow({
      name: 'API scheduled',
      triggers: [{ type: 'scheduled', config: { cron: '0 9 * * 1', timezone: 'Europe/Paris' } }],
      steps: [{ type: 'add_alert', config: { title: 'Weekly {{client.name}}', severity: 'info' } }],
    });
    const schedulerOf = async () =>
      (await queue.getJobSchedulers()).find(
        (s) => s.key === `workflow-${workflow.id}` || s.id === `workflow-${workflow.id}`,
      );
    expect(await schedulerOf()).toMatchObject({ pattern: '0 9 * * 1', tz: 'Europe/Paris' });
    await f
      .http()
      .patch(`/api/v1/workflows/${workflow.id}`)
      .set(bearer(f.token))
      .send({ triggers: [{ type: 'scheduled', config: { cron: '30 8 * * *', timezone: 'America/New_York' } }] })
      .expect(200);
    expect(await schedulerOf()).toMatchObject({ pattern: '30 8 * * *', tz: 'America/New_York' });
    await f
      .http()
      .patch(`/api/v1/workflows/${workflow.id}/toggle`)
      .set(bearer(f.token))
      .send({ isActive: false })
      .expect(200);
    expect(await schedulerOf()).toBeUndefined();
    await f
      .http()
      .patch(`/api/v1/workflows/${workflow.id}/toggle`)
      .set(bearer(f.token))
      .send({ isActive: true })
      .expect(200);
    expect(await schedulerOf()).toMatchObject({ pattern: '30 8 * * *' });
    await f.http().delete(`/api/v1/workflows/${workflow.id}`).set(bearer(f.token)).expect(204);
    expect(await schedulerOf()).toBeUndefined();
  });
});
