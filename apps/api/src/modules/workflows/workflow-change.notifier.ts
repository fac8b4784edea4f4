import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { ScheduleSync, workflowChangesChannel, type SchedulableWorkflow } from '@automations/engine';
import type { RuntimeConfig } from '@automations/persistence';
import { REDIS_CLIENT, RUNTIME_CONFIG } from '../../common/runtime-config.token';

/**
 * After a workflow is saved, toggled or deleted: keeps its BullMQ job scheduler in step (scheduled
 * trigger) and tells the workers to reload their candidate index. Neither may fail or hang the
 * request: the workers re-sync schedulers every 5 minutes and their index expires within 30 s.
 */
@Injectable()
export class WorkflowChangeNotifier {
  private readonly logger = new Logger('WorkflowChangeNotifier');

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    private readonly schedules: ScheduleSync,
  ) {}

  async changed(workflow: SchedulableWorkflow): Promise<void> {
    const work = Promise.all([
      this.redis.publish(workflowChangesChannel(this.config.queuePrefix), workflow.agencyId),
      this.schedules.sync(workflow),
    ]);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('Redis did not answer within 2 s')), 2000).unref(),
    );
    try {
      await Promise.race([work, timeout]);
    } catch (error) {
      this.logger.warn(
        `Could not propagate the change of workflow ${workflow.id} now (workers re-sync on their own): ${(error as Error).message}`,
      );
    }
  }
}
