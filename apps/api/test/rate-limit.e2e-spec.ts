import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { bearer, startTestApi, TestAgency, TestApi } from './support/test-api';

/** REST request limits per credential (PRODUCT.md §5): 429 with Retry-After past the limit, our error shape. */
describe('REST request rate limits', () => {
  const LIMIT = 12;
  let api: TestApi;
  let agency: TestAgency;
  let redis: Redis;
  const previous = process.env.API_RATE_LIMIT_PER_MINUTE;

  beforeAll(async () => {
    // Read by createApiApp (jest gives each test file its own process.env copy).
    process.env.API_RATE_LIMIT_PER_MINUTE = String(LIMIT);
    // The tests send X-Forwarded-For as a proxy on loopback would; only a trusted proxy's header is believed.
    api = await startTestApi({ TRUST_PROXY: 'loopback', METRICS_TOKEN: 'rate-limit-metrics-token' });
    agency = await api.createAgency('Rate Limited Agency');
    redis = new Redis(api.config.redisUrl);
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE;
    else process.env.API_RATE_LIMIT_PER_MINUTE = previous;
    await redis.quit();
    await api.close();
  });

  const getAgency = (token: string, forwardedFor?: string) => {
    const req = api.http().get('/api/v1/agency').set(bearer(token));
    return forwardedFor ? req.set('X-Forwarded-For', forwardedFor) : req;
  };

  /** Spends the credential's whole budget with successful calls (the budget is per window, not per route). */
  async function exhaust(token: string): Promise<void> {
    for (let i = 0; i < LIMIT; i += 1) {
      const response = await getAgency(token).expect(200);
      expect(response.headers['x-ratelimit-limit']).toBe(String(LIMIT));
    }
  }

  it('answers 429 with Retry-After and the error shape past the limit; other credentials and exempt routes are unaffected', async () => {
    const other = (
      await api
        .http()
        .post('/api/v1/api-keys')
        .set(bearer(agency.tokens.admin))
        .send({ name: 'second key', role: 'viewer' })
        .expect(201)
    ).body.key as string;

    await exhaust(agency.apiKey);
    const limited = await getAgency(agency.apiKey).expect(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/retry in/),
    });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Any route of the REST API shares the budget; a write is refused too (and does nothing).
    await api.http().get('/api/v1/workflows').set(bearer(agency.apiKey)).expect(429);
    await api
      .http()
      .post('/api/v1/clients')
      .set(bearer(agency.apiKey))
      .send({ name: 'Must not exist', stage: 'lead', health: 'green' })
      .expect(429);
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM clients WHERE name = 'Must not exist'`,
    );
    expect(count).toBe(0);

    // Another API key, and users of the same agency, have budgets of their own.
    await getAgency(other).expect(200);
    await getAgency(agency.tokens.admin).expect(200);
    await getAgency(agency.tokens.manager).expect(200);

    // Health and metrics are never limited, whatever credential they carry.
    for (let i = 0; i < LIMIT + 2; i += 1) {
      await api.http().get('/health/live').set(bearer(agency.apiKey)).expect(200);
    }
    for (let i = 0; i < LIMIT + 2; i += 1)
      await api.http().get('/metrics').set(bearer('rate-limit-metrics-token')).expect(200);
  });

  it('keys a user by user id, not by token: two JWTs of one user share a budget', async () => {
    const jwt = api.app.get(JwtService);
    const second = await jwt.signAsync({ sub: agency.userIds.viewer, agencyId: agency.agencyId }, { expiresIn: 600 });
    expect(second).not.toBe(agency.tokens.viewer);
    for (let i = 0; i < LIMIT; i += 1) await getAgency(i % 2 ? second : agency.tokens.viewer).expect(200);
    await getAgency(agency.tokens.viewer).expect(429);
    await getAgency(second).expect(429);
  });

  it('keys unauthenticated and invalid credentials by client address, so forged keys cannot open fresh budgets', async () => {
    const address = '203.0.113.7';
    const forged = () => `ak_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i += 1) statuses.push((await getAgency(forged(), address)).status);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    // A login from that address is refused too; from another address it is not.
    const login = { email: 'nobody@rate.test', password: 'whatever' };
    await api.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send(login).expect(429);
    await api.http().post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.8').send(login).expect(401);
    // The address bucket does not hold back a valid credential sent from it.
    await getAgency(agency.tokens.manager, address).expect(200);
  });

  it('never uses a raw token as a Redis key', async () => {
    const keys = await redis.keys(`${api.config.queuePrefix}:ratelimit:*`);
    const [{ id: adminKeyId }] = await api.dataSource.query(
      `SELECT id FROM api_keys WHERE agency_id = $1 ORDER BY created_at LIMIT 1`,
      [agency.agencyId],
    );
    expect(keys).toEqual(
      expect.arrayContaining([
        `${api.config.queuePrefix}:ratelimit:api_key:${adminKeyId}`,
        `${api.config.queuePrefix}:ratelimit:user:${agency.userIds.viewer}`,
      ]),
    );
    const secrets = [agency.apiKey, agency.apiKey.split('_')[2], ...Object.values(agency.tokens)];
    for (const key of keys) for (const secret of secrets) expect(key).not.toContain(secret);
  });
});
