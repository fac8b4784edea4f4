import { Injectable, Logger } from '@nestjs/common';
import { EngineQueues } from '@automations/engine';

/**
 * Hands committed events to the worker. A failure here loses nothing: the event is already in
 * Postgres and the reconciler enqueues every event still unprocessed after a few seconds.
 */
@Injectable()
export class EventDispatch {
  private readonly logger = new Logger('EventDispatch');

  constructor(private readonly queues: EngineQueues) {}

  async dispatch(eventIds: string[]): Promise<void> {
    try {
      await this.queues.enqueueEvents([...new Set(eventIds)]);
    } catch (error) {
      this.logger.warn(
        `Could not enqueue ${eventIds.length} event(s) now; the reconciler will: ${(error as Error).message}`,
      );
    }
  }
}
