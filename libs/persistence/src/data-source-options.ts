import { Client, type ClientConfig } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { emittedErrors } from './logging/emitted-errors';
import { ALL_MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

const POOL_ACQUIRE_TIMEOUT_MS = 30_000;

/** Errors already logged by a client's own listener (the pool re-emits an idle client's error). */
const loggedByClient = new WeakSet<object>();

/**
 * A pg client with an `error` listener from birth. pg-pool removes its idle listener when it hands a
 * client out and TypeORM adds its own only a tick later; a backend killed in between (a new
 * connection's ReadyForQuery and the server's FATAL 57P01 can arrive in the same read) emitted `error`
 * with no listener, which killed the process. This listener only logs: pg-pool and TypeORM still
 * drop the broken client as before.
 */
export class GuardedPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (error: unknown) => {
      if (error && typeof error === 'object') loggedByClient.add(error);
      emittedErrors.report('postgres', error);
    });
  }
}

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
    // `Client`: every pooled connection carries an error listener for its whole life (see GuardedPgClient).
    extra: {
      max: poolSize,
      connectionTimeoutMillis: POOL_ACQUIRE_TIMEOUT_MS,
      application_name: applicationName,
      Client: GuardedPgClient,
    },
  };
}
