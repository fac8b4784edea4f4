import { MicroBatcher } from '../batching/micro-batcher';
import type { MatchedRunAnnouncer } from '../live/matched-run-announcer';
import type { EngineQueues } from '../queues/engine-queues';
import type { EventBatchMatcher } from './event-batch-matcher';
import type { MatchResult } from './event-matcher';

export interface EventMatchProcessorOptions {
  /** Most events matched together (the events consumer's concurrency: each waiting job brings one). */
  maxBatch: number;
  /** How long a lone event waits for company. */
  maxWaitMs: number;
}

/**
 * The events queue's job handler: concurrent jobs' events are matched together (`EventBatchMatcher`), their new runs
 * announced and enqueued in one bulk add; each job ends when its event's batch has committed and its runs are queued.
 */
export class EventMatchProcessor {
  private readonly batcher: MicroBatcher<string, MatchResult>;

  constructor(
    private readonly matcher: EventBatchMatcher,
    private readonly announcer: MatchedRunAnnouncer,
    private readonly queues: EngineQueues,
    options: EventMatchProcessorOptions,
  ) {
    this.batcher = new MicroBatcher({
      handle: (eventIds) => this.handle(eventIds),
      maxBatch: options.maxBatch,
      maxWaitMs: options.maxWaitMs,
      maxInFlight: 2,
    });
  }

  process(eventId: string): Promise<MatchResult> {
    return this.batcher.add(eventId);
  }

  private async handle(eventIds: string[]): Promise<(MatchResult | Error)[]> {
    const results = await this.matcher.matchMany(eventIds);
    const matched = results.filter((result): result is MatchResult => !(result instanceof Error));
    for (const result of matched) await this.announcer.announce(result);
    await this.queues.enqueueRuns(matched.flatMap((result) => result.runIdsToEnqueue));
    return results;
  }
}
