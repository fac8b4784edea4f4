import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { AgencyEntity, logEmittedErrors } from '@automations/persistence';
import type { RunAdmission } from '../runs/run-executor';
import { DEFAULT_MAX_RUNS_PER_MINUTE, deferralDelayMs, maxRunsPerMinuteOf } from './quota-decision';

export interface AgencyRunQuotaOptions {
  /** Queue prefix (QUEUE_PREFIX): counters live at `<prefix>:quota:runs:<agencyId>`. */
  prefix: string;
  /** Length of the quota window: 60 000 (the "per minute"); tests shorten it. Whole seconds, at least 1 s. */
  windowMs?: number;
  /** How long an agency's `maxRunsPerMinute` is cached (default 10 s): a PATCH /agency applies within it. */
  settingsTtlMs?: number;
  /** Quota of an agency whose settings name none (default 600). */
  defaultMaxRunsPerMinute?: number;
  /** Upper bound of the random spread added to a deferral (default: 5 % of the window, at most 1 s). */
  jitterMs?: number;
  /** Deferral when Redis cannot be asked (default 5 s): the run waits, it is never admitted blind nor dropped. */
  unavailableDeferMs?: number;
  /** Limit on one Redis call before it counts as unavailable (default 2 s). */
  redisTimeoutMs?: number;
}

type Admission = Awaited<ReturnType<RunAdmission['admit']>>;

/** A small LRU bound on the limiter instances (one per distinct quota value). */
const MAX_LIMITERS = 256;

/**
 * Per-agency run quota (`settings.maxRunsPerMinute`, PRODUCT.md §5), shared by every worker through
 * Redis: a fixed window per agency counts run starts (rate-limiter-flexible's atomic INCR + EXPIRE
 * script). A run over the quota is refused with the time it may start — the executor parks it
 * `queued` with `next_attempt_at` = that time and a delayed job, so it is deferred, never dropped.
 *
 * Guarantees: at most `maxRunsPerMinute` runs admitted per agency per window (any number of workers);
 * a deferred run retries no earlier than the end of the window that refused it. When Redis cannot be
 * reached the run is deferred by `unavailableDeferMs` (fail closed: never over the quota, never lost).
 */
