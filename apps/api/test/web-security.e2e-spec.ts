import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import request from 'supertest';
import { createApiApp } from '../src/app.factory';
import { DUMMY_PASSWORD_HASH, PasswordHasher } from '../src/modules/auth/password-hasher';
import { bearer, startTestApi, TestAgency, TestApi } from './support/test-api';

/** The findings of the issue 11 security probe, one describe each. */
describe('web security (issue 11)', () => {
  const PASSWORD = 'correct horse battery';
  const METRICS_TOKEN = 'metrics-token-for-tests';
  let api: TestApi;
  /** A second API process on the same database and Redis prefix, behind a trusted proxy on loopback, with /metrics on. */
  let proxied: NestFastifyApplication;
  let alpha: TestAgency;
  let beta: TestAgency;
  let redis: Redis;

  const login = (app: 'direct' | 'proxied', body: object, forwardedFor?: string) => {
    const req = request((app === 'direct' ? api.app : proxied).getHttpServer()).post('/api/v1/auth/login');
    return (forwardedFor ? req.set('X-Forwarded-For', forwardedFor) : req).send(body);
  };
  const emailOf = async (agency: TestAgency, role: 'admin' | 'manager' | 'viewer') =>
    (await api.http().get(`/api/v1/users/${agency.userIds[role]}`).set(bearer(agency.tokens.admin)).expect(200)).body
      .email as string;

  beforeAll(async () => {
    // No outbound allow-list for this API: tenant URLs to loopback are refused at save time.
    api = await startTestApi({ OUTBOUND_ALLOWED_HOSTS: '' });
    proxied = await createApiApp(api.config, {
      logger: false,
      env: { ...process.env, TRUST_PROXY: 'loopback', METRICS_TOKEN },
    });
    alpha = await api.createAgency('Alpha Security');
    beta = await api.createAgency('Beta Security');
    redis = new Redis(api.config.redisUrl);
  });
  afterEach(async () => {
    // Failed logins of one test must not throttle the next (they all come from 127.0.0.1).
    const keys = await redis.keys(`${api.config.queuePrefix}:login-failures:*`);
    if (keys.length) await redis.del(...keys);
  });
  afterAll(async () => {
    await redis.quit();
    await proxied.close();
    await api.close();
  });

  describe('a deeply nested body before authentication', () => {
    it('answers 400 and the process keeps answering', async () => {
      const response = await api
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('['.repeat(3000) + ']'.repeat(3000))
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/deeper than 64 levels/) });
      await api
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@x.test', password: 'whatever password' })
        .expect(401);
    });
  });

  describe('login throttling', () => {
    it('refuses an account after 10 failures in the window with 429 and Retry-After, even the right password, and audits it', async () => {
      const email = await emailOf(alpha, 'viewer');
      for (let i = 0; i < 10; i += 1) await login('direct', { email, password: `wrong password ${i}` }).expect(401);
      const refused = await login('direct', { email, password: PASSWORD }).expect(429);
      expect(refused.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(/for this account/),
      });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Another API process (another address, through a proxy) sees the same count: it is kept in Redis.
      await login('proxied', { email: email.toUpperCase(), password: PASSWORD }, '198.51.100.20').expect(429);
      const audit = await api
        .http()
        .get('/api/v1/audit?eventType=auth.login_throttled')
        .set(bearer(alpha.tokens.admin))
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({
        eventType: 'auth.login_throttled',
        actorType: 'system',
        details: { userId: alpha.userIds.viewer, scopes: expect.arrayContaining(['account']) },
      });
    });

    it('a successful login clears the account’s failures (not the address’s)', async () => {
      const email = await emailOf(alpha, 'manager');
      for (let i = 0; i < 9; i += 1)
        await login('proxied', { email, password: `wrong password ${i}` }, '198.51.100.30').expect(401);
      await login('proxied', { email, password: PASSWORD }, '198.51.100.30').expect(200);
      for (let i = 0; i < 9; i += 1)
        await login('proxied', { email, password: `wrong password ${i}` }, '198.51.100.31').expect(401);
      await login('proxied', { email, password: PASSWORD }, '198.51.100.31').expect(200);
      // The first address had 9 failures: one more and it is blocked, whatever account it tries.
      await login('proxied', { email, password: 'wrong password again' }, '198.51.100.30').expect(401);
      await login('proxied', { email: 'someone.else@x.test', password: 'some password' }, '198.51.100.30').expect(429);
    });

    it('counts failures per client address, and a client-supplied X-Forwarded-For does not reset the count', async () => {
      for (let i = 0; i < 10; i += 1)
        await login('direct', { email: `nobody${i}@x.test`, password: 'some password' }, `203.0.113.${i}`).expect(401);
      const refused = await login(
        'direct',
        { email: 'nobody-else@x.test', password: 'some password' },
        '203.0.113.200',
      ).expect(429);
      expect(refused.body.message).toMatch(/from this address/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('behind a trusted proxy, the forwarded address is the client: one client’s failures do not block another', async () => {
      for (let i = 0; i < 10; i += 1)
        await login('proxied', { email: `ghost${i}@x.test`, password: 'some password' }, '198.51.100.7').expect(401);
      await login('proxied', { email: 'ghost-next@x.test', password: 'some password' }, '198.51.100.7').expect(429);
      await login('proxied', { email: await emailOf(alpha, 'admin'), password: PASSWORD }, '198.51.100.8').expect(200);
    });
  });

  describe('login timing', () => {
    it('spends one bcrypt comparison whether or not the email exists', async () => {
      const verify = jest.spyOn(PasswordHasher, 'verify');
      try {
        await login('direct', { email: 'no.such.user@x.test', password: 'some password' }).expect(401);
        expect(verify).toHaveBeenCalledTimes(1);
        expect(verify).toHaveBeenLastCalledWith('some password', DUMMY_PASSWORD_HASH);
        await login('direct', { email: await emailOf(alpha, 'admin'), password: 'some password' }).expect(401);
        expect(verify).toHaveBeenCalledTimes(2);
      } finally {
        verify.mockRestore();
      }
      const median = async (email: string) => {
        const times: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          const started = process.hrtime.bigint();
          await login('direct', { email, password: `wrong password ${i}` }).expect(401);
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        return times.sort((a, b) => a - b)[2];
      };
      const existing = await median(await emailOf(beta, 'admin'));
      await redis.del(...(await redis.keys(`${api.config.queuePrefix}:login-failures:*`)));
      const unknown = await median('nobody.at.all@x.test');
      // Before the fix: ~2 ms against ~100 ms.
      expect(unknown).toBeGreaterThan(existing * 0.4);
    });
  });

  describe('emails across agencies', () => {
    it('creating a user with another agency’s email answers like any new email; the same agency’s answers 409', async () => {
      const alphaAdmin = await emailOf(alpha, 'admin');
      const created = await api
        .http()
        .post('/api/v1/users')
        .set(bearer(beta.tokens.admin))
        .send({ email: alphaAdmin.toUpperCase(), name: 'Namesake', role: 'viewer', password: 'another long password' })
        .expect(201);
      expect(created.body).toMatchObject({ email: alphaAdmin, role: 'viewer' });
      const betaAdmin = await emailOf(beta, 'admin');
      const conflict = await api
        .http()
        .post('/api/v1/users')
        .set(bearer(beta.tokens.admin))
        .send({ email: betaAdmin, name: 'Dup', role: 'viewer', password: 'another long password' })
        .expect(409);
      expect(conflict.body.message).toMatch(/in this agency/);

      // The password picks the account (oldest first); agencyId narrows the choice to one agency.
      const first = await login('direct', { email: alphaAdmin, password: PASSWORD }).expect(200);
      expect(
        (await api.http().get('/api/v1/auth/me').set(bearer(first.body.accessToken)).expect(200)).body,
      ).toMatchObject({ agencyId: alpha.agencyId, actorId: alpha.userIds.admin });
      const second = await login('direct', {
        email: alphaAdmin,
        password: 'another long password',
        agencyId: beta.agencyId,
      }).expect(200);
      expect(
        (await api.http().get('/api/v1/auth/me').set(bearer(second.body.accessToken)).expect(200)).body,
      ).toMatchObject({ agencyId: beta.agencyId, actorId: created.body.id });
      const byPassword = await login('direct', { email: alphaAdmin, password: 'another long password' }).expect(200);
      expect(
        (await api.http().get('/api/v1/auth/me').set(bearer(byPassword.body.accessToken)).expect(200)).body,
      ).toMatchObject({ agencyId: beta.agencyId });
      await login('direct', { email: alphaAdmin, password: PASSWORD, agencyId: beta.agencyId }).expect(401);
    });

    it('concurrent creates of one email in one agency: one 201, the others 409 (never a 500)', async () => {
      const create = () =>
        api
          .http()
          .post('/api/v1/users')
          .set(bearer(alpha.tokens.admin))
          .send({ email: 'racing@x.test', name: 'Racer', role: 'viewer', password: 'another long password' });
      const statuses = (await Promise.all([create(), create(), create()])).map((response) => response.status).sort();
      expect(statuses).toEqual([201, 409, 409]);
    });
  });

  describe('password changes', () => {
    it('refuse every token issued before the change', async () => {
      const email = 'changing.password@x.test';
      const user = await api
        .http()
        .post('/api/v1/users')
        .set(bearer(alpha.tokens.admin))
        .send({ email, name: 'Changer', role: 'manager', password: 'the first long password' })
        .expect(201);
      const before = (await login('direct', { email, password: 'the first long password' }).expect(200)).body
        .accessToken;
      await api.http().get('/api/v1/auth/me').set(bearer(before)).expect(200);

      await api
        .http()
        .patch(`/api/v1/users/${user.body.id}`)
        .set(bearer(alpha.tokens.admin))
        .send({ password: 'the second long password' })
        .expect(200);
      await api.http().get('/api/v1/auth/me').set(bearer(before)).expect(401);
      await login('direct', { email, password: 'the first long password' }).expect(401);
      const after = (await login('direct', { email, password: 'the second long password' }).expect(200)).body
        .accessToken;
      await api.http().get('/api/v1/auth/me').set(bearer(after)).expect(200);
      // Other changes (name, role) keep the user's tokens.
      await api
        .http()
        .patch(`/api/v1/users/${user.body.id}`)
        .set(bearer(alpha.tokens.admin))
        .send({ name: 'Renamed' })
        .expect(200);
      await api.http().get('/api/v1/auth/me').set(bearer(after)).expect(200);
    });
  });

  describe('security headers', () => {
    it('every answer carries a strict CSP, nosniff, a referrer policy and no framing; REST answers are not stored', async () => {
      for (const path of ['/api/v1/auth/me', '/health/live', '/api/openapi.json', '/api/v1/nothing-here']) {
        const response = await api.http().get(path).set(bearer(alpha.tokens.viewer));
        const csp = String(response.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('DENY');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        // Plain HTTP from a client that is not a trusted proxy: no HSTS.
        expect(response.headers['strict-transport-security']).toBeUndefined();
      }
      const me = await api.http().get('/api/v1/auth/me').set(bearer(alpha.tokens.viewer)).expect(200);
      expect(me.headers['cache-control']).toBe('no-store');
      const loggedIn = await login('direct', { email: await emailOf(alpha, 'viewer'), password: PASSWORD }).expect(200);
      expect(loggedIn.headers['cache-control']).toBe('no-store');
    });

    it('HSTS only when the request came over HTTPS through a trusted proxy', async () => {
      const viaProxy = await request(proxied.getHttpServer())
        .get('/health/live')
        .set('X-Forwarded-Proto', 'https')
        .expect(200);
      expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const forged = await api.http().get('/health/live').set('X-Forwarded-Proto', 'https').expect(200);
      expect(forged.headers['strict-transport-security']).toBeUndefined();
    });

    it('Swagger UI still loads: its page has no inline script and its assets are served', async () => {
      const docs = await api.http().get('/api/docs').redirects(1).expect(200);
      expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
      const inlineScripts = [...docs.text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter(
        (match) => match[1].trim() !== '',
      );
      expect(inlineScripts).toEqual([]);
      for (const [, src] of docs.text.matchAll(/<script[^>]*src=['"]([^'"]+)['"]/g)) {
        const url = src.startsWith('/') ? src : `/api/docs/${src.replace(/^\.\//, '')}`;
        await api.http().get(url).expect(200);
      }
    });
  });

  describe('/metrics', () => {
    it('answers 404 without METRICS_TOKEN, 401 without the token, the figures with it', async () => {
      await api.http().get('/metrics').expect(404);
      await request(proxied.getHttpServer()).get('/metrics').expect(401);
      await request(proxied.getHttpServer()).get('/metrics').set(bearer(alpha.apiKey)).expect(401);
      const metrics = await request(proxied.getHttpServer()).get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
      expect(metrics.text).toContain('# HELP');
    });
  });

  describe('NUL in query strings', () => {
    it('answers 400 naming the field instead of a 500', async () => {
      const response = await api.http().get('/api/v1/clients?search=%00').set(bearer(alpha.tokens.viewer)).expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'search: must not contain NUL (\\u0000) characters',
        details: [{ path: 'search', message: 'must not contain NUL (\\u0000) characters' }],
      });
    });
  });

  describe('live streams per credential', () => {
    let baseUrl: string;
    const open: ClientRequest[] = [];

    beforeAll(async () => {
      await api.app.listen({ port: 0, host: '127.0.0.1' });
      baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    });
    afterAll(() => {
      for (const req of open) req.destroy();
    });

    function openStream(token: string): Promise<{ status: number; req: ClientRequest; response: IncomingMessage }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(`${baseUrl}/api/v1/stream`, { headers: bearer(token) }, (response) => {
          if (response.statusCode !== 200) response.resume();
          resolve({ status: response.statusCode ?? 0, req, response });
        });
        req.on('error', reject);
        req.end();
        open.push(req);
      });
    }

    it('holds at most 10 streams per credential (429 beyond), frees a place when one closes, and counts credentials apart', async () => {
      const streams = [];
      for (let i = 0; i < 10; i += 1) streams.push(await openStream(alpha.apiKey));
      expect(streams.map((s) => s.status)).toEqual(Array(10).fill(200));
      const refused = await openStream(alpha.apiKey);
      expect(refused.status).toBe(429);
      expect(refused.response.headers['retry-after']).toBeDefined();
      // Another credential of the same agency is not affected.
      expect((await openStream(alpha.tokens.viewer)).status).toBe(200);

      streams[0].req.destroy();
      const deadline = Date.now() + 5000;
      let reopened = 0;
      while (Date.now() < deadline) {
        const attempt = await openStream(alpha.apiKey);
        reopened = attempt.status;
        if (reopened === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(reopened).toBe(200);
    });
  });

  describe('tenant-supplied outbound URLs (SSRF)', () => {
    const putOpenAi = (baseUrl: string) =>
      api
        .http()
        .put('/api/v1/integrations/openai')
        .set(bearer(alpha.tokens.admin))
        .send({ apiKey: 'sk-tenant-key-123456', baseUrl });
    const putEmail = (smtpUrl: string) =>
      api
        .http()
        .put('/api/v1/integrations/email')
        .set(bearer(alpha.tokens.admin))
        .send({ fromAddress: 'robot@alpha.test', smtpUrl });

    it.each([
      ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data'],
      ['loopback', 'http://127.0.0.1:11434/v1'],
      ['loopback by name', 'http://localhost:11434/v1'],
      ['IPv6 loopback', 'http://[::1]:8080/v1'],
      ['a private network', 'https://10.0.0.12/v1'],
      ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/v1'],
      // (A number for a host is not a URL the DTO accepts.)
      ['loopback written as a number', 'http://2130706433/v1'],
    ])('refuses %s as the OpenAI base URL (400 naming baseUrl)', async (_label, baseUrl) => {
      const response = await putOpenAi(baseUrl).expect(400);
      expect(response.body.details).toEqual([{ path: 'baseUrl', message: expect.any(String) }]);
      if (!/2130706433/.test(baseUrl)) expect(response.body.message).toMatch(/^baseUrl: must not point to/);
      expect(JSON.stringify(response.body)).not.toContain('sk-tenant-key');
    });

    it.each([
      ['link-local', 'smtp://user:pw@169.254.169.254:25'],
      ['a private network', 'smtps://user:pw@192.168.1.10:465'],
      ['a proxy option', 'smtp://user:pw@smtp.example.com:587?proxy=http://169.254.169.254'],
    ])('refuses %s in the SMTP URL (400 naming smtpUrl), without echoing the URL', async (_label, smtpUrl) => {
      const response = await putEmail(smtpUrl).expect(400);
      expect(response.body.details).toEqual([{ path: 'smtpUrl', message: expect.any(String) }]);
      expect(JSON.stringify(response.body)).not.toContain('pw@');
    });

    it('accepts public hosts (a name that does not resolve now is checked again when connecting)', async () => {
      await putOpenAi('https://api.openai.com/v1').expect(200);
      await putOpenAi('http://8.8.8.8/v1').expect(200);
      await putEmail('smtps://mailer:secret@smtp.example.com:465').expect(200);
    });
  });
});
