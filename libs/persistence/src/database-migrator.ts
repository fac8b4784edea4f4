import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { logEmittedErrors } from './logging/emitted-errors';
import { AdvisoryLocks } from './sql/advisory-locks';
import { withAdvisoryLock } from './sql/with-advisory-lock';

/** Creates the database named in `url` when it does not exist yet (connects to `postgres`). */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = logEmittedErrors(
    new Client({ connectionString: admin.toString(), application_name: 'automations-migrate' }),
    'postgres:admin',
  );
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      // Another process created it between our check and our CREATE.
      if ((error as { code?: string }).code !== '42P04') throw error;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

/** Runs pending migrations while holding a Postgres advisory lock, so replicas starting together cannot race. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = new DataSource({
    ...buildDataSourceOptions({ url, poolSize: 2, applicationName: 'automations-migrate' }),
    logging: false,
  });
  await dataSource.initialize();
  try {
    const applied = await withAdvisoryLock(
      dataSource,
      AdvisoryLocks.migration,
      () => dataSource.runMigrations({ transaction: 'each' }),
      { wait: true },
    );
    return (applied ?? []).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
