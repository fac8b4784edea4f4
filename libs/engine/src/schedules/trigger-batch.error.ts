/** One client a tick or a scan could not handle (its transaction rolled back; nothing was created for it). */
export interface TriggerBatchFailure {
  workflowId: string;
  clientId: string;
  error: unknown;
}

/**
 * Thrown by a tick or a scan after it went through every client when some of them failed. The runs
 * it did create are committed: `runIds` are still to be enqueued (the reconciler would pick them up
 * after its grace period anyway). Retrying is safe: ticks dedupe on the tick, scans on the period.
 */
export class TriggerBatchError extends Error {
  constructor(
    readonly runIds: string[],
    readonly failures: TriggerBatchFailure[],
    what: string,
  ) {
    const first = failures[0]?.error;
    super(
      `${what}: ${failures.length} client(s) failed, ${runIds.length} run(s) created; first error: ${first instanceof Error ? first.message : String(first)}`,
    );
    this.name = 'TriggerBatchError';
  }
}
