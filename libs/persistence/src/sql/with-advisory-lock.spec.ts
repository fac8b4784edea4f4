import { DataSource } from 'typeorm';
import { eventually } from '@automations/testing';
import { buildDataSourceOptions } from '../data-source-options';
import { emittedErrors } from '../logging/emitted-errors';
import { withAdvisoryLock, withTransactionAdvisoryLock } from './with-advisory-lock';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

describe('withAdvisoryLock', () => {
  const key = 900_000_000 + Math.floor(Math.random() * 1_000_000);
  const logged: string[] = [];
  let dataSource: DataSource;
  const lockHolders = async () =>
    (
      await dataSource.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`,
        [key],
      )
    )[0].n as number;

  beforeAll(async () => {
    emittedErrors.useLogger({ warn: (_record, message) => logged.push(message) });
    dataSource = new DataSource({
      ...buildDataSourceOptions({ url: ADMIN_URL, poolSize: 3, applicationName: 'automations-lock-test' }),
      entities: [],
      migrations: [],
      logging: false,
    });
    await dataSource.initialize();
  });
  afterAll(() => dataSource?.destroy());

  it('runs the work under the lock, skips it (null) while another session holds it, and unlocks after', async () => {
    let inner: unknown = 'not run';
    const outer = await withAdvisoryLock(dataSource, key, async () => {
      expect(await lockHolders()).toBe(1);
      inner = await withAdvisoryLock(dataSource, key, async () => 'ran twice');
      return 'ran';
    });
    expect([outer, inner]).toEqual(['ran', null]);
    expect(await lockHolders()).toBe(0);
  });

  it('unlocks when the work throws', async () => {
    await expect(
      withAdvisoryLock(dataSource, key, async () => Promise.reject(new Error('work failed'))),
    ).rejects.toThrow('work failed');
    expect(await lockHolders()).toBe(0);
  });

  it('a failed unlock on a live connection closes that connection instead of pooling it with the lock held', async () => {
    // The work leaves its session in an aborted transaction: the unlock fails, the connection itself is fine.
    const result = await withAdvisoryLock(dataSource, key, async (runner) => {
      await runner.query('BEGIN');
      await runner.query('SELECT 1 / 0').catch(() => undefined);
      return 'done';
    });
    expect(result).toBe('done');
    expect(logged.some((line) => line.startsWith('engine:advisory-lock:'))).toBe(true);
    // The session that held the lock is gone, so the next pass (any process) gets it.
    await eventually(async () => (await lockHolders()) === 0, { what: 'the lock to be freed with its session' });
    expect(await withAdvisoryLock(dataSource, key, async () => 'next pass')).toBe('next pass');
  });

  it('with wait, waits for the session holding the lock instead of skipping the work', async () => {
    const waiters = async () =>
      (
        await dataSource.query(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
          [key],
        )
      )[0].n as number;
    let waited: Promise<string | null> = Promise.resolve(null);
    let waiterRan = false;
    let ranBeforeRelease: boolean | null = null;
    await withAdvisoryLock(dataSource, key, async () => {
      waited = withAdvisoryLock(
        dataSource,
        key,
        async () => {
          waiterRan = true;
          return 'waited';
        },
        { wait: true },
      );
      await eventually(async () => (await waiters()) === 1, { what: 'the second session to wait for the lock' });
      ranBeforeRelease = waiterRan;
    });
    expect(await waited).toBe('waited');
    expect(ranBeforeRelease).toBe(false);
    expect(await lockHolders()).toBe(0);
  });
});

describe('withTransactionAdvisoryLock', () => {
  const key = 900_000_000 + Math.floor(Math.random() * 1_000_000);
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({
      ...buildDataSourceOptions({ url: ADMIN_URL, poolSize: 3, applicationName: 'automations-lock-test' }),
      entities: [],
      migrations: [],
      logging: false,
    });
    await dataSource.initialize();
  });
  afterAll(() => dataSource?.destroy());

  it('runs the work while the transaction holds the lock, skips it (null) in another transaction meanwhile, frees it at commit', async () => {
    let inner: unknown = 'not run';
    const outer = await dataSource.transaction((manager) =>
      withTransactionAdvisoryLock(manager, key, async () => {
        inner = await dataSource.transaction((other) =>
          withTransactionAdvisoryLock(other, key, async () => 'ran twice'),
        );
        return 'ran';
      }),
    );
    expect([outer, inner]).toEqual(['ran', null]);
    expect(
      await dataSource.transaction((manager) => withTransactionAdvisoryLock(manager, key, async () => 'next pass')),
    ).toBe('next pass');
  });

  it('refuses to run outside a transaction, where the lock would be released at once', async () => {
    await expect(withTransactionAdvisoryLock(dataSource.manager, key, async () => 'ran')).rejects.toThrow(
      'needs a transaction',
    );
  });
});
