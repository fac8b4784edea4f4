import { PermanentActionError, TransientActionError, type ActionError } from '../errors/action-errors';
import { decideAfterFailure, type FailureDecision } from './retry-policy';

const transient = new TransientActionError('slack_unavailable', 'down');
const conflict = new TransientActionError('database_conflict', 'deadlock detected');
const permanent = new PermanentActionError('slack_rejected', 'no');
const options = { maxAttempts: 3, retryBackoffMs: 1_000 };
/** A fixed stand-in for the jittered backoff: base × attempt. */
const delayOf = (_failure: ActionError, attempt: number, baseMs: number) => baseMs * attempt;

describe('decideAfterFailure', () => {
  it.each<[string, ActionError, number, boolean, FailureDecision]>([
    [
      'a transient failure on the first attempt: retry after the backoff',
      transient,
      1,
      false,
      { kind: 'retry', delayMs: 1_000 },
    ],
    [
      'a transient failure on the second attempt: retry later still',
      transient,
      2,
      false,
      { kind: 'retry', delayMs: 2_000 },
    ],
    [
      'a transient failure retries even when the step continues on failure',
      transient,
      1,
      true,
      { kind: 'retry', delayMs: 1_000 },
    ],
    ['a transient failure on the last attempt: the run fails', transient, 3, false, { kind: 'fail_run' }],
    ['a transient failure past the last attempt: the run fails', transient, 4, false, { kind: 'fail_run' }],
    ['the last attempt of a continue-on-failure step: go on', transient, 3, true, { kind: 'continue' }],
    [
      'a database conflict is retried like any transient failure',
      conflict,
      1,
      false,
      { kind: 'retry', delayMs: 1_000 },
    ],
    ['a permanent failure on the first attempt: the run fails at once', permanent, 1, false, { kind: 'fail_run' }],
    ['a permanent failure of a continue-on-failure step: go on', permanent, 1, true, { kind: 'continue' }],
  ])('%s', (_name, failure, attempt, continueOnFailure, expected) => {
    expect(decideAfterFailure({ failure, attempt, continueOnFailure }, options, delayOf)).toEqual(expected);
  });

  it('uses the jittered backoff of the error classifier by default', () => {
    const decision = decideAfterFailure({ failure: transient, attempt: 2, continueOnFailure: false }, options);
    expect(decision.kind).toBe('retry');
    const { delayMs } = decision as { delayMs: number };
    expect(delayMs).toBeGreaterThanOrEqual(1_600);
    expect(delayMs).toBeLessThanOrEqual(2_400);
  });

  it('with one attempt allowed, a transient failure is not retried', () => {
    expect(
      decideAfterFailure({ failure: transient, attempt: 1, continueOnFailure: false }, { ...options, maxAttempts: 1 }),
    ).toEqual({ kind: 'fail_run' });
  });
});
