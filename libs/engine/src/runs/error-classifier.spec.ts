import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { PermanentActionError, TransientActionError } from '../errors/action-errors';
import { classifyStepError } from './error-classifier';

describe('classifyStepError', () => {
  it.each<[string, unknown, boolean, string]>([
    ['an action error keeps its own verdict', new PermanentActionError('client_not_found', 'gone'), false, 'client_not_found'],
    ['a transient action error stays transient', new TransientActionError('rate_limited', 'slow down'), true, 'rate_limited'],
    ['Postgres admin shutdown (57P01): retry', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), true, 'database_unavailable'],
    ['serialization failure: retry', Object.assign(new Error('could not serialize access'), { code: '40001' }), true, 'database_unavailable'],
    ['socket reset: retry', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), true, 'database_unavailable'],
    ['pg client after a connection error: retry', new Error('Client has encountered a connection error and is not queryable'), true, 'database_unavailable'],
    ['TypeORM: the killed connection released the query runner: retry', new QueryRunnerAlreadyReleasedError(), true, 'database_unavailable'],
    ['TypeORM: the transaction\'s connection was released: retry', new QueryRunnerProviderAlreadyReleasedError(), true, 'database_unavailable'],
    ['a constraint violation is a bug, not an outage: fail', Object.assign(new Error('duplicate key value'), { code: '23505' }), false, 'internal_error'],
    ['anything else fails now', new TypeError('x is undefined'), false, 'internal_error'],
  ])('%s', (_name, error, transient, code) => {
    const verdict = classifyStepError(error);
    expect(verdict.transient).toBe(transient);
    expect(verdict.code).toBe(code);
  });
});
