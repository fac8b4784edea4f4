import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { bullConnectionOptions, QueueName } from '@automations/engine';
import type { RuntimeConfig } from '@automations/persistence';
import { WorkerReadiness } from './worker-readiness.service';

/** The worker process: BullMQ connections now; the engine's processors are registered here as they arrive. */
@Module({})
export class WorkerModule {
  static forRoot(config: RuntimeConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot({ connection: bullConnectionOptions(config.redisUrl), prefix: config.queuePrefix }),
        BullModule.registerQueue({ name: QueueName.Events }, { name: QueueName.Runs }),
      ],
      providers: [WorkerReadiness],
    };
  }
}
