import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildDataSourceOptions, RuntimeConfig } from '@automations/persistence';
import { EngineLifecycle } from './engine-lifecycle.service';
import { WorkerLiveness } from './liveness/worker-liveness.service';
import { WORKER_CONFIG } from './worker-config.token';

/**
 * The worker process: Postgres plus the engine (BullMQ consumers, reconciler, expiry sweep). No HTTP; its liveness
 * is a file refreshed while Postgres and Redis answer (`WorkerLiveness`, checked by dist/apps/worker/healthcheck.js).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: RuntimeConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        TypeOrmModule.forRoot(
          buildDataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.dbPoolSize,
            applicationName: 'automations-worker',
          }),
        ),
      ],
      providers: [{ provide: WORKER_CONFIG, useValue: config }, EngineLifecycle, WorkerLiveness],
    };
  }
}
