import type { RunStatus } from '@automations/domain';
import { type RetryCandidate, type RetryGate, retryGate } from './retry-gate';

const run = (status: RunStatus, clientSnapshot: unknown = { client: { id: 'c1' } }): RetryCandidate => ({
  status,
  clientSnapshot,
});

describe('retryGate', () => {
  it.each<[string, RetryCandidate | null, RetryGate]>([
    ['no run in the agency: not found', null, 'not_found'],
    ['a failed run with its snapshot: retryable', run('failed'), 'retryable'],
    ['a completed run: not failed', run('completed'), 'not_failed'],
    ['a running run: not failed', run('running'), 'not_failed'],
    ['a rejected run: not failed', run('rejected'), 'not_failed'],
    ['a failed run whose data retention purged: purged', run('failed', null), 'purged'],
    ['not failed wins over purged', run('completed', null), 'not_failed'],
  ])('%s', (_name, candidate, expected) => {
    expect(retryGate(candidate)).toBe(expected);
  });
});
