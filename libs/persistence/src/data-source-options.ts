import type { DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

const POOL_ACQUIRE_TIMEOUT_MS = 30_000;

export function buildDataSourceOptions({ url, poolSize = 20, applicationName }: { url: string; poolSize?: number; applicationName?: string }): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: ['error'],
    // application_name tells the processes apart in pg_stat_activity.
    // A bounded wait for a pooled connection: a starved pool fails the job (retried) instead of hanging it forever.
    extra: { max: poolSize, connectionTimeoutMillis: POOL_ACQUIRE_TIMEOUT_MS, ...(applicationName ? { application_name: applicationName } : {}) },
  };
}
