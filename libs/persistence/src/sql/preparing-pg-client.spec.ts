import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@automations/testing';
import { buildDataSourceOptions } from '../data-source-options';
import { PREPARED_STATEMENTS_PER_CONNECTION } from './preparing-pg-client';

/** The pool's connections prepare parameterised statements once each (pg_prepared_statements shows them), up to a cap. */
describe('PreparingPgClient', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ ...buildDataSourceOptions({ url: database.url, poolSize: 2 }), logging: false });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Runs `work` on one pooled connection and answers the statements that connection has prepared. */
  async function onOneConnection(
    work: (query: (sql: string, values?: unknown[]) => Promise<unknown>) => Promise<void>,
  ) {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      await work((sql, values) => runner.query(sql, values));
      return (await runner.query(`SELECT statement FROM pg_prepared_statements`)) as { statement: string }[];
    } finally {
      await runner.release();
    }
  }

  it('prepares a statement with parameters once, however often it runs, and gives the same answers', async () => {
    const answers: unknown[] = [];
    const prepared = await onOneConnection(async (query) => {
      for (const n of [1, 2, 3]) answers.push(await query(`SELECT $1::int * 2 AS doubled /* once */`, [n]));
    });
    expect(answers).toEqual([[{ doubled: 2 }], [{ doubled: 4 }], [{ doubled: 6 }]]);
    expect(prepared.filter((row) => row.statement.includes('/* once */'))).toHaveLength(1);
  });

  it('leaves statements without parameters (transaction control, DDL) unprepared', async () => {
    const prepared = await onOneConnection(async (query) => {
      await query(`SELECT 1 AS one /* plain */`);
      await query(`CREATE TEMP TABLE scratch (id int) /* ddl */`);
    });
    expect(prepared.some((row) => row.statement.includes('/* plain */') || row.statement.includes('/* ddl */'))).toBe(
      false,
    );
  });

  it('prepares at most the cap per connection; texts past it still run', async () => {
    const prepared = await onOneConnection(async (query) => {
      for (let i = 0; i < PREPARED_STATEMENTS_PER_CONNECTION + 20; i += 1)
        expect(await query(`SELECT $1::int AS value /* text ${i} */`, [i])).toEqual([{ value: i }]);
    });
    expect(prepared.length).toBeLessThanOrEqual(PREPARED_STATEMENTS_PER_CONNECTION);
    expect(prepared.length).toBeGreaterThan(PREPARED_STATEMENTS_PER_CONNECTION / 2);
  });
});
