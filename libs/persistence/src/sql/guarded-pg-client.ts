import { Client, type ClientConfig } from 'pg';
import { emittedErrors } from '../logging/emitted-errors';

/** Errors already logged by a client's own listener (the pool re-emits an idle client's error). */
export const loggedByClient = new WeakSet<object>();

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
