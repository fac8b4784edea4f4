import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { integrationSecretContext, loadRuntimeConfig, SecretBox } from '@automations/persistence';
import { createApiApp } from '../src/app.factory';
import { runCliCommand } from '../src/cli/cli-commands';
import { tablesContaining } from './support/raw-database';
import { bearer, startTestApi, TestAgency, TestApi } from './support/test-api';

const KEY_A = 'rotation-test-key-A-0123456789abcdef';
const KEY_B = 'rotation-test-key-B-0123456789abcdef';
const KEY_C = 'rotation-test-key-C-0123456789abcdef';
const RECIPIENT = 'rotation-recipient@client-example.test';
const LEGACY_RECIPIENT = 'legacy-recipient@client-example.test';
const BOT_TOKEN = 'xoxb-rotation-test-token-0001';

interface StoredBytes {
  secret: string;
  steps: Record<string, string>;
  versions: Record<string, string>;
}

describe('rotate-keys: integration secrets and sensitive definition fields under a new key', () => {
  let api: TestApi;
  let agency: TestAgency;
  let workflowId: string;
  let legacyId: string;

  const rawSteps = async (): Promise<StoredBytes> => {
    const [integration] = await api.dataSource.query(
      `SELECT secret_encrypted FROM integrations WHERE agency_id = $1 AND kind = 'slack'`,
      [agency.agencyId],
    );
    const workflows: { id: string; steps: string }[] = await api.dataSource.query(
      `SELECT id, steps::text AS steps FROM workflows ORDER BY id`,
    );
    const versions: { id: string; definition: string }[] = await api.dataSource.query(
      `SELECT id, definition::text AS definition FROM workflow_versions ORDER BY id`,
    );
    return {
      secret: integration.secret_encrypted,
      steps: Object.fromEntries(workflows.map((w) => [w.id, w.steps])),
      versions: Object.fromEntries(versions.map((v) => [v.id, v.definition])),
    };
  };

  async function rotate(
    encryptionKey: string,
    previous?: string,
    ...extra: string[]
  ): Promise<{
    keyId: string;
    rewritten: number;
    integrations: { rewritten: number };
    workflows: { scanned: number; rewritten: number };
    workflowVersions: { scanned: number; rewritten: number };
  }> {
    const lines: string[] = [];
    const env: Record<string, string> = {
      DATABASE_URL: api.config.databaseUrl,
      ENCRYPTION_KEY: encryptionKey,
      ...(previous ? { ENCRYPTION_KEY_PREVIOUS: previous } : {}),
    };
    await runCliCommand(['rotate-keys', ...extra], loadRuntimeConfig(env), (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0]);
  }

  /** An API on the same database configured with `encryptionKey` alone: what it reads proves the data opens with that key. */
  async function withApi<T>(
    encryptionKey: string,
    work: (http: () => ReturnType<typeof request>) => Promise<T>,
  ): Promise<T> {
    const app: NestFastifyApplication = await createApiApp(
      loadRuntimeConfig({
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: api.config.databaseUrl,
        QUEUE_PREFIX: api.config.queuePrefix,
        DB_POOL_SIZE: '2',
        ENCRYPTION_KEY: encryptionKey,
      }),
      { logger: false },
    );
    try {
      return await work(() => request(app.getHttpServer()));
    } finally {
      await app.close();
    }
  }

  async function expectReadableWith(encryptionKey: string): Promise<void> {
    await withApi(encryptionKey, async (http) => {
      const workflow = await http()
        .get(`/api/v1/workflows/${workflowId}`)
        .set(bearer(agency.tokens.manager))
        .expect(200);
      expect(workflow.body.steps[0].config.recipients).toEqual([RECIPIENT, agency.userIds.manager]);
      const versions = await http()
        .get(`/api/v1/workflows/${workflowId}/versions`)
        .set(bearer(agency.tokens.manager))
        .expect(200);
      expect(
        versions.body.items.map(
          (v: { definition: { steps: { config: { recipients: string[] } }[] } }) =>
            v.definition.steps[0].config.recipients[0],
        ),
      ).toEqual([RECIPIENT, RECIPIENT]);
      const legacy = await http().get(`/api/v1/workflows/${legacyId}`).set(bearer(agency.tokens.manager)).expect(200);
      expect(legacy.body.steps[0].config.recipients).toEqual([LEGACY_RECIPIENT]);
    });
    const stored = await rawSteps();
    expect(new SecretBox(encryptionKey).open(stored.secret, integrationSecretContext(agency.agencyId, 'slack'))).toBe(
      BOT_TOKEN,
    );
  }

  const emailStep = (recipients: string[]) => ({
    id: 'mail',
    type: 'send_notification',
    config: { channel: 'email', recipients, subject: 'Hello', message: 'Hi {{client.name}}' },
  });

  beforeAll(async () => {
    api = await startTestApi({ ENCRYPTION_KEY: KEY_A });
    agency = await api.createAgency('Rotation Agency');
    await api
      .http()
      .put('/api/v1/integrations/slack')
      .set(bearer(agency.tokens.admin))
      .send({ botToken: BOT_TOKEN })
      .expect(200);
    const created = await api
      .http()
      .post('/api/v1/workflows')
      .set(bearer(agency.tokens.manager))
      .send({
        name: 'Rotation',
        triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
        steps: [emailStep([RECIPIENT, agency.userIds.manager])],
      })
      .expect(201);
    workflowId = created.body.id;
    await api
      .http()
      .patch(`/api/v1/workflows/${workflowId}`)
      .set(bearer(agency.tokens.manager))
      .send({ description: 'second version' })
      .expect(200);

    // A workflow saved before sensitive values were sealed: its recipients are plaintext in both tables.
    const legacy = await api
      .http()
      .post('/api/v1/workflows')
      .set(bearer(agency.tokens.manager))
      .send({
        name: 'Legacy',
        triggers: [{ type: 'stage_change', config: { toStage: 'churned' } }],
        steps: [emailStep([LEGACY_RECIPIENT])],
      })
      .expect(201);
    legacyId = legacy.body.id;
    const plaintextSteps = JSON.stringify([
      { ...emailStep([LEGACY_RECIPIENT]), config: { ...emailStep([]).config, recipients: [LEGACY_RECIPIENT] } },
    ]);
    await api.dataSource.query(`UPDATE workflows SET steps = $2::jsonb WHERE id = $1`, [legacyId, plaintextSteps]);
    await api.dataSource.query(
      `UPDATE workflow_versions SET definition = jsonb_set(definition, '{steps}', $2::jsonb) WHERE workflow_id = $1`,
      [legacyId, plaintextSteps],
    );
  });
  afterAll(() => api.close());

  it('a sealed definition stores no plaintext recipient, and a plaintext (legacy) one still reads', async () => {
    expect(await tablesContaining(api.dataSource, RECIPIENT)).toEqual([]);
    expect((await tablesContaining(api.dataSource, LEGACY_RECIPIENT)).sort()).toEqual([
      'workflow_versions',
      'workflows',
    ]);
    await expectReadableWith(KEY_A);
  });

  it('under the same key, rotate-keys seals only the legacy plaintext rows; a second run rewrites 0 rows', async () => {
    const before = await rawSteps();
    const first = await rotate(KEY_A, undefined, '--batch-size', '2');
    expect(first).toMatchObject({
      keyId: new SecretBox(KEY_A).keyId,
      integrations: { rewritten: 0 },
      workflows: { scanned: 2, rewritten: 1 },
      workflowVersions: { scanned: 3, rewritten: 1 },
      rewritten: 2,
    });
    expect(await tablesContaining(api.dataSource, LEGACY_RECIPIENT)).toEqual([]);
    const after = await rawSteps();
    expect(after.steps[workflowId]).toBe(before.steps[workflowId]);
    expect(after.steps[legacyId]).not.toBe(before.steps[legacyId]);
    expect((await rotate(KEY_A)).rewritten).toBe(0);
    await expectReadableWith(KEY_A);
  });

  it.each([
    ['A → B (previous A)', KEY_B, KEY_A],
    ['B → C (previous B)', KEY_C, KEY_B],
  ])(
    '%s: every box is rewritten, opens with the new key alone, and a second run rewrites 0 rows',
    async (_case, next, previous) => {
      const before = await rawSteps();
      const report = await rotate(next, previous, '--batch-size', '2');
      expect(report).toMatchObject({
        keyId: new SecretBox(next).keyId,
        integrations: { rewritten: 1 },
        workflows: { scanned: 2, rewritten: 2 },
        workflowVersions: { scanned: 3, rewritten: 3 },
        rewritten: 6,
      });

      const after = await rawSteps();
      expect(after.secret).not.toBe(before.secret);
      expect(after.secret.startsWith(`v2.${report.keyId}.`)).toBe(true);
      for (const id of Object.keys(before.steps)) expect(after.steps[id]).not.toBe(before.steps[id]);
      for (const id of Object.keys(before.versions)) expect(after.versions[id]).not.toBe(before.versions[id]);
      for (const text of [...Object.values(after.steps), ...Object.values(after.versions)])
        expect(text).toContain(`"v2.${report.keyId}.`);
      expect(await tablesContaining(api.dataSource, RECIPIENT)).toEqual([]);
      expect(await tablesContaining(api.dataSource, LEGACY_RECIPIENT)).toEqual([]);
      expect(await tablesContaining(api.dataSource, BOT_TOKEN)).toEqual([]);

      await expectReadableWith(next);
      await withApi(previous, async (http) => {
        // The old key alone no longer opens anything.
        await http().get(`/api/v1/workflows/${workflowId}`).set(bearer(agency.tokens.manager)).expect(500);
      });
      expect((await rotate(next, previous)).rewritten).toBe(0);
      expect(await rawSteps()).toEqual(after);
    },
  );

  it('stops at a value no key opens, naming its row; the batches before it stay committed and a run after the fix resumes', async () => {
    const badId = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
    const sealedElsewhere = new SecretBox('a key nobody configured here').seal(JSON.stringify(['x@y.test']), 'x');
    await api.dataSource.query(
      `INSERT INTO workflows (id, agency_id, name, is_active, triggers, steps, requires_approval, version)
       SELECT $1, agency_id, 'Unreadable', false, triggers, $2::jsonb, false, 1 FROM workflows WHERE id = $3`,
      [
        badId,
        JSON.stringify([
          { ...emailStep([]), config: { ...emailStep([]).config, recipients: { $sealed: sealedElsewhere } } },
        ]),
        workflowId,
      ],
    );
    // C → A: every readable workflow sorts before the bad one (ids ordered), so its batches commit first.
    await expect(rotate(KEY_A, KEY_C, '--batch-size', '1')).rejects.toThrow(`workflows row ${badId} does not open`);
    const partial = await rawSteps();
    expect(partial.secret.startsWith(`v2.${new SecretBox(KEY_A).keyId}.`)).toBe(true);
    for (const id of [workflowId, legacyId]) expect(partial.steps[id]).toContain(`"v2.${new SecretBox(KEY_A).keyId}.`);
    expect(Object.values(partial.versions).every((text) => text.includes(`"v2.${new SecretBox(KEY_C).keyId}.`))).toBe(
      true,
    );

    await api.dataSource.query(`DELETE FROM workflows WHERE id = $1`, [badId]);
    const resumed = await rotate(KEY_A, KEY_C);
    expect(resumed).toMatchObject({
      integrations: { rewritten: 0 },
      workflows: { rewritten: 0 },
      workflowVersions: { rewritten: 3 },
      rewritten: 3,
    });
    await expectReadableWith(KEY_A);
  });

  it('refuses a bad batch size', async () => {
    await expect(rotate(KEY_A, undefined, '--batch-size', '0')).rejects.toThrow(
      '--batch-size must be a positive integer',
    );
  });
});
