import { createLogger, loggerConfigFromEnv, prettyLine } from './logger';
import { NestPinoLogger } from './nest-logger';
import { isSecretKey, REDACTED, redactSecrets, scrubSecretText } from './redaction';

const API_KEY = 'ak_0123456789abcdef_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redaction', () => {
  it('recognises secret property names in any casing or spelling', () => {
    for (const key of [
      'password',
      'newPassword',
      'Authorization',
      'authorization',
      'token',
      'accessToken',
      'access_token',
      'botToken',
      'apiKey',
      'api-key',
      'X-Api-Key',
      'openaiApiKey',
      'secret',
      'clientSecret',
      'smtpUrl',
      'SMTP_URL',
      'key',
      'cookie',
      'set-cookie',
      'passwordHash',
      'secretEncrypted',
    ]) {
      expect([key, isSecretKey(key)]).toEqual([key, true]);
    }
    for (const key of [
      'email',
      'tokenType',
      'expiresIn',
      'apiKeyId',
      'keyPrefix',
      'idempotencyKey',
      'kind',
      'changed',
      'url',
      'maxRunsPerMinute',
    ]) {
      expect([key, isSecretKey(key)]).toEqual([key, false]);
    }
  });

  it('masks secret-looking text and leaves prose alone', () => {
    expect(scrubSecretText(`Authorization: Bearer ${JWT}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubSecretText(`key ${API_KEY} used`)).toBe(`key ak_0123456789abcdef_${REDACTED} used`);
    expect(scrubSecretText('token xoxb-1111111111-2222222222-SlackSecretValue9Zq!')).toBe(`token xoxb-${REDACTED}!`);
    expect(scrubSecretText('sk-proj-OpenAiSecretValue0123456789abcd')).toBe(`sk-${REDACTED}`);
    expect(scrubSecretText('connect smtps://mailer:Sup3rSecret@smtp.example.com:465 failed')).toBe(
      `connect smtps://mailer:${REDACTED}@smtp.example.com:465 failed`,
    );
    expect(scrubSecretText('postgres://postgres@127.0.0.1:5432/db')).toBe('postgres://postgres@127.0.0.1:5432/db');
    expect(scrubSecretText(`/api/v1/stream?access_token=${JWT}&page=2`)).toBe(
      `/api/v1/stream?access_token=${REDACTED}&page=2`,
    );
    expect(scrubSecretText(`a JWT ${JWT} alone`)).toBe(`a JWT ${REDACTED} alone`);
    // Prose about credentials is not a credential.
    const prose = 'Missing bearer token (Authorization: Bearer <JWT or API key>); Basic validation failed';
    expect(scrubSecretText(prose)).toBe(prose);
  });

  it('redacts nested objects, arrays and errors without touching the input', () => {
    const input = {
      user: { email: 'a@b.test', password: 'hunter2hunter2' },
      headers: { Authorization: `Bearer ${JWT}`, 'content-type': 'application/json' },
      items: [{ botToken: 'xoxb-1-2-3' }, `uses ${API_KEY}`],
      blank: { password: '' },
      err: new Error(`upstream said Bearer ${JWT}`),
      at: new Date(0),
      count: 3,
    };
    const out = redactSecrets(input);
    expect(out.user).toEqual({ email: 'a@b.test', password: REDACTED });
    expect(out.headers).toEqual({ Authorization: REDACTED, 'content-type': 'application/json' });
    expect(out.items).toEqual([{ botToken: REDACTED }, `uses ak_0123456789abcdef_${REDACTED}`]);
    expect(out.blank).toEqual({ password: '' });
    expect(out.err).toMatchObject({ type: 'Error', message: `upstream said Bearer ${REDACTED}` });
    expect(JSON.stringify(out.err)).not.toContain(JWT);
    expect(out.at).toEqual(new Date(0));
    expect(out.count).toBe(3);
    expect(input.user.password).toBe('hunter2hunter2');
  });

  it('survives cycles and repeated references', () => {
    const shared = { name: 'x' };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ a: { name: 'x' }, b: { name: 'x' }, self: '[Circular]' });
  });
});

