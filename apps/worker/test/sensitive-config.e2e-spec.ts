import { openSteps, SecretBox, WorkflowEntity } from '@automations/persistence';
import { SmtpSink, startSmtpSink } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { tablesContaining } from '../../api/test/support/raw-database';
import { engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

const ENCRYPTION_KEY = 'sensitive-config-test-key-0123456789abcdef';
const RECIPIENT = 'sealed-recipient@client-example.test';

/** Email recipients are sealed in stored definitions; the API shows them to the agency, the engine sends to them. */
describe('sensitive config at rest: email recipients', () => {
  let smtp: SmtpSink;
  let stack: TestStack;
  let agency: TestAgency;
  let other: TestAgency;
  let f: ReturnType<typeof engineFixtures>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startTestStack({ SMTP_URL: smtp.url, ENCRYPTION_KEY });
    agency = await stack.createAgency('Sealed Agency');
    other = await stack.createAgency('Other Agency');
    f = engineFixtures(stack, agency);
  });
  afterAll(async () => {
    await stack.close();
    await smtp.close();
  });

  const definition = () => ({
    name: 'Sealed email',
    triggers: [stageTrigger('sealed')],
    steps: [
      { id: 'task', type: 'create_task', config: { title: 'Call {{client.name}}', priority: 'low' } },
      {
        id: 'mail',
        type: 'send_notification',
        config: {
          channel: 'email',
          recipients: [RECIPIENT, agency.userIds.manager],
          subject: 'About {{client.name}}',
          message: 'Hello {{client.name}}',
        },
      },
    ],
  });

  it('stores ciphertext (raw SQL), returns the address to the agency on every read, and the engine emails it', async () => {
    const created = await f
      .http()
      .post('/api/v1/workflows')
      .set(bearer(agency.tokens.manager))
      .send(definition())
      .expect(201);
    const id: string = created.body.id;
    expect(created.body.steps[1].config.recipients).toEqual([RECIPIENT, agency.userIds.manager]);

    const [stored]: { steps: string }[] = await stack.api.dataSource.query(
      `SELECT steps::text AS steps FROM workflows WHERE id = $1`,
      [id],
    );
    expect(stored.steps).not.toContain(RECIPIENT);
    expect(stored.steps).toContain('"$sealed": "v2.');
    expect(stored.steps).toContain('Call {{client.name}}');
    const [version]: { definition: string }[] = await stack.api.dataSource.query(
      `SELECT definition::text AS definition FROM workflow_versions WHERE workflow_id = $1`,
      [id],
    );
    expect(version.definition).not.toContain(RECIPIENT);
    expect(await tablesContaining(stack.api.dataSource, RECIPIENT)).toEqual([]);
    // It is the configured key that opens it.
    const row = await stack.api.dataSource.getRepository(WorkflowEntity).findOneByOrFail({ id });
    expect(
      openSteps(new SecretBox(ENCRYPTION_KEY), { agencyId: agency.agencyId, workflowId: id }, row.steps)[1],
    ).toMatchObject({ config: { recipients: [RECIPIENT, agency.userIds.manager] } });

    for (const token of [agency.tokens.viewer, agency.tokens.manager, agency.apiKey]) {
      const read = await f.http().get(`/api/v1/workflows/${id}`).set(bearer(token)).expect(200);
      expect(read.body.steps[1].config.recipients).toEqual([RECIPIENT, agency.userIds.manager]);
    }
    await f.http().get(`/api/v1/workflows/${id}`).set(bearer(other.tokens.admin)).expect(404);

    // A PATCH of another field keeps the recipients (merged with the opened definition) and stores them sealed again.
    const patched = await f
      .http()
      .patch(`/api/v1/workflows/${id}`)
      .set(bearer(agency.tokens.manager))
      .send({ description: 'now with a description' })
      .expect(200);
    expect(patched.body.steps[1].config.recipients).toEqual([RECIPIENT, agency.userIds.manager]);
    // Toggles store a version copied from the stored (sealed) row.
    for (const isActive of [false, true]) {
      const toggled = await f
        .http()
        .patch(`/api/v1/workflows/${id}/toggle`)
        .set(bearer(agency.tokens.manager))
        .send({ isActive })
        .expect(200);
      expect(toggled.body.steps[1].config.recipients).toEqual([RECIPIENT, agency.userIds.manager]);
    }
    const versions = await f
      .http()
      .get(`/api/v1/workflows/${id}/versions`)
      .set(bearer(agency.tokens.manager))
      .expect(200);
    expect(
      versions.body.items.map(
        (v: { definition: { steps: { config: { recipients?: string[] } }[] } }) =>
          v.definition.steps[1].config.recipients,
      ),
    ).toEqual(Array.from({ length: 4 }, () => [RECIPIENT, agency.userIds.manager]));
    const preview = await f
      .http()
      .post(`/api/v1/workflows/${id}/test`)
      .set(bearer(agency.tokens.manager))
      .send({ client: { name: 'Sample', stage: 'sealed', health: 'green' } })
      .expect((r) => expect(r.status).toBeLessThan(300));
    expect(JSON.stringify(preview.body)).toContain(RECIPIENT);
    expect(await tablesContaining(stack.api.dataSource, RECIPIENT)).toEqual([]);

    const client = await f.createClient('Sealed Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'sealed'), id);
    await stack.waitForRun(runId, ['completed']);
    await smtp.waitForMessages(1);
    const users = (await f.http().get('/api/v1/users').set(bearer(agency.tokens.admin)).expect(200)).body.items as {
      id: string;
      email: string;
    }[];
    const managerEmail = users.find((user) => user.id === agency.userIds.manager)!.email;
    expect(smtp.messages).toHaveLength(1);
    expect([...smtp.messages[0].to].sort()).toEqual([RECIPIENT, managerEmail].sort());
    expect(smtp.messages[0].subject).toBe('About Sealed Client');

    const run = await f.http().get(`/api/v1/workflows/runs/${runId}`).set(bearer(agency.tokens.manager)).expect(200);
    expect(run.body.definition.steps[1].config.recipients).toEqual([RECIPIENT, agency.userIds.manager]);
    // Definitions stay sealed; the run's own records (rendered step input/output, the delivery log) name whom it
    // emailed, and are purged with the run's payloads after RUN_RETENTION_DAYS (docs/decisions.md).
    expect((await tablesContaining(stack.api.dataSource, RECIPIENT)).sort()).toEqual(['notifications', 'run_steps']);
  });
});
