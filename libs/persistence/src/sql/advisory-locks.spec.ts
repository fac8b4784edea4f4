import { AdvisoryLocks, runSeriesLockName } from './advisory-locks';

describe('advisory lock keys', () => {
  it('gives every fixed lock its own key', () => {
    const keys = Object.values(AdvisoryLocks);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['one workflow and client', 'w-1', 'c-1', 'run:w-1:c-1'],
    [
      'uuids as stored',
      '5f0c6f1e-0000-4000-8000-000000000001',
      '5f0c6f1e-0000-4000-8000-000000000002',
      'run:5f0c6f1e-0000-4000-8000-000000000001:5f0c6f1e-0000-4000-8000-000000000002',
    ],
  ])('names the run series of %s', (_case, workflowId, clientId, expected) => {
    expect(runSeriesLockName(workflowId, clientId)).toBe(expected);
  });

  it('names different series differently (workflow and client are not interchangeable)', () => {
    expect(runSeriesLockName('a', 'b')).not.toBe(runSeriesLockName('b', 'a'));
  });
});
