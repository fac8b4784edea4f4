import { DataSource } from 'typeorm';
import {
  ALL_MIGRATIONS,
  buildDataSourceOptions,
  ensureDatabaseExists,
  loadRuntimeConfig,
  migrateDatabase,
  WorkflowEntity,
} from '@automations/persistence';
import { createTestDatabase, eventually, TestDatabase } from '@automations/testing';
import { API_KEY_CACHE_MS } from '../src/modules/auth/api-key-cache';
import { demoSeedWanted, runCliCommand } from '../src/cli/cli-commands';
import { DEMO_ADMIN_EMAIL } from '../src/cli/demo-seeder';
import { bearer, startTestApi } from './support/test-api';

describe('ops CLI and database preparation', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  async function cli(...argv: string[]): Promise<string[]> {
    const lines: string[] = [];
    await runCliCommand(argv, loadRuntimeConfig({ DATABASE_URL: database.url }), (line) => lines.push(line));
    return lines;
  }

  it('create-agency prints one JSON line whose admin key and login work against the API', async () => {
    const lines = await cli(
      'create-agency',
      '--name',
      'CLI Agency',
      '--admin-email',
      'ops@cli.test',
      '--admin-password',
      'a good long password',
    );
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0]);
    expect(Object.keys(created).sort()).toEqual(['agencyId', 'apiKey', 'userId']);

    const api = await startTestApi({ DATABASE_URL: database.url });
    try {
      const me = await api.http().get('/api/v1/auth/me').set(bearer(created.apiKey)).expect(200);
      expect(me.body).toMatchObject({ agencyId: created.agencyId, role: 'admin', actorType: 'api_key' });
      await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'ops@cli.test', password: 'a good long password' })
        .expect(200);

      const user = JSON.parse(
        (
          await cli(
            'create-user',
            '--agency-id',
            created.agencyId,
            '--email',
            'viewer@cli.test',
            '--password',
            'another long password',
            '--role',
            'viewer',
          )
        )[0],
      );
      expect(user).toMatchObject({ agencyId: created.agencyId, role: 'viewer' });
      const key = JSON.parse(
        (await cli('create-api-key', '--agency-id', created.agencyId, '--name', 'ops', '--role', 'manager'))[0],
      );
      await api.http().get('/api/v1/auth/me').set(bearer(key.apiKey)).expect(200);
      expect(
        JSON.parse((await cli('revoke-api-key', '--agency-id', created.agencyId, '--api-key-id', key.apiKeyId))[0]),
      ).toEqual({ revoked: true });
      // A revoke from another process reaches a running API within its key cache's lifetime (ApiKeyCache).
      const revokedAt = Date.now();
      await eventually(
        async () => (await api.http().get('/api/v1/auth/me').set(bearer(key.apiKey))).status === 401 || undefined,
        { timeoutMs: API_KEY_CACHE_MS + 2000, what: 'the revoked key refused' },
      );
      expect(Date.now() - revokedAt).toBeLessThanOrEqual(API_KEY_CACHE_MS + 1000);
    } finally {
      await api.close();
    }
  });

  it('refuses unknown commands, unknown options and missing options', async () => {
    await expect(cli('launch')).rejects.toThrow('Unknown command "launch"');
    await expect(cli('create-agency', '--name', 'X')).rejects.toThrow('--admin-email is required');
    await expect(cli('create-agency', '--colour', 'red')).rejects.toThrow(/Unknown option/);
    await expect(
      cli('create-user', '--agency-id', 'a', '--email', 'e@x.test', '--password', 'p', '--role', 'owner'),
    ).rejects.toThrow('--role must be one of');
  });

  async function dropDatabase(name: string): Promise<void> {
    const admin = new DataSource({ type: 'postgres', url: database.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.destroy();
  }

  function prepareIn(name: string, env: NodeJS.ProcessEnv = {}) {
    const url = new URL(database.url);
    url.pathname = `/${name}`;
    return (argv: string[]) => {
      const lines: string[] = [];
      return runCliCommand(
        argv,
        loadRuntimeConfig({ ...env, DATABASE_URL: url.toString() }),
        (l) => lines.push(l),
        env,
      ).then(() => lines);
    };
  }

  const STRONG = { JWT_SECRET: 'j'.repeat(40), ENCRYPTION_KEY: 'k'.repeat(40) };

  it('prepare creates a missing database, migrates it, and seeds the demo agency exactly once, with a random password', async () => {
    const name = `${database.name}_prepare`;
    const run = prepareIn(name);
    try {
      const first = (await run(['prepare'])).join('\n');
      const password = new RegExp(`${DEMO_ADMIN_EMAIL} / (\\S+) \\(random password`).exec(first)?.[1];
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(first).toMatch(/Admin API key \(shown once\): ak_/);
      const second = (await run(['prepare'])).join('\n');
      expect(second).not.toContain('shown once');
      expect(second).not.toContain(password);
      expect(second).toContain(
        `Sign in at http://127.0.0.1:3000 as ${DEMO_ADMIN_EMAIL} with the password printed when it was seeded`,
      );

      const url = new URL(database.url);
      url.pathname = `/${name}`;
      const dataSource = new DataSource(buildDataSourceOptions({ url: url.toString(), poolSize: 1 }));
      await dataSource.initialize();
      const workflows = await dataSource.getRepository(WorkflowEntity).find();
      await dataSource.destroy();
      expect(workflows.length).toBeGreaterThanOrEqual(3);
      expect(workflows.every((w) => w.isActive)).toBe(true);

      // The printed password is the demo admin's; the published one of earlier versions is not.
      const api = await startTestApi({ DATABASE_URL: url.toString() });
      try {
        await api.http().post('/api/v1/auth/login').send({ email: DEMO_ADMIN_EMAIL, password }).expect(200);
        await api
          .http()
          .post('/api/v1/auth/login')
          .send({ email: DEMO_ADMIN_EMAIL, password: 'demo-password' })
          .expect(401);
      } finally {
        await api.close();
      }
    } finally {
      await dropDatabase(name);
    }
  });

  it('prepare seeds nothing in production unless asked (--demo or SEED_DEMO=true); DEMO_PASSWORD sets the password; --json prints one line', async () => {
    const production = { NODE_ENV: 'production', ...STRONG };
    const plain = `${database.name}_prod`;
    const asked = `${database.name}_prod_demo`;
    try {
      const nothing = await prepareIn(plain, production)(['prepare', '--json']);
      expect(nothing).toHaveLength(1);
      expect(JSON.parse(nothing[0])).toMatchObject({ databaseCreated: true, seeded: false, demo: null });
      expect((await prepareIn(plain, { ...production, SEED_DEMO: '' })(['prepare'])).join('\n')).toContain(
        'no demo data (NODE_ENV=production',
      );
      expect(
        (await prepareIn(plain, { ...production, SEED_DEMO: 'false' })(['prepare', '--json'])).map(
          (l) => JSON.parse(l).seeded,
        ),
      ).toEqual([false]);

      const seeded = JSON.parse(
        (
          await prepareIn(asked, { ...production, DEMO_PASSWORD: 'a chosen demo passphrase' })([
            'prepare',
            '--demo',
            '--json',
          ])
        )[0],
      );
      expect(seeded).toMatchObject({
        seeded: true,
        demo: { email: DEMO_ADMIN_EMAIL, password: 'a chosen demo passphrase', apiKey: expect.stringMatching(/^ak_/) },
      });
      expect(
        JSON.parse((await prepareIn(asked, { ...production, SEED_DEMO: 'true' })(['prepare', '--json']))[0]),
      ).toMatchObject({ seeded: false, demo: null });

      await expect(prepareIn(plain, { ...production, SEED_DEMO: 'maybe' })(['prepare'])).rejects.toThrow(
        'SEED_DEMO must be true or false',
      );
    } finally {
      await dropDatabase(plain);
      await dropDatabase(asked);
    }
  });

  it.each<[boolean | undefined, string | undefined, string, boolean]>([
    [undefined, undefined, 'development', true],
    [undefined, '', 'development', true],
    [undefined, 'false', 'development', false],
    [undefined, undefined, 'test', true],
    [undefined, undefined, 'production', false],
    [undefined, '', 'production', false],
    [undefined, 'true', 'production', true],
    [undefined, ' YES ', 'production', true],
    [undefined, '0', 'production', false],
    [true, undefined, 'production', true],
    [true, 'false', 'production', true],
  ])('demoSeedWanted(--demo=%s, SEED_DEMO=%j, NODE_ENV=%s) = %s', (flag, seedDemo, nodeEnv, expected) => {
    expect(demoSeedWanted(flag, seedDemo, nodeEnv)).toBe(expected);
  });

  it('migrations started by several processes at once apply once (advisory lock)', async () => {
    const url = new URL(database.url);
    url.pathname = `/${database.name}_race`;
    try {
      await ensureDatabaseExists(url.toString());
      const results = await Promise.all([
        migrateDatabase(url.toString()),
        migrateDatabase(url.toString()),
        migrateDatabase(url.toString()),
      ]);
      // Every migration applied exactly once, by whichever process held the lock.
      expect(results.flat().sort()).toEqual(ALL_MIGRATIONS.map((migration) => migration.name).sort());
    } finally {
      const admin = new DataSource({ type: 'postgres', url: database.url.replace(/\/[^/]+$/, '/postgres') });
      await admin.initialize();
      await admin.query(`DROP DATABASE IF EXISTS "${database.name}_race" WITH (FORCE)`);
      await admin.destroy();
    }
  });
});
