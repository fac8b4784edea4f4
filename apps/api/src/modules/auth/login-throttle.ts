import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { RuntimeConfig } from '@automations/persistence';
import { REDIS_CLIENT, RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { SECURITY_SETTINGS, type SecuritySettings } from '../../common/security-settings';

export type ThrottleScope = 'account' | 'address';

export interface LoginBlock {
  scope: ThrottleScope;
  retryAfterSeconds: number;
}

/**
 * Failed logins, counted in Redis (so every API process sees the same counts) per account (the email, hashed) and per
 * client address: `loginMaxFailures` failures within `loginWindowSeconds` block further attempts of that account, or
 * from that address, until the window ends — the right password included. A successful login clears its account's
 * count. Redis unavailable: logins are not throttled (logged), as with the REST limit.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');
  private readonly limiters: Record<ThrottleScope, RateLimiterRedis>;

  constructor(
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
    @Inject(SECURITY_SETTINGS) private readonly settings: SecuritySettings,
  ) {
    const common = { storeClient: redis, points: settings.loginMaxFailures, duration: settings.loginWindowSeconds };
    this.limiters = {
      account: new RateLimiterRedis({ ...common, keyPrefix: `${config.queuePrefix}:login-failures:account` }),
      address: new RateLimiterRedis({ ...common, keyPrefix: `${config.queuePrefix}:login-failures:address` }),
    };
  }

  /** The block on this email or this address, if either already had its failures. */
  async blocked(email: string, address: string): Promise<LoginBlock | null> {
    try {
      const [account, byAddress] = await Promise.all([
        this.limiters.account.get(this.accountKey(email)),
        this.limiters.address.get(address),
      ]);
      const blocks = (
        [
          ['account', account],
          ['address', byAddress],
        ] as const
      ).filter(([, res]) => res !== null && res.consumedPoints >= this.settings.loginMaxFailures);
      if (blocks.length === 0) return null;
      // The account is named when it is blocked (both blocks start together after failures on one email); the wait is the longer one.
      const [scope] = blocks[0];
      const longest = Math.max(...blocks.map(([, res]) => res!.msBeforeNext));
      return { scope, retryAfterSeconds: Math.max(1, Math.ceil(longest / 1000)) };
    } catch (error) {
      this.logger.warn(`login throttle unavailable: ${(error as Error).message}`);
      return null;
    }
  }

  /** Counts a failure; returns the scopes this failure just blocked (the count reached the limit now). */
  async recordFailure(email: string, address: string): Promise<LoginBlock[]> {
    try {
      const [account, byAddress] = await Promise.all([
        this.limiters.account.penalty(this.accountKey(email), 1),
        this.limiters.address.penalty(address, 1),
      ]);
      return (
        [
          ['account', account],
          ['address', byAddress],
        ] as const
      )
        .filter(([, res]) => res.consumedPoints === this.settings.loginMaxFailures)
        .map(([scope, res]) => ({ scope, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) }));
    } catch (error) {
      this.logger.warn(`login throttle unavailable: ${(error as Error).message}`);
      return [];
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.limiters.account.delete(this.accountKey(email)).catch(() => undefined);
  }

  /** Never the address itself as a Redis key. */
  private accountKey(email: string): string {
    return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  }
}
