import type { ActionError } from '../errors/action-errors';
import { retryDelayMs } from './error-classifier';

/** What becomes of a run after one of its steps failed. */
export type FailureDecision =
  /** Another attempt at the step after `delayMs` (the run is parked until then). */
  | { kind: 'retry'; delayMs: number }
  /** The step is failed and the run goes on with the next step (`continueOnFailure`). */
  | { kind: 'continue' }
  /** The step is failed and so is the run. */
  | { kind: 'fail_run' };

export interface FailedAttempt {
  failure: ActionError;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  continueOnFailure: boolean;
}

export interface RetryOptions {
  maxAttempts: number;
  retryBackoffMs: number;
}

/**
 * Transient failures are retried (with backoff) until `maxAttempts` attempts were made; then, and for permanent
 * failures at once, the step fails, and the run with it unless the step continues on failure.
 */
export function decideAfterFailure(
  { failure, attempt, continueOnFailure }: FailedAttempt,
  { maxAttempts, retryBackoffMs }: RetryOptions,
  delayOf: (failure: ActionError, attempt: number, baseMs: number) => number = retryDelayMs,
): FailureDecision {
  if (failure.transient && attempt < maxAttempts)
    return { kind: 'retry', delayMs: delayOf(failure, attempt, retryBackoffMs) };
  return continueOnFailure ? { kind: 'continue' } : { kind: 'fail_run' };
}
