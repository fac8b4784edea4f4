import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EngineQueues, RunControl } from '@automations/engine';
import type { RuntimeConfig } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { EventDispatch } from './event-dispatch.service';

/** The API's handles on the engine: the queues it feeds and the run decisions it can take. */
@Global()
@Module({
  providers: [
    { provide: EngineQueues, inject: [RUNTIME_CONFIG], useFactory: (config: RuntimeConfig) => new EngineQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix }) },
    { provide: RunControl, inject: [getDataSourceToken(), EngineQueues], useFactory: (dataSource: DataSource, queues: EngineQueues) => new RunControl(dataSource, queues) },
    EventDispatch,
  ],
  exports: [EngineQueues, RunControl, EventDispatch],
})
export class EngineModule implements OnApplicationShutdown {
  constructor(@Inject(EngineQueues) private readonly queues: EngineQueues) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
  }
}
