import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createSchedulesQueue, EngineQueues, RunControl, ScheduleSync } from '@automations/engine';
import type { RuntimeConfig } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { EventDispatch } from './event-dispatch.service';

const SCHEDULES_QUEUE = Symbol('SCHEDULES_QUEUE');

/** The API's handles on the engine: the queues it feeds, the schedules it keeps in step, the run decisions it can take. */
@Global()
@Module({
  providers: [
    { provide: EngineQueues, inject: [RUNTIME_CONFIG], useFactory: (config: RuntimeConfig) => new EngineQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix }) },
    { provide: RunControl, inject: [getDataSourceToken(), EngineQueues], useFactory: (dataSource: DataSource, queues: EngineQueues) => new RunControl(dataSource, queues) },
    { provide: SCHEDULES_QUEUE, inject: [RUNTIME_CONFIG], useFactory: (config: RuntimeConfig) => createSchedulesQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix }) },
    { provide: ScheduleSync, inject: [SCHEDULES_QUEUE], useFactory: (queue: ReturnType<typeof createSchedulesQueue>) => new ScheduleSync(queue) },
    EventDispatch,
  ],
  exports: [EngineQueues, RunControl, EventDispatch, ScheduleSync],
})
export class EngineModule implements OnApplicationShutdown {
  constructor(
    @Inject(EngineQueues) private readonly queues: EngineQueues,
    @Inject(SCHEDULES_QUEUE) private readonly schedules: ReturnType<typeof createSchedulesQueue>,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.queues.close(), this.schedules.close()]);
  }
}
