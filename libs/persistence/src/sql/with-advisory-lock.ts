import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { emittedErrors } from '../logging/emitted-errors';
import { rowsOf } from './rows-of';

export interface AdvisoryLockOptions {
  /** Wait for the lock instead of giving up when another session holds it. Default: false. */
  wait?: boolean;
}

/**
 * Runs `work` on one pooled connection while it holds the session-level advisory lock `key` (one process at a time
 * across replicas); null, without running it, when another session holds the lock (unless `wait`).
 *
 * The lock belongs to the connection, not to a transaction, so the release path matters: when the unlock fails while
 * the connection lives on, handing it back to the pool would keep the lock held by an idle pooled connection, and no
 * process would ever run `work` again. Then the connection is released *with an error*, which makes the pool close it
 * (ending the session frees the lock). A connection that was killed has lost the lock with its session already.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  key: number,
  work: (runner: QueryRunner) => Promise<T>,
  options: AdvisoryLockOptions = {},
): Promise<T | null> {
  const runner = dataSource.createQueryRunner();
  let unlockFailure: unknown = null;
  try {
    await runner.connect();
    if (options.wait) {
      await runner.query(`SELECT pg_advisory_lock($1)`, [key]);
    } else {
      const [{ locked }] = rowsOf<{ locked: boolean }>(
        await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [key]),
      );
      if (!locked) return null;
    }
    try {
      return await work(runner);
    } finally {
      try {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [key]);
      } catch (error) {
        unlockFailure = error;
        emittedErrors.report('engine:advisory-lock', error);
      }
    }
  } finally {
    await releaseQueryRunner(runner, unlockFailure);
  }
}

/**
 * Runs `work` while the caller's transaction holds the advisory lock `key` (released when it commits or rolls back);
 * null, without running it, when another transaction or session holds it.
 */
export async function withTransactionAdvisoryLock<T>(
  manager: EntityManager,
  key: number,
  work: () => Promise<T>,
): Promise<T | null> {
  if (!manager.queryRunner?.isTransactionActive)
    throw new Error('withTransactionAdvisoryLock needs a transaction: the lock would be released at once');
  const [{ locked }] = rowsOf<{ locked: boolean }>(
    await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [key]),
  );
  return locked ? work() : null;
}

/** Releases the runner's connection; with an error, the pool closes it instead of keeping it (pg-pool `release(err)`). */
async function releaseQueryRunner(runner: QueryRunner, error: unknown): Promise<void> {
  const destroying = runner as unknown as { releasePostgresConnection?: (err?: Error) => Promise<void> };
  if (error && typeof destroying.releasePostgresConnection === 'function') {
    await destroying.releasePostgresConnection(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  await runner.release();
}
