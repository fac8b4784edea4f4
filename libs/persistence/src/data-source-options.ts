import type { DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { emittedErrors } from './logging/emitted-errors';
import { ALL_MIGRATIONS } from './migrations';
import { loggedByClient } from './sql/guarded-pg-client';
import { PreparingPgClient } from './sql/preparing-pg-client';
import { SnakeNamingStrategy } from './snake-naming.strategy';

const POOL_ACQUIRE_TIMEOUT_MS = 30_000;
/**
 * An idle pooled connection is closed after this long (pg's default is 10 s). A connection is worth keeping warm: a new
 * one costs a TCP and auth handshake and loses its prepared statements, and after a quiet spell of a few seconds every
 * job would pay that at once (it was the whole p99 of the paced benchmark right after a pause).
 */
const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

/** Pool-level errors (an idle client's, re-emitted by pg-pool): logged once, not twice. */
function poolErrorHandler(error: unknown): void {
  if (error && typeof error === 'object' && loggedByClient.has(error)) return;
  emittedErrors.report('postgres:pool', error);
}

/**
 * TypeORM options for our Postgres. `applicationName` names the process in `pg_stat_activity`
 * (`automations-api`, `automations-worker`, `automations-cli`, …).
 */
export function buildDataSourceOptions({
  url,
  poolSize = 20,
  applicationName = 'automations',
}: {
  url: string;
  poolSize?: number;
  applicationName?: string;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: ['error'],
    poolErrorHandler,
    // application_name tells the processes apart in pg_stat_activity.
    // A bounded wait for a pooled connection: a starved pool fails the job (retried) instead of hanging it forever.
    // `Client`: every pooled connection carries an error listener for its whole life (see GuardedPgClient) and keeps its
    // most used statements prepared (see PreparingPgClient).
    extra: {
      max: poolSize,
      connectionTimeoutMillis: POOL_ACQUIRE_TIMEOUT_MS,
      idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
      application_name: applicationName,
      Client: PreparingPgClient,
    },
  };
}
