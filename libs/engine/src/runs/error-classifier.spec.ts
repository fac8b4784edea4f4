import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { PermanentActionError, TransientActionError } from '../errors/action-errors';
import { classifyStepError, retryDelayMs } from './error-classifier';

describe('classifyStepError', () => {
  it.each<[string, unknown, boolean, string]>([
    [
      'an action error keeps its own verdict',
      new PermanentActionError('client_not_found', 'gone'),
      false,
      'client_not_found',
    ],
    [
      'a transient action error stays transient',
      new TransientActionError('slack_rate_limited', 'slow down'),
      true,
      'slack_rate_limited',
    ],
    [
      'Postgres admin shutdown (57P01): retry',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      true,
      'database_unavailable',
    ],
    [
      'serialization failure: retry (a conflict)',
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
      true,
      'database_conflict',
    ],
    [
      'deadlock: retry (a conflict)',
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      true,
      'database_conflict',
    ],
    [
      'socket reset: retry',
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      true,
      'database_unavailable',
    ],
    [
      'pg client after a connection error: retry',
      new Error('Client has encountered a connection error and is not queryable'),
      true,
      'database_unavailable',
    ],
    [
      'TypeORM: the killed connection released the query runner: retry',
      new QueryRunnerAlreadyReleasedError(),
      true,
      'database_unavailable',
    ],
    [
      "TypeORM: the transaction's connection was released: retry",
      new QueryRunnerProviderAlreadyReleasedError(),
      true,
      'database_unavailable',
    ],
    [
      'a constraint violation is a bug, not an outage: fail',
      Object.assign(new Error('duplicate key value'), { code: '23505' }),
      false,
      'internal_error',
    ],
    ['anything else fails now', new TypeError('x is undefined'), false, 'internal_error'],
  ])('%s', (_name, error, transient, code) => {
    const verdict = classifyStepError(error);
    expect(verdict.transient).toBe(transient);
    expect(verdict.code).toBe(code);
  });
});

describe('retryDelayMs', () => {
  it.each<[string, Error, number, number, number]>([
    [
      'a deadlock is retried within moments, not after the backoff',
      new TransientActionError('database_conflict', 'deadlock detected'),
      1,
      50,
      250,
    ],
    [
      'a deadlock on the third attempt still within a second',
      new TransientActionError('database_conflict', 'deadlock detected'),
      3,
      50,
      650,
    ],
    [
      'an outage backs off from the base (±20 %)',
      new TransientActionError('database_unavailable', 'down'),
      1,
      24_000,
      36_000,
    ],
    ['an outage doubles per attempt', new TransientActionError('database_unavailable', 'down'), 2, 48_000, 72_000],
    [
      'a remote Retry-After longer than the backoff wins',
      new TransientActionError('slack_rate_limited', 'slow', undefined, 90_000),
      1,
      90_000,
      90_000,
    ],
  ])('%s', (_name, failure, attempt, min, max) => {
    for (let i = 0; i < 20; i += 1) {
      const delay = retryDelayMs(failure as TransientActionError, attempt, 30_000);
      expect(delay).toBeGreaterThanOrEqual(min);
      expect(delay).toBeLessThanOrEqual(max);
    }
  });
});
