import { Queue, type JobSchedulerJson, type JobSchedulerTemplateOptions } from 'bullmq';
import type { DataSource } from 'typeorm';
import { scheduleTriggerOf, type ScheduledTriggerConfig, type TriggerDefinition } from '@automations/domain';
import { logEmittedErrors } from '@automations/persistence';
import { QueueName } from '../queue-names';
import { bullConnectionOptions } from '../redis-connection';

/** Data of the jobs a workflow's job scheduler produces on the `schedules` queue. */
export interface ScheduleTickJobData {
  workflowId: string;
  agencyId: string;
}

export const SCHEDULE_TICK_JOB_NAME = 'tick';

const SCHEDULER_ID_PREFIX = 'workflow-';

/** Id of a workflow's BullMQ job scheduler. */
export const schedulerIdOf = (workflowId: string): string => `${SCHEDULER_ID_PREFIX}${workflowId}`;

/**
 * Retries are safe (a tick dedupes on its own time); finished tick jobs are trimmed, Postgres holds
 * the runs.
 */
const TICK_JOB_OPTIONS: JobSchedulerTemplateOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 500 },
};

/** What `sync` needs of a workflow (a `WorkflowEntity` fits). */
export interface SchedulableWorkflow {
  id: string;
  agencyId: string;
  isActive: boolean;
  deletedAt: Date | string | null;
  triggers: TriggerDefinition[];
}

export type ScheduleSyncOutcome = 'upserted' | 'unchanged' | 'removed' | 'absent';

export interface ScheduleSyncReport {
  upserted: number;
  unchanged: number;
  removed: number;
}

/** The `scheduled` trigger's config, or null when the workflow has none. */
export function scheduledTriggerOf(workflow: { triggers: TriggerDefinition[] }): ScheduledTriggerConfig | null {
  return scheduleTriggerOf(workflow.triggers)?.config ?? null;
}

/** The `schedules` queue, for processes that do not have one yet (the API). */
export function createSchedulesQueue({
  redisUrl,
  prefix,
}: {
  redisUrl: string;
  prefix: string;
}): Queue<ScheduleTickJobData> {
  return logEmittedErrors(
    new Queue<ScheduleTickJobData>(QueueName.Schedules, { connection: bullConnectionOptions(redisUrl), prefix }),
    'bullmq:queue:schedules',
  );
}

function isUpToDate(
  existing: JobSchedulerJson | undefined,
  workflow: SchedulableWorkflow,
  config: ScheduledTriggerConfig,
): boolean {
  if (!existing) return false;
  const data = existing.template?.data as Partial<ScheduleTickJobData> | undefined;
  return (
    existing.name === SCHEDULE_TICK_JOB_NAME &&
    existing.pattern === config.cron.trim() &&
    existing.every === undefined &&
    existing.tz === config.timezone &&
    data?.workflowId === workflow.id &&
    data?.agencyId === workflow.agencyId
  );
}

/**
 * Keeps one BullMQ job scheduler per active `scheduled` workflow on the `schedules` queue (id
 * `workflow-<id>`, cron pattern and time zone of the trigger). BullMQ produces each tick once, however
 * many workers consume the queue. Postgres is the source of truth: `syncAll` rebuilds the schedulers
 * from it (a flushed Redis, a change the API could not announce, a race between two syncs).
 */
export class ScheduleSync {
  constructor(private readonly queue: Queue) {}

  /** Upserts or removes the workflow's scheduler after a change (create, update, toggle, delete). */
  async sync(workflow: SchedulableWorkflow): Promise<ScheduleSyncOutcome> {
    const id = schedulerIdOf(workflow.id);
    const config = workflow.isActive && !workflow.deletedAt ? scheduledTriggerOf(workflow) : null;
    if (!config) return (await this.queue.removeJobScheduler(id)) ? 'removed' : 'absent';
    return this.upsert(workflow, config, await this.queue.getJobScheduler(id));
  }

  /** Makes the schedulers match the database: every active scheduled workflow has its own, nothing else does. */
  async syncAll(dataSource: DataSource): Promise<ScheduleSyncReport> {
    const workflows: SchedulableWorkflow[] = await dataSource.query(
      `SELECT id, agency_id AS "agencyId", is_active AS "isActive", deleted_at AS "deletedAt", triggers
         FROM workflows
        WHERE is_active AND deleted_at IS NULL AND triggers @> '[{"type":"scheduled"}]'::jsonb`,
    );
    const wanted = new Map(workflows.map((workflow) => [schedulerIdOf(workflow.id), workflow]));
    const existing = new Map((await this.queue.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.key, scheduler]));

    const report: ScheduleSyncReport = { upserted: 0, unchanged: 0, removed: 0 };
    for (const id of existing.keys()) {
      if (id.startsWith(SCHEDULER_ID_PREFIX) && !wanted.has(id) && (await this.queue.removeJobScheduler(id)))
        report.removed++;
    }
    for (const [id, workflow] of wanted) {
      const config = scheduledTriggerOf(workflow);
      if (!config) continue;
      const outcome = await this.upsert(workflow, config, existing.get(id));
      if (outcome === 'upserted') report.upserted++;
      else report.unchanged++;
    }
    return report;
  }

  /**
   * Only when something changed: re-upserting an identical scheduler would drop a tick that is due
   * but not yet picked up.
   */
  private async upsert(
    workflow: SchedulableWorkflow,
    config: ScheduledTriggerConfig,
    existing: JobSchedulerJson | undefined,
  ): Promise<ScheduleSyncOutcome> {
    if (isUpToDate(existing, workflow, config)) return 'unchanged';
    await this.queue.upsertJobScheduler(
      schedulerIdOf(workflow.id),
      { pattern: config.cron.trim(), tz: config.timezone },
      {
        name: SCHEDULE_TICK_JOB_NAME,
        data: { workflowId: workflow.id, agencyId: workflow.agencyId },
        opts: TICK_JOB_OPTIONS,
      },
    );
    return 'upserted';
  }
}
