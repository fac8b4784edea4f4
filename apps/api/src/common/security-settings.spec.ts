import { parseTrustProxy, securitySettingsFromEnv } from './security-settings';
import { findNulInStrings } from './web-security';
import { passwordProblem } from '../modules/auth/password-policy';
import { StreamCredentialLimit } from '../modules/stream/stream-credential-limit';

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8, ::1, Loopback', ['10.0.0.0/8', '::1', 'loopback']],
  ])('%j → %j', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
  });

  it.each(['true', '*', '1', 'proxy.example.com', '10.0.0.0/33'])(
    'refuses %j (trusting any client is the bug it fixes)',
    (raw) => {
      expect(() => parseTrustProxy(raw)).toThrow(/TRUST_PROXY/);
    },
  );

  it('defaults: no trusted proxy, no metrics token, 10 failures in 15 minutes, 10 streams', () => {
    expect(securitySettingsFromEnv({})).toMatchObject({
      trustProxy: false,
      metricsToken: null,
      loginMaxFailures: 10,
      loginWindowSeconds: 900,
      maxStreamsPerCredential: 10,
    });
    expect(() => securitySettingsFromEnv({ LOGIN_MAX_FAILURES: '0' })).toThrow(/LOGIN_MAX_FAILURES/);
  });
});

describe('passwordProblem', () => {
  it.each([
    ['eleven char', 'a@b.test', /at least 12/],
    ['x'.repeat(201), 'a@b.test', /at most 200/],
    ['Mia@Agency.test', 'mia@agency.test', /email/],
    ['my mia@agency.test password', 'mia@agency.test', /email/],
    ['rosalind-is-my-password', 'rosalind@agency.test', /email/],
  ])('refuses %j for %s', (password, email, message) => {
    expect(passwordProblem(password, email)?.message).toMatch(message);
    expect(passwordProblem(password, email)?.path).toBe('password');
  });

  it.each([
    ['correct horse battery', 'admin@agency.test'],
    ['a long passphrase', 'ops@acme.test'],
    ['demo-password', 'admin@demo.agency'],
  ])('accepts %j for %s', (password, email) => {
    expect(passwordProblem(password, email)).toBeNull();
  });
});

describe('StreamCredentialLimit', () => {
  it('holds at most max per credential; a release (even twice) frees one place', () => {
    const limit = new StreamCredentialLimit(2);
    const first = limit.acquire('api_key:1')!;
    expect(limit.acquire('api_key:1')).not.toBeNull();
    expect(limit.acquire('api_key:1')).toBeNull();
    expect(limit.acquire('user:1')).not.toBeNull();
    first();
    first();
    expect(limit.count('api_key:1')).toBe(1);
    expect(limit.acquire('api_key:1')).not.toBeNull();
    expect(limit.acquire('api_key:1')).toBeNull();
  });
});

describe('findNulInStrings', () => {
  it('names the parameter holding a NUL, in values, repeated values and names', () => {
    expect(findNulInStrings({ search: 'a\u0000' }, 'query')).toEqual({
      path: 'search',
      message: 'must not contain NUL (\\u0000) characters',
    });
    expect(findNulInStrings({ stage: ['lead', '\u0000'] }, 'query')?.path).toBe('stage');
    expect(findNulInStrings({ ['a\u0000']: '1' }, 'query')?.message).toMatch(/names/);
    expect(findNulInStrings({ search: 'fine', page: '2' }, 'query')).toBeNull();
  });
});
