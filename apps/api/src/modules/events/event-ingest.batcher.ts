import { Injectable, Logger } from '@nestjs/common';
import { EventDispatch } from '../engine/event-dispatch.service';
import { EventIngestSettings } from './event-ingest.settings';
import { requestsForNextGroup } from './ingest-gathering';
import type { IngestRequest } from './ingest-request';
import { GroupOutcome, IngestWriter } from './ingest.writer';

interface Pending {
  request: IngestRequest;
  resolve(ids: string[]): void;
  reject(error: unknown): void;
}

/** What the batcher has done since the process started (tests and profiles read it). */
export interface IngestBatcherStats {
  /** Group transactions committed. */
  groups: number;
  /** Requests stored by those groups. */
  requests: number;
  /** Groups whose transaction failed, each request then retried alone. */
  groupsRetriedAlone: number;
}

/**
 * Group commit of `POST /events` (issue 15): concurrent requests share one transaction, one
 * multi-row insert and one `addBulk`. A request resolves only once its events are committed and
 * dispatched. Gathering: an idle batcher waits `waitMs` for company, then writes what is queued (up
 * to `maxEvents`); while a group's transaction runs, new requests queue and go as the next group the
 * moment it ends. A bad request gets its own error inside the group; a group whose transaction fails
 * is retried request by request, so one poison request fails only itself.
 */
@Injectable()
export class EventIngestBatcher {
  private readonly logger = new Logger('EventIngestBatcher');
  private readonly queue: Pending[] = [];
  private queuedEvents = 0;
  private writing = false;
  private timer: NodeJS.Timeout | null = null;
  readonly stats: IngestBatcherStats = { groups: 0, requests: 0, groupsRetriedAlone: 0 };

  constructor(
    private readonly settings: EventIngestSettings,
    private readonly writer: IngestWriter,
    private readonly dispatch: EventDispatch,
  ) {}

  /** Requests waiting for the next group. */
  get queuedRequests(): number {
    return this.queue.length;
  }

  /** The request's event ids once they are committed and handed to the worker; its own error otherwise. */
  submit(request: IngestRequest): Promise<string[]> {
    return new Promise<string[]>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.queuedEvents += request.events.length;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing) return;
    if (this.settings.waitMs === 0 || this.queuedEvents >= this.settings.maxEvents) {
      this.writeNextGroup();
      return;
    }
    this.timer ??= setTimeout(() => this.writeNextGroup(), this.settings.waitMs);
  }

  private writeNextGroup(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || this.queue.length === 0) return;
    const group = this.queue.splice(
      0,
      requestsForNextGroup(
        this.queue.map((pending) => pending.request.events.length),
        this.settings.maxEvents,
      ),
    );
    for (const { request } of group) this.queuedEvents -= request.events.length;
    this.writing = true;
    void this.writer
      .writeGroup(group.map((pending) => pending.request))
      .then(
        (outcomes) => {
          this.transactionEnded();
          return this.finish(group, outcomes);
        },
        (error: unknown) => {
          this.transactionEnded();
          this.logger.warn(
            `A group of ${group.length} request(s) failed (${(error as Error).message}); retrying each alone`,
          );
          this.stats.groupsRetriedAlone += 1;
          return Promise.all(group.map((pending) => this.writeAlone(pending)));
        },
      )
      .catch((error: unknown) => this.logger.error(`Ingest group bookkeeping failed: ${(error as Error).message}`));
  }

  /** Natural batching: whatever queued during the transaction goes now, without waiting more. */
  private transactionEnded(): void {
    this.writing = false;
    this.writeNextGroup();
  }

  private async finish(group: Pending[], outcomes: GroupOutcome[]): Promise<void> {
    this.stats.groups += 1;
    const stored: { pending: Pending; ids: string[] }[] = [];
    outcomes.forEach((outcome, position) => {
      if ('error' in outcome) group[position].reject(outcome.error);
      else stored.push({ pending: group[position], ids: outcome.ids });
    });
    this.stats.requests += stored.length;
    try {
      // EventDispatch never throws (the reconciler enqueues what it could not); this is belt and braces.
      await this.dispatch.dispatch(stored.flatMap(({ ids }) => ids));
    } finally {
      for (const { pending, ids } of stored) pending.resolve(ids);
    }
  }

  private async writeAlone(pending: Pending): Promise<void> {
    try {
      const ids = await this.writer.writeAlone(pending.request);
      await this.dispatch.dispatch(ids);
      pending.resolve(ids);
    } catch (error) {
      pending.reject(error);
    }
  }
}
