import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { buildDataSourceOptions, logEmittedErrors, RuntimeConfig } from '@automations/persistence';
import { REDIS_CLIENT, RUNTIME_CONFIG } from './runtime-config.token';

/** Config, Postgres (TypeORM) and a Redis client, shared by every module. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  static forRoot(config: RuntimeConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [
        TypeOrmModule.forRoot(
          buildDataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.dbPoolSize,
            applicationName: 'automations-api',
          }),
        ),
      ],
      providers: [
        { provide: RUNTIME_CONFIG, useValue: config },
        {
          provide: REDIS_CLIENT,
          useFactory: () =>
            logEmittedErrors(
              new Redis(config.redisUrl, {
                maxRetriesPerRequest: 2,
                lazyConnect: false,
                connectionName: `${config.queuePrefix}:api`,
              }),
              'redis:api',
            ),
        },
      ],
      exports: [RUNTIME_CONFIG, REDIS_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
