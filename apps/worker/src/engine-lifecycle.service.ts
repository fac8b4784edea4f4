import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EngineWorker } from '@automations/engine';
import type { RuntimeConfig } from '@automations/persistence';
import { WORKER_CONFIG } from './worker-config.token';

/** Starts the engine's consumers and sweeps with the process, and stops them gracefully on SIGTERM. */
@Injectable()
export class EngineLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private engine: EngineWorker | null = null;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: RuntimeConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.engine = new EngineWorker(this.config, this.dataSource);
    await this.engine.start();
    this.logger.log(
      `Engine started: consuming "${this.config.queuePrefix}" queues with concurrency ${this.config.workerConcurrency}`,
    );
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`Stopping (${signal ?? 'shutdown'}): finishing in-flight jobs`);
    await this.engine?.stop();
  }
}
