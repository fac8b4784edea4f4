import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { workflowChangesChannel } from '@automations/engine';
import type { RuntimeConfig } from '@automations/persistence';
import { REDIS_CLIENT, RUNTIME_CONFIG } from '../../common/runtime-config.token';

/** Tells the workers that an agency's workflows changed, so their candidate index reloads (it also expires on its own). */
@Injectable()
export class WorkflowChangeNotifier {
  private readonly logger = new Logger('WorkflowChangeNotifier');

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  async changed(agencyId: string): Promise<void> {
    try {
      await this.redis.publish(workflowChangesChannel(this.config.queuePrefix), agencyId);
    } catch (error) {
      this.logger.warn(`Could not announce a workflow change (workers refresh within 30 s): ${(error as Error).message}`);
    }
  }
}
