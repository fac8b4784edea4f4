/**
 * Redaction of secrets in log records and audit details (PRODUCT.md §5: "Logs and audit details
 * never contain secrets"). Two layers:
 * - by key: a property whose name says it holds a secret (password, token, apiKey, authorization,
 *   smtpUrl, …) is replaced at any depth, whatever its casing or `-`/`_` spelling;
 * - by shape: secret-looking text inside any string (bearer tokens, API keys `ak_…`, Slack `xox…-`
 *   tokens, OpenAI `sk-…` keys, JWTs, credentials in URLs, secret query parameters) is masked.
 */

export const REDACTED = '[REDACTED]';

/** Names (normalised: lower case, without `-`/`_`) that are secrets in themselves. */
const SECRET_KEY_EXACT = new Set([
  'key',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'smtpurl',
  'dsn',
  'connectionstring',
  'passwordhash',
  'secretencrypted',
  'secrethash',
  'secretlast4',
  'xapikey',
  'bearer',
]);

/** Suffixes that make a name a secret: `password`, `newPassword`, `botToken`, `openaiApiKey`, `clientSecret`, … */
const SECRET_KEY_SUFFIX =
  /(password|passwd|passphrase|secret|secrets|token|tokens|apikey|privatekey|encryptionkey|credential|credentials)$/;

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/** Whether a property of that name holds a secret (case- and separator-insensitive). */
export function isSecretKey(key: string): boolean {
  const normalised = normaliseKey(key);
  return SECRET_KEY_EXACT.has(normalised) || SECRET_KEY_SUFFIX.test(normalised);
}

interface TextRule {
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

const TEXT_RULES: TextRule[] = [
  // Authorization header values, wherever they appear.
  // (Long enough to be a credential, so prose such as "bearer token" or "Basic plan" is left alone.)
  { pattern: /\b(Bearer)\s+[A-Za-z0-9._~+/-]{16,}=*/gi, replace: (_m, scheme: string) => `${scheme} ${REDACTED}` },
  {
    pattern: /\b(Basic)\s+(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}=*/gi,
    replace: (_m, scheme: string) => `${scheme} ${REDACTED}`,
  },
  // Our API keys: the prefix is a public lookup id, the rest is the secret.
  { pattern: /\bak_([a-f0-9]{16})_[A-Za-z0-9_-]+/g, replace: (_m, prefix: string) => `ak_${prefix}_${REDACTED}` },
  { pattern: /\bak_[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_[-])/g, replace: `ak_${REDACTED}` },
  // Slack tokens (bot, user, app, refresh, config).
  { pattern: /\bxox[abposre]-[A-Za-z0-9-]+/g, replace: (match) => `${match.slice(0, 5)}${REDACTED}` },
  { pattern: /\bxapp-[A-Za-z0-9-]+/g, replace: `xapp-${REDACTED}` },
  // OpenAI-style keys.
  { pattern: /\bsk-[A-Za-z0-9_-]{8,}/g, replace: `sk-${REDACTED}` },
  // JWTs (header.payload.signature, base64url, header starting with {" → eyJ).
  { pattern: /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, replace: REDACTED },
  // Credentials in URLs: scheme://user:password@host → scheme://user:[REDACTED]@host.
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]*):([^\s/@]+)@/gi,
    replace: (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`,
  },
  // Secret query parameters: ?access_token=…, &apiKey=…, &password=…
  {
    pattern:
      /([?&;](?:access[_-]?token|token|api[_-]?key|apikey|key|password|secret|client[_-]?secret|auth)=)[^&\s#"']+/gi,
    replace: (_m, name: string) => `${name}${REDACTED}`,
  },
];

/** Masks secret-looking text inside a string (tokens, keys, URL credentials, secret query parameters). */
export function scrubSecretText(text: string): string {
  let result = text;
  for (const rule of TEXT_RULES) {
    result =
      typeof rule.replace === 'string'
        ? result.replace(rule.pattern, rule.replace)
        : result.replace(rule.pattern, rule.replace as (substring: string, ...args: any[]) => string);
  }
  return result;
}

const MAX_DEPTH = 12;

/**
 * A copy of `value` with secret properties replaced by `[REDACTED]` and secret-looking text masked,
 * at any depth. Errors become `{type, message, stack, code?}` (scrubbed); cycles and depth are bounded.
 * Dates, numbers, booleans and null pass through.
 */
export function redactSecrets<T>(value: T): T {
  return walk(value, 0, new WeakSet()) as T;
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubSecretText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      const error = value as Error & { code?: unknown; statusCode?: unknown };
      const out: Record<string, unknown> = { type: error.name, message: scrubSecretText(error.message ?? '') };
      if (error.stack) out.stack = scrubSecretText(error.stack);
      if (error.code !== undefined) out.code = walk(error.code, depth + 1, seen);
      if (error.statusCode !== undefined) out.statusCode = error.statusCode;
      return out;
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Map) return walk(Object.fromEntries(value), depth, seen);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      out[key] =
        isSecretKey(key) && item !== null && item !== undefined && item !== '' ? REDACTED : walk(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Paths for pino's own `redact` (fast, applied at serialisation). The deep, case-insensitive pass of
 * `redactSecrets` runs too; these keep the well-known places covered even for objects logged raw.
 */
export const PINO_REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'request.headers.authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...[
    'authorization',
    'password',
    'token',
    'accessToken',
    'refreshToken',
    'botToken',
    'apiKey',
    'secret',
    'smtpUrl',
    'key',
    'jwtSecret',
    'encryptionKey',
  ].flatMap((name) => [name, `*.${name}`]),
];
