import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import { HttpStatus } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { RuntimeConfig } from '@automations/persistence';
import { ApiKeyCodec } from '../modules/auth/api-key-codec';
import type { AccessTokenClaims } from '../modules/auth/credential-resolver.service';
import { ApiError } from './api-error';
import { REDIS_CLIENT } from './runtime-config.token';

export interface RequestRateLimitSettings {
  /** Requests per credential per window; 0 disables the limit. API_RATE_LIMIT_PER_MINUTE (default 1200). */
  max: number;
  /** Window length (default one minute). */
  windowMs: number;
}

export const DEFAULT_API_RATE_LIMIT_PER_MINUTE = 1200;

/** Only the REST API is limited: health, metrics, docs and the SPA are not. */
const LIMITED_PATHS = /^\/api\/v1(\/|\?|$)/;
const BEARER = /^Bearer\s+(\S+)$/i;
/** Resolved API keys are remembered this long (one indexed lookup per key per minute, not per request). */
const KEY_CACHE_TTL_MS = 60_000;
const KEY_CACHE_MAX = 10_000;

/** API_RATE_LIMIT_PER_MINUTE from the environment (a non-negative integer; 0 = no limit). */
export function requestRateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RequestRateLimitSettings {
  const raw = env.API_RATE_LIMIT_PER_MINUTE;
  const max = raw === undefined || raw === '' ? DEFAULT_API_RATE_LIMIT_PER_MINUTE : Number(raw);
  if (!Number.isInteger(max) || max < 0)
    throw new Error(`API_RATE_LIMIT_PER_MINUTE must be a non-negative integer, got "${raw}"`);
  return { max, windowMs: 60_000 };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The rate-limit bucket of a request: the credential it proves — `api_key:<id>` for a valid API key,
 * `user:<id>` for a valid JWT — else the client address (`ip:<ip>`), so junk or forged credentials
 * share their sender's bucket instead of each opening a fresh one. Never the raw token: API keys are
 * resolved through a cache keyed by the token's SHA-256.
 */
export class RateLimitKeys {
  private readonly apiKeys = new Map<string, { key: string | null; expiresAt: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
  ) {}

  async keyOf(request: Pick<FastifyRequest, 'headers' | 'ip' | 'url'>): Promise<string> {
    // (The plugin asks for the key before its allow list: exempt paths skip the credential look-up.)
    if (!LIMITED_PATHS.test(request.url)) return 'exempt';
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    const credential = match ? (match[1].startsWith('ak_') ? await this.apiKey(match[1]) : this.user(match[1])) : null;
    return credential ?? `ip:${request.ip}`;
  }

  private user(token: string): string | null {
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      return typeof claims.sub === 'string' ? `user:${claims.sub}` : null;
    } catch {
      return null;
    }
  }

  private async apiKey(token: string): Promise<string | null> {
    const parsed = ApiKeyCodec.parse(token);
    if (!parsed) return null;
    const digest = sha256(token);
    const cached = this.apiKeys.get(digest);
    if (cached && cached.expiresAt > Date.now()) return cached.key;
    let key: string | null = null;
    try {
      const rows: { id: string; secret_hash: string }[] = await this.dataSource.query(
        `SELECT id, secret_hash FROM api_keys WHERE key_prefix = $1 AND revoked_at IS NULL`,
        [parsed.prefix],
      );
      const row = rows.find((candidate) => ApiKeyCodec.matches(parsed.secret, candidate.secret_hash));
      key = row ? `api_key:${row.id}` : null;
    } catch {
      return null; // database trouble: fall back to the address, do not remember
    }
    this.apiKeys.delete(digest);
    this.apiKeys.set(digest, { key, expiresAt: Date.now() + KEY_CACHE_TTL_MS });
    if (this.apiKeys.size > KEY_CACHE_MAX) this.apiKeys.delete(this.apiKeys.keys().next().value as string);
    return key;
  }
}

/**
 * REST request limits (PRODUCT.md §5): `settings.max` requests per credential per window, counted in
 * Redis (shared by every API replica, under `<QUEUE_PREFIX>:ratelimit:`). Past it: 429 with
 * `Retry-After` (seconds) and the error shape `{statusCode: 429, error: 'Too Many Requests', message}`.
 * Health, metrics, docs and the SPA are exempt. Redis unavailable: requests pass (availability first).
 * Call before `app.init()` (the plugin hooks routes as they are registered).
 */
export async function registerRequestRateLimit(
  app: NestFastifyApplication,
  config: RuntimeConfig,
  settings: RequestRateLimitSettings = requestRateLimitFromEnv(),
): Promise<void> {
  if (settings.max <= 0) return;
  const keys = new RateLimitKeys(app.get(JwtService), app.get(DataSource));
  const redis = app.get<Redis>(REDIS_CLIENT);
  await app.register(rateLimit, {
    global: true,
    max: settings.max,
    timeWindow: settings.windowMs,
    redis,
    nameSpace: `${config.queuePrefix}:ratelimit:`,
    skipOnError: true,
    allowList: (request) => !LIMITED_PATHS.test(request.url),
    keyGenerator: (request) => keys.keyOf(request),
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many requests: at most ${context.max} per ${Math.round(settings.windowMs / 1000)} s for this credential; retry in ${context.after}`,
      ),
  });
}
