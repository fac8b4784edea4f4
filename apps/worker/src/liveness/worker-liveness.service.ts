import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { RuntimeConfig } from '@automations/persistence';
import { WORKER_CONFIG } from '../worker-config.token';
import { LivenessBeat, livenessSettingsFromEnv } from './liveness';

/** Keeps the worker's liveness file fresh while its event loop, Postgres pool and Redis answer (see liveness.ts). */
@Injectable()
export class WorkerLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Liveness');
  private redis: Redis | null = null;
  private beat: LivenessBeat | null = null;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: RuntimeConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = livenessSettingsFromEnv();
    // Its own connection, so a PING never queues behind BullMQ's blocking commands; it fails fast while Redis is away.
    const redis = new Redis(this.config.redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    redis.on('error', () => undefined); // reported by the failing beat
    this.redis = redis;
    this.beat = new LivenessBeat({
      file: settings.file,
      intervalMs: settings.intervalMs,
      probes: [
        { name: 'Postgres SELECT 1', check: () => this.dataSource.query('SELECT 1') },
        {
          name: 'Redis PING',
          check: async () => (redis.status === 'wait' ? redis.connect().then(() => redis.ping()) : redis.ping()),
        },
      ],
      onChange: (alive, reason) =>
        alive
          ? this.logger.log(`alive: refreshing ${settings.file} every ${settings.intervalMs / 1000} s`)
          : this.logger.warn(`liveness check failing, ${settings.file} not refreshed: ${reason}`),
    });
    await this.beat.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.beat?.stop();
    this.redis?.disconnect();
  }
}
