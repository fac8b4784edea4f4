import { integrationSecretContext, SecretBox } from '@automations/persistence';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';

describe('integrations (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;

  const SLACK_TOKEN = 'xoxb-1111111111-2222222222-SlackSecretValue9Zq';
  const SMTP_URL = 'smtps://mailer:Sup3rSecretSmtpPw@smtp.example.com:465';
  const OPENAI_KEY = 'sk-proj-OpenAiSecretValue0123456789abcd';

  beforeAll(async () => {
    ({ api, alpha, beta } = await startTestApiWithTwoAgencies());
  });

  afterAll(async () => {
    await api.close();
  });

  const http = () => api.http();
  const put = (token: string, kind: string, body: unknown) =>
    http()
      .put(`/api/v1/integrations/${kind}`)
      .set(bearer(token))
      .send(body as object);
  const get = (token: string, kind: string) => http().get(`/api/v1/integrations/${kind}`).set(bearer(token));
  const storedRow = async (agencyId: string, kind: string) =>
    (
      await api.dataSource.query(
        'SELECT settings, secret_encrypted, secret_last4 FROM integrations WHERE agency_id = $1 AND kind = $2',
        [agencyId, kind],
      )
    )[0] as
      { settings: Record<string, unknown>; secret_encrypted: string | null; secret_last4: string | null } | undefined;
  const expectNoSecrets = (body: unknown) => {
    const json = JSON.stringify(body);
    for (const secret of [
      SLACK_TOKEN,
      'SlackSecretValue',
      SMTP_URL,
      'Sup3rSecretSmtpPw',
      OPENAI_KEY,
      'OpenAiSecretValue',
      'xoxp-123-456-abc',
      'v1.',
    ])
      expect(json).not.toContain(secret);
  };

  it('shows an unconfigured integration', async () => {
    const response = await get(alpha.tokens.manager, 'slack').expect(200);
    expect(response.body).toEqual({
      kind: 'slack',
      configured: false,
      settings: {},
      secret: { set: false, last4: null },
      updatedAt: null,
    });
  });

  describe('slack', () => {
    it('stores the bot token encrypted and never returns it', async () => {
      const saved = await put(alpha.tokens.admin, 'slack', {
        botToken: SLACK_TOKEN,
        defaultChannel: 'C0123ABCD',
      }).expect(200);
      expect(saved.body).toEqual({
        kind: 'slack',
        configured: true,
        settings: { defaultChannel: 'C0123ABCD' },
        secret: { set: true, last4: 'e9Zq' },
        updatedAt: expect.any(String),
      });
      expectNoSecrets(saved.body);
      const read = await get(alpha.tokens.manager, 'slack').expect(200);
      expect(read.body).toEqual(saved.body);
      expectNoSecrets(read.body);

      const row = (await storedRow(alpha.agencyId, 'slack'))!;
      expect(row.secret_encrypted).not.toContain(SLACK_TOKEN);
      expect(row.secret_encrypted).not.toContain('SlackSecretValue');
      expect(row.settings).toEqual({ defaultChannel: 'C0123ABCD' });
      // The worker opens it with the same ENCRYPTION_KEY.
      expect(
        new SecretBox(api.config.encryptionKey).open(
          row.secret_encrypted!,
          integrationSecretContext(alpha.agencyId, 'slack'),
        ),
      ).toBe(SLACK_TOKEN);
    });

    it('keeps the stored token when a PUT carries none, and replaces the settings', async () => {
      const before = (await storedRow(alpha.agencyId, 'slack'))!;
      const saved = await put(alpha.tokens.admin, 'slack', {}).expect(200);
      expect(saved.body).toMatchObject({ configured: true, settings: {}, secret: { set: true } });
      const after = (await storedRow(alpha.agencyId, 'slack'))!;
      expect(after.secret_encrypted).toBe(before.secret_encrypted);

      const withChannel = await put(alpha.tokens.admin, 'slack', { defaultChannel: 'C0999ZZZZ' }).expect(200);
      expect(withChannel.body.settings).toEqual({ defaultChannel: 'C0999ZZZZ' });
    });

    it('requires the token the first time', async () => {
      const fresh = await api.createAgency('Fresh');
      const response = await put(fresh.tokens.admin, 'slack', { defaultChannel: 'C0123ABCD' }).expect(400);
      expect(response.body.details).toEqual([{ path: 'botToken', message: expect.stringContaining('required') }]);
      expect(await storedRow(fresh.agencyId, 'slack')).toBeUndefined();
    });

    it.each([
      ['a token that is not a bot token', { botToken: 'xoxp-123-456-abc' }, 'botToken'],
      ['a null token', { botToken: null }, 'botToken'],
      ['a bad channel', { botToken: SLACK_TOKEN, defaultChannel: '#general' }, 'defaultChannel'],
      ['an unknown field', { botToken: SLACK_TOKEN, signingSecret: 'abc' }, 'signingSecret'],
    ])('rejects %s, without echoing it', async (_case, body, path) => {
      const response = await put(alpha.tokens.admin, 'slack', body).expect(400);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
      expectNoSecrets(response.body);
    });
  });

  describe('email', () => {
    it('stores the SMTP URL (it holds the password) as a secret', async () => {
      const saved = await put(alpha.tokens.admin, 'email', {
        fromAddress: 'robot@alpha.test',
        fromName: 'Alpha',
        smtpUrl: SMTP_URL,
        replyTo: 'team@alpha.test',
      }).expect(200);
      expect(saved.body).toMatchObject({
        kind: 'email',
        configured: true,
        settings: { fromAddress: 'robot@alpha.test', fromName: 'Alpha', replyTo: 'team@alpha.test' },
        secret: { set: true, last4: ':465' },
      });
      expectNoSecrets(saved.body);
      const row = (await storedRow(alpha.agencyId, 'email'))!;
      expect(row.secret_encrypted).not.toContain('Sup3rSecretSmtpPw');
      expect(row.settings).not.toHaveProperty('smtpUrl');
    });

    it('works without an SMTP URL of its own (the server’s SMTP_URL is used)', async () => {
      const saved = await put(beta.tokens.admin, 'email', { fromAddress: 'robot@beta.test' }).expect(200);
      expect(saved.body).toMatchObject({ configured: true, secret: { set: false, last4: null } });
    });

    it.each([
      ['a bad sender', { fromAddress: 'not-an-email' }, 'fromAddress'],
      ['a missing sender', { fromName: 'Alpha' }, 'fromAddress'],
      ['a header injection in the name', { fromAddress: 'a@b.test', fromName: 'Alpha\r\nBcc: x@y.test' }, 'fromName'],
      ['an http URL for SMTP', { fromAddress: 'a@b.test', smtpUrl: 'http://smtp.example.com' }, 'smtpUrl'],
      ['a bad reply-to', { fromAddress: 'a@b.test', replyTo: 'nope' }, 'replyTo'],
    ])('rejects %s', async (_case, body, path) => {
      const response = await put(alpha.tokens.admin, 'email', body).expect(400);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
    });
  });

  describe('openai', () => {
    it('stores the API key encrypted, with model and base URL as settings', async () => {
      const saved = await put(alpha.tokens.admin, 'openai', {
        apiKey: OPENAI_KEY,
        model: 'gpt-4o-mini',
        baseUrl: 'http://localhost:11434/v1',
      }).expect(200);
      expect(saved.body).toMatchObject({
        configured: true,
        settings: { model: 'gpt-4o-mini', baseUrl: 'http://localhost:11434/v1' },
        secret: { set: true, last4: 'abcd' },
      });
      expectNoSecrets(saved.body);
    });

    it('shows no last 4 characters of a short key', async () => {
      const fresh = await api.createAgency('Short key');
      const saved = await put(fresh.tokens.admin, 'openai', { apiKey: 'sk-short1' }).expect(200);
      expect(saved.body.secret).toEqual({ set: true, last4: null });
    });

    it.each([
      ['an ftp base URL', { apiKey: OPENAI_KEY, baseUrl: 'ftp://models.example.com' }, 'baseUrl'],
      ['a key with spaces', { apiKey: 'sk proj key value' }, 'apiKey'],
      ['an empty model', { apiKey: OPENAI_KEY, model: '' }, 'model'],
    ])('rejects %s', async (_case, body, path) => {
      const response = await put(alpha.tokens.admin, 'openai', body).expect(400);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
    });
  });

  it('lists all kinds, secrets masked', async () => {
    const response = await http().get('/api/v1/integrations').set(bearer(alpha.tokens.manager)).expect(200);
    expect(response.body.items.map((item: { kind: string }) => item.kind)).toEqual(['slack', 'email', 'openai']);
    expect(response.body.items.every((item: { configured: boolean }) => item.configured)).toBe(true);
    expectNoSecrets(response.body);
  });

  it('audits changes by setting name, never values', async () => {
    await put(alpha.tokens.admin, 'slack', { botToken: SLACK_TOKEN, defaultChannel: 'C0ABCDEF1' }).expect(200);
    const audit = await http()
      .get('/api/v1/audit')
      .query({ eventType: 'integration.updated' })
      .set(bearer(alpha.tokens.admin))
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      eventType: 'integration.updated',
      actorType: 'user',
      actorId: alpha.adminUserId,
      details: { kind: 'slack', changed: ['defaultChannel', 'botToken'] },
    });
    expect(audit.body.items.map((item: { details: { kind: string } }) => item.details.kind)).toEqual(
      expect.arrayContaining(['slack', 'email', 'openai']),
    );
    expectNoSecrets(audit.body);
    const raw = JSON.stringify(
      await api.dataSource.query('SELECT details FROM audit_events WHERE agency_id = $1', [alpha.agencyId]),
    );
    expect(raw).not.toContain('SlackSecretValue');
    expect(raw).not.toContain('Sup3rSecretSmtpPw');
  });

  it('answers 404 for an unknown kind', async () => {
    await get(alpha.tokens.admin, 'teams').expect(404);
    await put(alpha.tokens.admin, 'teams', { token: 'x' }).expect(404);
  });

  describe('roles', () => {
    it('lets managers read masked settings but only admins change them; viewers see nothing', async () => {
      await get(alpha.tokens.manager, 'slack').expect(200);
      await get(alpha.tokens.viewer, 'slack').expect(403);
      await http().get('/api/v1/integrations').set(bearer(alpha.tokens.viewer)).expect(403);
      const before = await storedRow(alpha.agencyId, 'slack');
      await put(alpha.tokens.manager, 'slack', { botToken: 'xoxb-999-999-ManagerWasHere' }).expect(403);
      await put(alpha.tokens.viewer, 'email', { fromAddress: 'x@y.test' }).expect(403);
      await put(alpha.tokens.manager, 'openai', { apiKey: 'sk-manager-key-123456' }).expect(403);
      expect(await storedRow(alpha.agencyId, 'slack')).toEqual(before);
      await put(alpha.apiKey, 'slack', { botToken: SLACK_TOKEN, defaultChannel: 'C0ABCDEF1' }).expect(200);
    });
  });

  describe('tenancy', () => {
    it('keeps each agency’s integrations apart', async () => {
      const alphaBefore = await storedRow(alpha.agencyId, 'slack');
      const theirs = await get(beta.tokens.admin, 'slack').expect(200);
      expect(theirs.body).toMatchObject({ configured: false, secret: { set: false } });

      await put(beta.tokens.admin, 'slack', {
        botToken: 'xoxb-333-444-BetaOwnTokenValue',
        defaultChannel: 'C0BETA001',
      }).expect(200);
      expect(await storedRow(alpha.agencyId, 'slack')).toEqual(alphaBefore);
      const ours = await get(alpha.tokens.admin, 'slack').expect(200);
      expect(ours.body.settings).toEqual({ defaultChannel: 'C0ABCDEF1' });

      // A box sealed for one agency does not open as another's.
      const betaRow = (await storedRow(beta.agencyId, 'slack'))!;
      expect(() =>
        new SecretBox(api.config.encryptionKey).open(
          betaRow.secret_encrypted!,
          integrationSecretContext(alpha.agencyId, 'slack'),
        ),
      ).toThrow();
    });
  });
});
