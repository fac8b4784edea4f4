import type { JobSchedulerJson, Queue } from 'bullmq';
import type { TriggerDefinition } from '@automations/domain';
import { ScheduleSync, schedulerIdOf, scheduledTriggerOf, type SchedulableWorkflow } from './schedule-sync';

/** The part of a BullMQ queue ScheduleSync uses, in memory. */
class FakeQueue {
  readonly schedulers = new Map<string, JobSchedulerJson>();
  upserts = 0;

  async upsertJobScheduler(
    id: string,
    repeat: { pattern?: string; tz?: string },
    template: { name: string; data: unknown; opts?: unknown },
  ) {
    this.upserts++;
    this.schedulers.set(id, {
      key: id,
      name: template.name,
      pattern: repeat.pattern,
      tz: repeat.tz,
      template: { data: template.data },
    });
  }
  async getJobScheduler(id: string) {
    return this.schedulers.get(id);
  }
  async getJobSchedulers() {
    return [...this.schedulers.values()];
  }
  async removeJobScheduler(id: string) {
    return this.schedulers.delete(id);
  }
}

const scheduled = (cron = '0 9 * * 1', timezone = 'Europe/Paris'): TriggerDefinition => ({
  type: 'scheduled',
  config: { cron, timezone },
});
const workflow = (overrides: Partial<SchedulableWorkflow> = {}): SchedulableWorkflow => ({
  id: '11111111-1111-4111-8111-111111111111',
  agencyId: '22222222-2222-4222-8222-222222222222',
  isActive: true,
  deletedAt: null,
  triggers: [scheduled()],
  ...overrides,
});

describe('ScheduleSync.sync', () => {
  let queue: FakeQueue;
  let sync: ScheduleSync;
  beforeEach(() => {
    queue = new FakeQueue();
    sync = new ScheduleSync(queue as unknown as Queue);
  });

  it('upserts a scheduler named after the workflow with the cron pattern, time zone and tick template', async () => {
    expect(await sync.sync(workflow())).toBe('upserted');
    expect(queue.schedulers.get(schedulerIdOf(workflow().id))).toEqual({
      key: `workflow-${workflow().id}`,
      name: 'tick',
      pattern: '0 9 * * 1',
      tz: 'Europe/Paris',
      template: { data: { workflowId: workflow().id, agencyId: workflow().agencyId } },
    });
  });

  it('leaves an identical scheduler alone and re-upserts when the schedule changes', async () => {
    await sync.sync(workflow());
    expect(
      await sync.sync(workflow({ triggers: [scheduled(), { type: 'stage_change', config: { toStage: 'x' } }] })),
    ).toBe('unchanged');
    expect(await sync.sync(workflow({ triggers: [scheduled('*/5 * * * *')] }))).toBe('upserted');
    expect(await sync.sync(workflow({ triggers: [scheduled('*/5 * * * *', 'UTC')] }))).toBe('upserted');
    expect(queue.upserts).toBe(3);
    expect(queue.schedulers.get(schedulerIdOf(workflow().id))).toMatchObject({ pattern: '*/5 * * * *', tz: 'UTC' });
  });

  it.each([
    ['disabled', { isActive: false }],
    ['deleted', { deletedAt: new Date() }],
    ['no longer scheduled', { triggers: [{ type: 'inactivity', config: { days: 3 } }] as TriggerDefinition[] }],
  ])('removes the scheduler of a workflow %s', async (_, overrides) => {
    await sync.sync(workflow());
    expect(await sync.sync(workflow(overrides))).toBe('removed');
    expect(queue.schedulers.size).toBe(0);
    expect(await sync.sync(workflow(overrides))).toBe('absent');
  });
});

describe('scheduledTriggerOf', () => {
  it('finds the scheduled trigger among one or two', () => {
    expect(
      scheduledTriggerOf({ triggers: [{ type: 'inactivity', config: { days: 2 } }, scheduled('0 8 * * *')] }),
    ).toEqual({ cron: '0 8 * * *', timezone: 'Europe/Paris' });
    expect(scheduledTriggerOf({ triggers: [{ type: 'inactivity', config: { days: 2 } }] })).toBeNull();
  });
});
