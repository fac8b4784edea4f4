import { Client } from 'pg';
import { ensureDatabaseExists, logEmittedErrors, migrateDatabase } from '@automations/persistence';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function uniqueSuffix(): string {
  return `${process.env.JEST_WORKER_ID ?? '0'}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A fresh, migrated database for one test file: tests run in parallel and never touch dev data. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `automations_test_${uniqueSuffix()}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await ensureDatabaseExists(url.toString());
  await migrateDatabase(url.toString());
  return {
    url: url.toString(),
    name,
    async drop() {
      const admin = logEmittedErrors(
        new Client({ connectionString: ADMIN_URL, application_name: 'automations-test-admin' }),
        'postgres:test-admin',
      );
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** A Redis key prefix per test file, so queues of parallel tests never meet. */
export function createTestQueuePrefix(): string {
  return `test_${uniqueSuffix()}`;
}
