import { DataSource } from 'typeorm';
import { eventually } from '@automations/testing';
import { buildDataSourceOptions } from './data-source-options';
import { emittedErrors } from './logging/emitted-errors';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * pg_terminate_backend on every connection of a busy pool, again and again: nothing crashes (an
 * `error` emitted with no listener used to kill the process), the errors are logged, the pool heals.
 */
describe('killed Postgres connections', () => {
  const applicationName = `automations-kill-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const lines: { record: Record<string, unknown>; message: string }[] = [];
  let pool: DataSource;
  let admin: DataSource;

  beforeAll(async () => {
    emittedErrors.useLogger({ warn: (record, message) => lines.push({ record, message }) });
    pool = new DataSource({
      ...buildDataSourceOptions({ url: ADMIN_URL, poolSize: 8, applicationName }),
      entities: [],
      migrations: [],
      logging: false,
    });
    admin = new DataSource({
      ...buildDataSourceOptions({ url: ADMIN_URL, poolSize: 1, applicationName: `${applicationName}-admin` }),
      entities: [],
      migrations: [],
      logging: false,
    });
    await Promise.all([pool.initialize(), admin.initialize()]);
  });
  afterAll(async () => {
    await pool?.destroy();
    await admin?.destroy();
  });

  it('every pooled client has an error listener from the moment it exists', async () => {
    await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT pg_sleep(0.01)')));
    const clients = (pool.driver as unknown as { master: { _clients: { listenerCount(event: string): number }[] } })
      .master._clients;
    expect(clients.length).toBeGreaterThan(0);
    for (const client of clients) expect(client.listenerCount('error')).toBeGreaterThan(0);
  });

  it('killing the connections of a busy pool 30 times crashes nothing, is logged and the pool recovers', async () => {
    let stop = false;
    const outcomes = { ok: 0, failed: 0 };
    const load = Array.from({ length: 16 }, async (_, i) => {
      while (!stop) {
        try {
          if (i % 2)
            await pool.transaction(async (manager) => {
              await manager.query('SELECT 1');
              await manager.query('SELECT pg_sleep(0.002)');
            });
          else await pool.query('SELECT 1');
          outcomes.ok += 1;
        } catch {
          outcomes.failed += 1;
        }
      }
    });
    const connected = async () =>
      (
        await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [
          applicationName,
        ])
      )[0].n as number;
    let killed = 0;
    try {
      for (let round = 0; round < 30; round += 1) {
        const okBefore = outcomes.ok;
        // Kill while the pool is busy again: new connections, some just handed out, some mid-query.
        await eventually(async () => outcomes.ok > okBefore && (await connected()) > 0, {
          timeoutMs: 20_000,
          what: `the pool to work again before kill ${round + 1}`,
        });
        const [{ n }] = await admin.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1`,
          [applicationName],
        );
        killed += n;
      }
    } finally {
      stop = true;
      await Promise.all(load);
    }
    expect(killed).toBeGreaterThanOrEqual(30);
    expect(outcomes.failed).toBeGreaterThan(0);
    // The pool heals: fresh connections answer.
    expect(
      await eventually(async () => (await pool.query('SELECT 42 AS answer'))[0].answer === 42, {
        what: 'a query after the kills',
      }),
    ).toBe(true);
    // Logged, with the Postgres code, rate-limited (far fewer lines than errors).
    const postgresLines = lines.filter((line) => String(line.record.source).startsWith('postgres'));
    expect(postgresLines.length).toBeGreaterThan(0);
    expect(postgresLines[0].record).toMatchObject({ source: 'postgres' });
    expect(
      lines.some((line) => (line.record.err as { code?: string }).code === '57P01' || /terminat/i.test(line.message)),
    ).toBe(true);
    expect(postgresLines.length).toBeLessThan(killed);
  }, 120_000);
});