export class AgencyRunQuota implements RunAdmission {
  private readonly windowMs: number;
  private readonly settingsTtlMs: number;
  private readonly defaultMax: number;
  private readonly jitterMs: number;
  private readonly unavailableDeferMs: number;
  private readonly redisTimeoutMs: number;
  private readonly limiters = new Map<number, RateLimiterRedis>();
  private readonly settings = new Map<string, { max: number; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<number>>();

  constructor(
    private readonly redis: Redis,
    private readonly dataSource: DataSource,
    private readonly options: AgencyRunQuotaOptions,
    private readonly ownsRedis = false,
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    if (!Number.isInteger(this.windowMs / 1000) || this.windowMs < 1000)
      throw new Error(`quota windowMs must be whole seconds (>= 1000), got ${this.windowMs}`);
    this.settingsTtlMs = options.settingsTtlMs ?? 10_000;
    this.defaultMax = options.defaultMaxRunsPerMinute ?? DEFAULT_MAX_RUNS_PER_MINUTE;
    this.jitterMs = options.jitterMs ?? Math.min(1000, Math.floor(this.windowMs / 20));
    this.unavailableDeferMs = options.unavailableDeferMs ?? 5000;
    this.redisTimeoutMs = options.redisTimeoutMs ?? 2000;
  }

  get window(): number {
    return this.windowMs;
  }

  async admit(run: { id: string; agencyId: string }): Promise<Admission> {
    let points: number;
    try {
      points = await this.maxRunsPerMinute(run.agencyId);
    } catch {
      return this.deferBy(this.unavailableDeferMs);
    }
    const limiter = this.limiterFor(points);
    try {
      await this.withTimeout(limiter.consume(run.agencyId, 1));
      return { admitted: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return this.deferBy(
          deferralDelayMs(
            { consumed: rejection.consumedPoints, points, msBeforeNext: rejection.msBeforeNext },
            this.windowMs,
            this.jitterMs,
            Math.random(),
          ),
        );
      }
      // Redis down or slow: wait and ask again; the reconciler re-enqueues the run if this job is lost.
      return this.deferBy(this.unavailableDeferMs);
    }
  }

  /** The agency's quota (cached `settingsTtlMs`; concurrent look-ups of one agency share one query). */
  async maxRunsPerMinute(agencyId: string): Promise<number> {
    const cached = this.settings.get(agencyId);
    if (cached && cached.expiresAt > Date.now()) return cached.max;
    const pending = this.loading.get(agencyId);
    if (pending) return pending;
    const load = (async () => {
      try {
        const agency = await this.dataSource
          .getRepository(AgencyEntity)
          .findOne({ where: { id: agencyId }, select: { id: true, settings: true } });
        const max = maxRunsPerMinuteOf(agency?.settings, this.defaultMax);
        this.settings.set(agencyId, { max, expiresAt: Date.now() + this.settingsTtlMs });
        if (this.settings.size > 10_000) this.settings.delete(this.settings.keys().next().value as string);
        return max;
      } finally {
        this.loading.delete(agencyId);
      }
    })();
    this.loading.set(agencyId, load);
    return load;
  }

  /** Forgets cached quotas (all, or one agency's), e.g. when agency settings change. */
  invalidate(agencyId?: string): void {
    if (agencyId) this.settings.delete(agencyId);
    else this.settings.clear();
  }

  /** Closes the Redis connection when this quota opened it (`createAgencyRunQuota({redisUrl})`). */
  async close(): Promise<void> {
    if (this.ownsRedis) await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** One limiter per distinct quota value; all count in the same per-agency key, so a changed quota keeps the window's count. */
  private limiterFor(points: number): RateLimiterRedis {
    const existing = this.limiters.get(points);
    if (existing) {
      this.limiters.delete(points);
      this.limiters.set(points, existing);
      return existing;
    }
    const limiter = new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `${this.options.prefix}:quota:runs`,
      points,
      duration: this.windowMs / 1000,
    });
    this.limiters.set(points, limiter);
    if (this.limiters.size > MAX_LIMITERS) this.limiters.delete(this.limiters.keys().next().value as number);
    return limiter;
  }

  private deferBy(delayMs: number): Admission {
    return { admitted: false, retryAt: new Date(Date.now() + Math.max(1, Math.round(delayMs))) };
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('quota: Redis did not answer in time')), this.redisTimeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

export interface CreateAgencyRunQuotaOptions extends AgencyRunQuotaOptions {
  dataSource: DataSource;
  /** An ioredis client to share (not closed by `close()`), or … */
  redis?: Redis;
  /** … a Redis URL (REDIS_URL) for a connection of its own (closed by `close()`). */
  redisUrl?: string;
}

/**
 * The quota for the executor:
 * `new RunExecutor({ dataSource, queues, actions, options, admission: createAgencyRunQuota({ redisUrl, dataSource, prefix }) })`.
 */
export function createAgencyRunQuota({
  dataSource,
  redis,
  redisUrl,
  ...options
}: CreateAgencyRunQuotaOptions): AgencyRunQuota {
  if (redis) return new AgencyRunQuota(redis, dataSource, options, false);
  if (!redisUrl) throw new Error('createAgencyRunQuota needs redis or redisUrl');
  // A few retries per command, then the caller defers the run; the client keeps reconnecting in the background.
  const client = logEmittedErrors(
    new Redis(redisUrl, { maxRetriesPerRequest: 1, connectionName: `${options.prefix}:quota` }),
    'redis:quota',
  );
  return new AgencyRunQuota(client, dataSource, options, true);
}
