import { createHmac } from 'node:crypto';
import { bearer, startTestApi, TestAgency, TestApi } from './support/test-api';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signJwt(payload: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('auth, users and API keys', () => {
  let api: TestApi;
  let agency: TestAgency;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await api.createAgency('Auth Agency');
  });
  afterAll(() => api.close());

  it('logs in with email and password and identifies the caller', async () => {
    const me = await api.http().get('/api/v1/auth/me').set(bearer(agency.tokens.manager)).expect(200);
    expect(me.body).toEqual({
      agencyId: agency.agencyId,
      role: 'manager',
      actorType: 'user',
      actorId: agency.userIds.manager,
    });
  });

  it('rejects a wrong password and an unknown email with the same 401', async () => {
    const users = await api.http().get('/api/v1/users').set(bearer(agency.tokens.admin)).expect(200);
    const email = users.body.items.find((u: { role: string }) => u.role === 'admin').email;
    const wrong = await api.http().post('/api/v1/auth/login').send({ email, password: 'nope' }).expect(401);
    const unknown = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'ghost@nowhere.test', password: 'nope' })
      .expect(401);
    expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' });
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('answers 401 without a token, with garbage, with alg:none, with an expired token and with a forged signature', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: agency.userIds.admin, agencyId: agency.agencyId };
    const tokens = [
      undefined,
      'garbage',
      `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iat: now })}.`,
      signJwt({ ...claims, iat: now - 7200, exp: now - 3600 }, api.config.jwtSecret),
      signJwt({ ...claims, iat: now }, 'not-the-secret'),
    ];
    for (const token of tokens) {
      const req = api.http().get('/api/v1/workflows');
      const response = await (token ? req.set(bearer(token)) : req).expect(401);
      expect(response.body.statusCode).toBe(401);
    }
    // The same claims correctly signed do work: the rejections above are about the token, not the claims.
    await api
      .http()
      .get('/api/v1/workflows')
      .set(bearer(signJwt({ ...claims, iat: now }, api.config.jwtSecret)))
      .expect(200);
  });

  it('creates a user that can log in, and a deactivated user loses access at once', async () => {
    const created = await api
      .http()
      .post('/api/v1/users')
      .set(bearer(agency.tokens.admin))
      .send({ email: 'new.person@auth.test', name: 'New Person', role: 'viewer', password: 'long enough password' })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'new.person@auth.test', role: 'viewer', active: true });
    expect(JSON.stringify(created.body)).not.toMatch(/password/i);
    const login = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'New.Person@auth.test', password: 'long enough password' })
      .expect(200);
    const token = login.body.accessToken;
    await api.http().get('/api/v1/workflows').set(bearer(token)).expect(200);

    await api
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set(bearer(agency.tokens.admin))
      .send({ active: false })
      .expect(200);
    await api.http().get('/api/v1/workflows').set(bearer(token)).expect(401);
    await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'new.person@auth.test', password: 'long enough password' })
      .expect(401);
  });

  it('applies a role change immediately, without a new token', async () => {
    const created = await api
      .http()
      .post('/api/v1/users')
      .set(bearer(agency.tokens.admin))
      .send({ email: 'promoted@auth.test', name: 'Pro Moted', role: 'viewer', password: 'long enough password' })
      .expect(201);
    const token = (
      await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'promoted@auth.test', password: 'long enough password' })
        .expect(200)
    ).body.accessToken;
    await api.http().post('/api/v1/workflows').set(bearer(token)).send({}).expect(403);
    await api
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set(bearer(agency.tokens.admin))
      .send({ role: 'manager' })
      .expect(200);
    await api.http().post('/api/v1/workflows').set(bearer(token)).send({}).expect(400);
  });

  it('rejects a duplicate email and lets no admin demote or deactivate themselves', async () => {
    const users = await api.http().get('/api/v1/users').set(bearer(agency.tokens.admin)).expect(200);
    const admin = users.body.items.find((u: { id: string }) => u.id === agency.userIds.admin);
    await api
      .http()
      .post('/api/v1/users')
      .set(bearer(agency.tokens.admin))
      .send({ email: admin.email.toUpperCase(), name: 'Dup', role: 'viewer', password: 'long enough password' })
      .expect(409);
    const self = await api
      .http()
      .patch(`/api/v1/users/${agency.userIds.admin}`)
      .set(bearer(agency.tokens.admin))
      .send({ role: 'viewer' })
      .expect(400);
    expect(self.body.details[0].path).toBe('role');
  });

  it('issues an API key once, authenticates with it with its own role, and revokes it', async () => {
    const created = await api
      .http()
      .post('/api/v1/api-keys')
      .set(bearer(agency.tokens.admin))
      .send({ name: 'CRM sync', role: 'viewer' })
      .expect(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^ak_[a-f0-9]{16}_/);
    expect(created.body.prefix).toBe(key.split('_').slice(0, 2).join('_'));

    const listed = await api.http().get('/api/v1/api-keys').set(bearer(agency.tokens.admin)).expect(200);
    // The secret is base64url and may itself hold '_': it is everything after `ak_<prefix>_`.
    expect(JSON.stringify(listed.body)).not.toContain(key.slice(created.body.prefix.length + 1));
    expect(listed.body.items.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({
      name: 'CRM sync',
      role: 'viewer',
      revokedAt: null,
    });

    const me = await api.http().get('/api/v1/auth/me').set(bearer(key)).expect(200);
    expect(me.body).toMatchObject({
      agencyId: agency.agencyId,
      role: 'viewer',
      actorType: 'api_key',
      actorId: created.body.id,
    });
    await api.http().post('/api/v1/workflows').set(bearer(key)).send({}).expect(403);

    await api.http().delete(`/api/v1/api-keys/${created.body.id}`).set(bearer(agency.tokens.admin)).expect(204);
    await api.http().get('/api/v1/auth/me').set(bearer(key)).expect(401);
    // A key with a valid shape but a wrong secret is rejected too.
    await api
      .http()
      .get('/api/v1/auth/me')
      .set(bearer(agency.apiKey.slice(0, -4) + 'AAAA'))
      .expect(401);
  });

  it('records who created users and keys in the audit trail', async () => {
    const audit = await api
      .http()
      .get('/api/v1/audit?eventType=api_key.created')
      .set(bearer(agency.tokens.admin))
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      eventType: 'api_key.created',
      actorType: 'user',
      actorId: agency.userIds.admin,
    });
  });
});
