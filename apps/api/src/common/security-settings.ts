import { isIP } from 'node:net';
import { OutboundPolicy } from '@automations/engine';

/** The API's web-security settings (issue 11), read from the environment once at start. */
export interface SecuritySettings {
  /**
   * Proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed (`TRUST_PROXY`): addresses, CIDR ranges or
   * proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`). False (the default): the socket's address is the client.
   */
  trustProxy: false | string[];
  /** Bearer token of `GET /metrics` (`METRICS_TOKEN`); without one, /metrics answers 404. */
  metricsToken: string | null;
  /** Where tenant-supplied URLs (OpenAI base URL, SMTP URL) may point (`OUTBOUND_ALLOWED_HOSTS`). */
  outbound: OutboundPolicy;
  /** Failed logins per account and per client address within `loginWindowSeconds` before 429 (`LOGIN_MAX_FAILURES`, 10). */
  loginMaxFailures: number;
  /** `LOGIN_FAILURE_WINDOW_MINUTES` (15), in seconds. */
  loginWindowSeconds: number;
  /** Concurrent live streams per credential (`STREAM_MAX_PER_CREDENTIAL`, 10). */
  maxStreamsPerCredential: number;
}

export const SECURITY_SETTINGS = Symbol('SECURITY_SETTINGS');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** `TRUST_PROXY`: a comma-separated list; `true`/`*` (trust anyone, i.e. let every client pick its address) is refused. */
export function parseTrustProxy(raw: string | undefined): false | string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return false;
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    const validPrefix = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (PROXY_NAMES.has(entry.toLowerCase())) continue;
    if (family === 0 || extra !== undefined || !validPrefix) {
      throw new Error(
        `TRUST_PROXY must list proxy addresses, CIDR ranges or loopback/linklocal/uniquelocal, got "${entry}"`,
      );
    }
  }
  return entries.map((entry) => (PROXY_NAMES.has(entry.toLowerCase()) ? entry.toLowerCase() : entry));
}

export function securitySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SecuritySettings {
  return {
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    outbound: OutboundPolicy.fromEnv(env),
    loginMaxFailures: positiveInt(env, 'LOGIN_MAX_FAILURES', 10),
    loginWindowSeconds: positiveInt(env, 'LOGIN_FAILURE_WINDOW_MINUTES', 15) * 60,
    maxStreamsPerCredential: positiveInt(env, 'STREAM_MAX_PER_CREDENTIAL', 10),
  };
}
