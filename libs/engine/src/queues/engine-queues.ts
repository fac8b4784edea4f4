import { Queue } from 'bullmq';
import { logEmittedErrors } from '@automations/persistence';
import { bullConnectionOptions } from '../redis-connection';
import { QueueName } from '../queue-names';

export interface EventJobData {
  eventId: string;
}

export interface RunJobData {
  runId: string;
}

/** Removing finished jobs keeps Redis small; Postgres holds the history. */
const FINISHED_JOB_RETENTION = { removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } };

/**
 * Producer side of the engine's queues. Jobs carry ids only: Postgres is the source of truth and
 * enqueuing twice is harmless (leases and conditional state writes make processing idempotent).
 */
export class EngineQueues {
  readonly events: Queue<EventJobData>;
  readonly runs: Queue<RunJobData>;

  constructor({ redisUrl, prefix }: { redisUrl: string; prefix: string }) {
    const connection = bullConnectionOptions(redisUrl);
    // A queue re-emits its Redis connection's errors: logged (rate-limited), never an unhandled `error`.
    this.events = logEmittedErrors(
      new Queue<EventJobData>(QueueName.Events, { connection, prefix }),
      'bullmq:queue:events',
    );
    this.runs = logEmittedErrors(new Queue<RunJobData>(QueueName.Runs, { connection, prefix }), 'bullmq:queue:runs');
  }

  async enqueueEvents(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.events.addBulk(
      eventIds.map((eventId) => ({
        name: 'match',
        data: { eventId },
        opts: {
          jobId: `event-${eventId}`,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          ...FINISHED_JOB_RETENTION,
        },
      })),
    );
  }

  /**
   * Enqueues events again that Postgres says are still unmatched. A match job keeps its id
   * (`event-<id>`) once it has failed all its attempts (a long database outage) or completed, and
   * BullMQ ignores an add under an existing id — so those finished jobs are removed first, or the
   * event would never get its verdict. Waiting and active jobs stay as they are (their place in
   * the queue is kept; adding them again is a no-op).
   */
  async reclaimEvents(eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const states = await Promise.all(eventIds.map((eventId) => this.events.getJobState(`event-${eventId}`)));
    const finished = eventIds.filter((_, index) => states[index] === 'failed' || states[index] === 'completed');
    await Promise.all(finished.map((eventId) => this.events.remove(`event-${eventId}`)));
    await this.enqueueEvents(eventIds);
  }

  /** `delayMs` for waits (delays, retry backoff). Unique job ids: a run is enqueued once per move. */
  async enqueueRun(runId: string, delayMs = 0): Promise<void> {
    await this.runs.add(
      'advance',
      { runId },
      {
        jobId: `run-${runId}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
        delay: Math.max(0, Math.round(delayMs)),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        ...FINISHED_JOB_RETENTION,
      },
    );
  }

  async enqueueRuns(runIds: string[]): Promise<void> {
    if (runIds.length === 0) return;
    const stamp = Date.now();
    await this.runs.addBulk(
      runIds.map((runId) => ({
        name: 'advance',
        data: { runId },
        opts: {
          jobId: `run-${runId}-${stamp}`,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          ...FINISHED_JOB_RETENTION,
        },
      })),
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.events.close(), this.runs.close()]);
  }
}
