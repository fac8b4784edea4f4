import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS, buildDataSourceOptions, ensureDatabaseExists, loadRuntimeConfig, migrateDatabase, WorkflowEntity } from '@automations/persistence';
import { createTestDatabase, eventually, TestDatabase } from '@automations/testing';
import { API_KEY_CACHE_MS } from '../src/modules/auth/api-key-cache';
import { runCliCommand } from '../src/cli/cli-commands';
import { DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD } from '../src/cli/demo-seeder';
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
    const lines = await cli('create-agency', '--name', 'CLI Agency', '--admin-email', 'ops@cli.test', '--admin-password', 'a good long password');
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0]);
    expect(Object.keys(created).sort()).toEqual(['agencyId', 'apiKey', 'userId']);

    const api = await startTestApi({ DATABASE_URL: database.url });
    try {
      const me = await api.http().get('/api/v1/auth/me').set(bearer(created.apiKey)).expect(200);
      expect(me.body).toMatchObject({ agencyId: created.agencyId, role: 'admin', actorType: 'api_key' });
      await api.http().post('/api/v1/auth/login').send({ email: 'ops@cli.test', password: 'a good long password' }).expect(200);

      const user = JSON.parse((await cli('create-user', '--agency-id', created.agencyId, '--email', 'viewer@cli.test', '--password', 'another long password', '--role', 'viewer'))[0]);
      expect(user).toMatchObject({ agencyId: created.agencyId, role: 'viewer' });
      const key = JSON.parse((await cli('create-api-key', '--agency-id', created.agencyId, '--name', 'ops', '--role', 'manager'))[0]);
      await api.http().get('/api/v1/auth/me').set(bearer(key.apiKey)).expect(200);
      expect(JSON.parse((await cli('revoke-api-key', '--agency-id', created.agencyId, '--api-key-id', key.apiKeyId))[0])).toEqual({ revoked: true });
      // A revoke from another process reaches a running API within its key cache's lifetime (ApiKeyCache).
      const revokedAt = Date.now();
      await eventually(async () => (await api.http().get('/api/v1/auth/me').set(bearer(key.apiKey))).status === 401 || undefined, { timeoutMs: API_KEY_CACHE_MS + 2000, what: 'the revoked key refused' });
      expect(Date.now() - revokedAt).toBeLessThanOrEqual(API_KEY_CACHE_MS + 1000);
    } finally {
      await api.close();
    }
  });

  it('refuses unknown commands, unknown options and missing options', async () => {
    await expect(cli('launch')).rejects.toThrow('Unknown command "launch"');
    await expect(cli('create-agency', '--name', 'X')).rejects.toThrow('--admin-email is required');
    await expect(cli('create-agency', '--colour', 'red')).rejects.toThrow(/Unknown option/);
    await expect(cli('create-user', '--agency-id', 'a', '--email', 'e@x.test', '--password', 'p', '--role', 'owner')).rejects.toThrow('--role must be one of');
  });

  it('prepare creates a missing database, migrates it, and seeds the demo agency exactly once', async () => {
    const fresh = new URL(database.url);
    fresh.pathname = `/${database.name}_prepare`;
    const run = (argv: string[]) => {
      const lines: string[] = [];
      return runCliCommand(argv, loadRuntimeConfig({ DATABASE_URL: fresh.toString() }), (l) => lines.push(l)).then(() => lines);
    };
    try {
      const first = await run(['prepare']);
      expect(first.join('\n')).toContain(`${DEMO_ADMIN_EMAIL} / ${DEMO_ADMIN_PASSWORD}`);
      expect(first.join('\n')).toMatch(/Admin API key \(shown once\): ak_/);
      const second = await run(['prepare']);
      expect(second.join('\n')).not.toContain('shown once');

      const dataSource = new DataSource(buildDataSourceOptions({ url: fresh.toString(), poolSize: 1 }));
      await dataSource.initialize();
      const workflows = await dataSource.getRepository(WorkflowEntity).find();
      await dataSource.destroy();
      expect(workflows.length).toBeGreaterThanOrEqual(3);
      expect(workflows.every((w) => w.isActive)).toBe(true);
    } finally {
      const admin = new DataSource({ type: 'postgres', url: database.url.replace(/\/[^/]+$/, '/postgres') });
      await admin.initialize();
      await admin.query(`DROP DATABASE IF EXISTS "${database.name}_prepare" WITH (FORCE)`);
      await admin.destroy();
    }
  });

  it('migrations started by several processes at once apply once (advisory lock)', async () => {
    const url = new URL(database.url);
    url.pathname = `/${database.name}_race`;
    try {
      await ensureDatabaseExists(url.toString());
      const results = await Promise.all([migrateDatabase(url.toString()), migrateDatabase(url.toString()), migrateDatabase(url.toString())]);
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
