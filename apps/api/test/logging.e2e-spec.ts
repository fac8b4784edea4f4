import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createLogger, loadRuntimeConfig } from '@automations/persistence';
import { createTestDatabase, createTestQueuePrefix, TestDatabase } from '@automations/testing';
import { createApiApp } from '../src/app.factory';
import { AgencyProvisioner } from '../src/modules/accounts/agency-provisioner';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Hygiene (PRODUCT.md §5): logs are structured JSON with secrets redacted, and audit details never
 * hold secret values. The API runs with a real (JSON, debug-level) logger whose output is captured.
 */
describe('structured logs and secret hygiene', () => {
  const PASSWORD = 'Correct-Horse-Battery-Staple-42';
  const NEW_USER_PASSWORD = 'Another-Long-Password-77';
  const SLACK_TOKEN = 'xoxb-1111111111-2222222222-SlackSecretValue9Zq';
  const SMTP_PASSWORD = 'Sup3rSecretSmtpPw';
  const SMTP_URL = `smtps://mailer:${SMTP_PASSWORD}@smtp.example.com:465`;
  const OPENAI_KEY = 'sk-proj-OpenAiSecretValue0123456789abcd';

  const lines: string[] = [];
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  let agency: { agencyId: string; userId: string; apiKey: string };
  let accessToken: string;
  const createdKeys: string[] = [];
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadRuntimeConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: createTestQueuePrefix(),
      DB_POOL_SIZE: '5',
    });
    const logger = createLogger({
      service: 'api',
      format: 'json',
      level: 'debug',
      destination: { write: (line: string) => lines.push(line) },
    });
    app = await createApiApp(config, { logger });
    dataSource = app.get(DataSource);
    agency = await new AgencyProvisioner(dataSource).createAgency({
      name: 'Log Agency',
      adminEmail: 'admin@log.test',
      adminPassword: PASSWORD,
      timezone: 'UTC',
    });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const secrets = () =>
    [
      PASSWORD,
      NEW_USER_PASSWORD,
      agency.apiKey,
      agency.apiKey.split('_')[2],
      accessToken,
      // The secret is base64url and may itself hold '_': it is everything after `ak_<16 hex>_`.
      ...createdKeys.flatMap((key) => [key, key.slice('ak_'.length + 16 + 1)]),
      SLACK_TOKEN,
      'SlackSecretValue9Zq',
      SMTP_URL,
      SMTP_PASSWORD,
      OPENAI_KEY,
      'OpenAiSecretValue0123456789abcd',
    ].filter(Boolean);

  it('writes Nest and request logs as JSON lines, one per completed request, without headers or bodies', async () => {
    const login = await http()
      .post('/api/v1/auth/login')
      .send({ email: 'admin@log.test', password: PASSWORD })
      .expect(200);
    accessToken = login.body.accessToken;
    await http().get('/api/v1/agency').set(bearer(agency.apiKey)).expect(200);

    const all = records();
    expect(all.length).toBe(lines.length); // every line parsed as JSON
    expect(all.some((record) => record.context === 'RoutesResolver' || record.context === 'RouterExplorer')).toBe(true);
    const completed = all.filter((record) => record.msg === 'request completed');
    expect(completed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 'info',
          service: 'api',
          method: 'POST',
          url: '/api/v1/auth/login',
          statusCode: 200,
          auth: 'none',
          reqId: expect.anything(),
        }),
        expect.objectContaining({ method: 'GET', url: '/api/v1/agency', statusCode: 200, auth: 'api_key' }),
      ]),
    );
    for (const record of completed) {
      expect(record).not.toHaveProperty('headers');
      expect(record).not.toHaveProperty('body');
    }
  });

  it('never prints a password, a bearer JWT, an API key or a token in the query string', async () => {
    await http()
      .post('/api/v1/auth/login')
      .send({ email: 'admin@log.test', password: `${PASSWORD}-wrong` })
      .expect(401);
    await http().get('/api/v1/auth/me').set(bearer(accessToken)).expect(200);
    await http()
      .get('/api/v1/auth/me')
      .set(bearer(`${agency.apiKey.slice(0, -4)}XXXX`))
      .expect(401);
    await http().get(`/api/v1/auth/me?access_token=${accessToken}&apiKey=${agency.apiKey}`).set(bearer(agency.apiKey));
    const created = await http()
      .post('/api/v1/api-keys')
      .set(bearer(accessToken))
      .send({ name: 'logged key', role: 'viewer' })
      .expect(201);
    createdKeys.push(created.body.key);
    await http()
      .post('/api/v1/users')
      .set(bearer(accessToken))
      .send({ email: 'new@log.test', name: 'New Person', role: 'viewer', password: NEW_USER_PASSWORD })
      .expect(201);

    const output = lines.join('');
    for (const secret of secrets()) expect(output).not.toContain(secret);
    expect(output).not.toContain(`${PASSWORD}-wrong`);
    // The query string is logged with its secret values masked, not dropped.
    const scrubbed = records().find(
      (record) => typeof record.url === 'string' && record.url.startsWith('/api/v1/auth/me?'),
    );
    expect(scrubbed?.url).toBe('/api/v1/auth/me?access_token=[REDACTED]&apiKey=[REDACTED]');
  });

  it('keeps integration secrets out of logs, responses and audit details', async () => {
    const put = (kind: string, body: object) =>
      http().put(`/api/v1/integrations/${kind}`).set(bearer(accessToken)).send(body).expect(200);
    const responses = [
      await put('slack', { botToken: SLACK_TOKEN, defaultChannel: 'C0123ABCD' }),
      await put('openai', { apiKey: OPENAI_KEY, model: 'gpt-4o-mini' }),
      await put('email', { fromAddress: 'automations@log.test', smtpUrl: SMTP_URL }),
      // Settings-only changes, and a secret replaced by itself.
      await put('slack', { defaultChannel: 'C0456EFGH' }),
      await put('openai', { apiKey: OPENAI_KEY, model: 'gpt-4.1-mini' }),
    ];
    await http()
      .patch('/api/v1/agency')
      .set(bearer(accessToken))
      .send({ settings: { maxRunsPerMinute: 42 } })
      .expect(200);

    const audit: { event_type: string; details: Record<string, unknown> }[] = await dataSource.query(
      `SELECT event_type, details FROM audit_events WHERE agency_id = $1 ORDER BY at`,
      [agency.agencyId],
    );
    expect(audit.map((row) => row.event_type)).toEqual(
      expect.arrayContaining(['integration.updated', 'api_key.created', 'user.created', 'agency.updated']),
    );
    expect(audit.filter((row) => row.event_type === 'integration.updated').map((row) => row.details)).toEqual([
      { kind: 'slack', changed: ['defaultChannel', 'botToken'] },
      { kind: 'openai', changed: ['model', 'apiKey'] },
      { kind: 'email', changed: ['fromAddress', 'smtpUrl'] },
      { kind: 'slack', changed: ['defaultChannel'] },
      { kind: 'openai', changed: ['model', 'apiKey'] },
    ]);
    const auditText = JSON.stringify(audit);
    const responseText = JSON.stringify(responses.map((response) => response.body));
    const output = lines.join('');
    for (const secret of secrets()) {
      expect(auditText).not.toContain(secret);
      expect(responseText).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
  });
});
