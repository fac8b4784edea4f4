import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { liveUpdatesChannel, parseLiveUpdate } from '@automations/engine';
import { logEmittedErrors, type RuntimeConfig } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { LiveStreamRegistry } from './live-stream-registry';
import { sseEventFrame } from './sse-frames';

/**
 * The API process's one subscription to the live-update channel (not one per client), fanned out to
 * the open streams of each update's agency. ioredis re-subscribes by itself after a reconnect.
 * On shutdown every stream is ended first, so closing the HTTP server never waits on an open stream.
 */
@Injectable()
export class LiveUpdateSubscriber implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LiveStream');
  private readonly redis: Redis;
  private readonly channel: string;
  private subscribed: Promise<void> | null = null;

  constructor(
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
    private readonly registry: LiveStreamRegistry,
  ) {
    // Connection errors are logged redacted and rate-limited (a Redis outage emits one per reconnect attempt).
    this.redis = logEmittedErrors(
      new Redis(config.redisUrl, {
        maxRetriesPerRequest: null,
        lazyConnect: true,
        connectionName: `${config.queuePrefix}:live-subscriber`,
      }),
      'redis:live-subscriber',
    );
    this.channel = liveUpdatesChannel(config.queuePrefix);
  }

  onModuleInit(): void {
    this.redis.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const update = parseLiveUpdate(message);
      if (update) this.registry.dispatch(update.agencyId, sseEventFrame(update));
    });
    // Not awaited: the API starts (and reports Redis in /health/ready) even when Redis is down.
    this.subscribed = this.redis.subscribe(this.channel).then(
      () => undefined,
      (error: Error) => this.logger.warn(`Could not subscribe to live updates: ${error.message}`),
    );
  }

  /** Resolves once the channel subscription is in place, or after `maxWaitMs` (a stream opens either way). */
  async ready(maxWaitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
    await Promise.race([this.subscribed ?? Promise.resolve(), timeout]);
    clearTimeout(timer);
  }

  async onModuleDestroy(): Promise<void> {
    this.registry.closeAll();
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
