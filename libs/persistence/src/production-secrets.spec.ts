import { DEV_ENCRYPTION_KEY, DEV_JWT_SECRET, productionSecretProblems } from './production-secrets';
import { loadRuntimeConfig } from './runtime-config';

const STRONG_JWT = 'j'.repeat(32);
const STRONG_KEY = 'k'.repeat(48);

describe('production secrets', () => {
  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    ['strong, distinct secrets', { JWT_SECRET: STRONG_JWT, ENCRYPTION_KEY: STRONG_KEY }, []],
    ['both missing', {}, ['JWT_SECRET is required', 'ENCRYPTION_KEY is required']],
    [
      'empty strings count as missing',
      { JWT_SECRET: '', ENCRYPTION_KEY: '' },
      ['JWT_SECRET is required', 'ENCRYPTION_KEY is required'],
    ],
    [
      'development JWT_SECRET',
      { JWT_SECRET: DEV_JWT_SECRET, ENCRYPTION_KEY: STRONG_KEY },
      ['JWT_SECRET is the published development value'],
    ],
    [
      'development ENCRYPTION_KEY',
      { JWT_SECRET: STRONG_JWT, ENCRYPTION_KEY: DEV_ENCRYPTION_KEY },
      ['ENCRYPTION_KEY is the published development value'],
    ],
    [
      '31-byte JWT_SECRET',
      { JWT_SECRET: 'j'.repeat(31), ENCRYPTION_KEY: STRONG_KEY },
      ['JWT_SECRET is 31 bytes; production needs at least 32'],
    ],
    ['short ENCRYPTION_KEY', { JWT_SECRET: STRONG_JWT, ENCRYPTION_KEY: 'secret' }, ['ENCRYPTION_KEY is 6 bytes']],
    // Bytes, not characters: 11 three-byte characters are 33 bytes.
    ['multi-byte characters count as bytes', { JWT_SECRET: '€'.repeat(11), ENCRYPTION_KEY: STRONG_KEY }, []],
    [
      'the same value for both',
      { JWT_SECRET: STRONG_KEY, ENCRYPTION_KEY: STRONG_KEY },
      ['JWT_SECRET and ENCRYPTION_KEY must be different'],
    ],
    [
      'every problem at once',
      { JWT_SECRET: 'short', ENCRYPTION_KEY: DEV_ENCRYPTION_KEY },
      ['JWT_SECRET is 5 bytes', 'ENCRYPTION_KEY is the published development value'],
    ],
  ])('%s', (_case, env, expected) => {
    const problems = productionSecretProblems(env);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((fragment, index) => expect(problems[index]).toContain(fragment));
  });

  it('never repeats a secret in its message', () => {
    const weak = 'tooshort-but-secret';
    const problems = productionSecretProblems({ JWT_SECRET: weak, ENCRYPTION_KEY: STRONG_KEY });
    expect(problems.join(' ')).not.toContain(weak);
  });

  it('checks optional secrets only when they are set', () => {
    const secrets = [{ name: 'ENCRYPTION_KEY_PREVIOUS', optional: true }];
    expect(productionSecretProblems({}, secrets)).toEqual([]);
    expect(productionSecretProblems({ ENCRYPTION_KEY_PREVIOUS: 'short' }, secrets)).toEqual([
      expect.stringContaining('ENCRYPTION_KEY_PREVIOUS is 5 bytes'),
    ]);
  });

  it('loadRuntimeConfig refuses weak secrets only in production, naming the variable', () => {
    expect(() => loadRuntimeConfig({ NODE_ENV: 'production', JWT_SECRET: 'weak', ENCRYPTION_KEY: STRONG_KEY })).toThrow(
      /NODE_ENV=production: JWT_SECRET is 4 bytes/,
    );
    expect(() => loadRuntimeConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_JWT })).toThrow(
      /ENCRYPTION_KEY is required/,
    );
    expect(
      loadRuntimeConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_JWT, ENCRYPTION_KEY: STRONG_KEY }).jwtSecret,
    ).toBe(STRONG_JWT);
    // Development and tests keep the development fallbacks.
    expect(loadRuntimeConfig({}).jwtSecret).toBe(DEV_JWT_SECRET);
    expect(loadRuntimeConfig({ NODE_ENV: 'test', JWT_SECRET: 'weak' }).jwtSecret).toBe('weak');
  });

  it('loadRuntimeConfig treats empty variables (compose ${VAR:-}) as unset', () => {
    const config = loadRuntimeConfig({
      NODE_ENV: '',
      PORT: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      QUEUE_PREFIX: '',
      JWT_EXPIRES_IN: '',
      SLACK_API_URL: '',
      SMTP_URL: '',
      EMAIL_FROM: '',
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: '',
      OPENAI_MODEL: '',
      APPROVAL_TIMEOUT_MINUTES: '',
      DEDUPE_WINDOW_SECONDS: '',
      ACTION_MAX_ATTEMPTS: '',
      RETRY_BACKOFF_MS: '',
      INACTIVITY_SCAN_SECONDS: '',
      LOOP_MAX_DEPTH: '',
      LOOP_MAX_RUNS_PER_HOUR: '',
      WORKER_CONCURRENCY: '',
      RUN_RETENTION_DAYS: '',
      DB_POOL_SIZE: '',
      RUN_LEASE_SECONDS: '',
      WEB_DIST_DIR: '',
    });
    expect(config).toEqual(loadRuntimeConfig({}));
  });
});
