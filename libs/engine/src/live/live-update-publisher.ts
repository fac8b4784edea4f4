import Redis from 'ioredis';
import { logEmittedErrors } from '@automations/persistence';
import { liveUpdatesChannel, type LiveUpdate, type LiveUpdateSink } from './live-updates';

export interface LiveUpdatePublisherOptions {
  redisUrl: string;
  queuePrefix: string;
  /** Failed publishes are reported here at debug level (a pino logger or a Nest Logger fits). */
  logger?: { debug(message: string): unknown };
  /** Longest a publish may hold its caller (default 1000 ms). */
  timeoutMs?: number;
}

/**
 * Publishes live updates on Redis pub/sub. Best effort by design: a publish never throws into the
 * engine and never holds it longer than `timeoutMs` (screens poll as a fallback). Callers await it so
 * that one run's updates leave in the order its states were committed.
 */
export class LiveUpdatePublisher implements LiveUpdateSink {
  private readonly redis: Redis;
  private readonly channel: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: LiveUpdatePublisherOptions) {
    // One retry, then the command fails: a Redis outage must not pile up stale updates in the offline queue.
    this.redis = logEmittedErrors(
      new Redis(options.redisUrl, { maxRetriesPerRequest: 1, connectionName: `${options.queuePrefix}:live-publisher` }),
      'redis:live-publisher',
    );
    this.channel = liveUpdatesChannel(options.queuePrefix);
    this.timeoutMs = options.timeoutMs ?? 1000;
  }

  async publish(update: LiveUpdate): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      timer.unref();
    });
    const sent = this.redis.publish(this.channel, JSON.stringify(update));
    sent.catch(() => undefined); // a late failure after the timeout is already reported
    try {
      await Promise.race([sent, timeout]);
    } catch (error) {
      this.options.logger?.debug(
        `live update ${update.type} of agency ${update.agencyId} not published: ${(error as Error).message}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
