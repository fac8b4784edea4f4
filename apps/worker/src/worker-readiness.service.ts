import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '@automations/engine';

/** Confirms at start-up that Redis answers and the queues are reachable. */
@Injectable()
export class WorkerReadiness implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(@InjectQueue(QueueName.Events) private readonly events: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.events.waitUntilReady();
    const waiting = await this.events.getWaitingCount();
    this.logger.log(`Connected to Redis; queue "${QueueName.Events}" has ${waiting} waiting job(s). Waiting for work.`);
  }
}