describe('logger', () => {
  function capture(format: 'json' | 'pretty' = 'json') {
    const lines: string[] = [];
    const logger = createLogger({
      service: 'test',
      format,
      level: 'debug',
      destination: { write: (line: string) => lines.push(line) },
    });
    return { logger, lines };
  }

  it('chooses JSON in production or when asked, plain lines otherwise', () => {
    expect(loggerConfigFromEnv({ NODE_ENV: 'production' })).toEqual({ format: 'json', level: 'info' });
    expect(loggerConfigFromEnv({ NODE_ENV: 'development', LOG_FORMAT: 'json', LOG_LEVEL: 'debug' })).toEqual({
      format: 'json',
      level: 'debug',
    });
    expect(loggerConfigFromEnv({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' })).toEqual({
      format: 'pretty',
      level: 'info',
    });
    expect(loggerConfigFromEnv({ LOG_LEVEL: 'loud' })).toEqual({ format: 'pretty', level: 'info' });
  });

  it('writes redacted JSON: objects, messages, interpolation arguments and child bindings', () => {
    const { logger, lines } = capture();
    logger.info(
      { req: { headers: { authorization: `Bearer ${JWT}` } }, body: { password: 'hunter2hunter2', name: 'ok' } },
      'login for %s',
      API_KEY,
    );
    logger.child({ apiKey: API_KEY, requestId: 'r1' }).warn(`smtp smtps://u:pw12345@h:465 with ${JWT}`);
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(first).toMatchObject({
      level: 'info',
      service: 'test',
      msg: `login for ak_0123456789abcdef_${REDACTED}`,
      body: { password: REDACTED, name: 'ok' },
    });
    expect(first.req.headers.authorization).toBe(REDACTED);
    expect(second).toMatchObject({
      level: 'warn',
      apiKey: REDACTED,
      requestId: 'r1',
      msg: `smtp smtps://u:${REDACTED}@h:465 with ${REDACTED}`,
    });
    const output = lines.join('');
    for (const secret of [JWT, API_KEY, 'hunter2hunter2', 'pw12345']) expect(output).not.toContain(secret);
  });

  it('pretty lines are redacted too', () => {
    const { logger, lines } = capture('pretty');
    logger.info({ context: 'Boot', token: 'abc123abc123' }, `Bearer ${JWT}`);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}\[Boot\] Bearer \[REDACTED\] token=\[REDACTED\]\n$/);
    expect(prettyLine('not json')).toBe('not json\n');
  });

  it('adapts Nest logging calls: context, stack and error objects', () => {
    const { logger, lines } = capture();
    const nest = new NestPinoLogger(logger);
    nest.log('Mapped {/api/v1/agency, GET} route', 'RouterExplorer');
    nest.error(`failed with Bearer ${JWT}`, `Error: boom\n    at handler (file.ts:1:1)`, 'HttpExceptionFilter');
    nest.error(new Error(`bad ${API_KEY}`));
    nest.warn({ password: 'hunter2hunter2', note: 'x' }, 'Ctx');
    nest.setLogLevels(['error']);
    nest.log('filtered out', 'Ctx');
    const records = lines.map((line) => JSON.parse(line));
    expect(records).toHaveLength(4);
    expect(records[0]).toMatchObject({
      level: 'info',
      context: 'RouterExplorer',
      msg: 'Mapped {/api/v1/agency, GET} route',
    });
    expect(records[1]).toMatchObject({
      level: 'error',
      context: 'HttpExceptionFilter',
      msg: `failed with Bearer ${REDACTED}`,
      stack: expect.stringContaining('at handler'),
    });
    expect(records[2]).toMatchObject({
      level: 'error',
      msg: `bad ak_0123456789abcdef_${REDACTED}`,
      err: { type: 'Error', message: `bad ak_0123456789abcdef_${REDACTED}` },
    });
    expect(records[3]).toMatchObject({ level: 'warn', context: 'Ctx', data: { password: REDACTED, note: 'x' } });
    expect(lines.join('')).not.toContain('hunter2hunter2');
  });
});
