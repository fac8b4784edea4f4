import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` on one connection inside a `READ ONLY` transaction, then rolls it back: Postgres
 * itself refuses any INSERT, UPDATE, DELETE or DDL issued through `manager`
 * (`25006 read_only_sql_transaction`), so nothing done here can change data.
 */
export async function withReadOnlyTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    // Must be the transaction's first statement.
    await runner.query('SET TRANSACTION READ ONLY');
    return await work(runner.manager);
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
  }
}
