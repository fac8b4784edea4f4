import type { BulkRunAction } from '@automations/engine';
import type { FieldErrorDetail } from '../../common/api-error';
import { type BulkRunsRequest, bulkRunsRequestProblems } from './bulk-runs.request';

const ID = '6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817';
const OTHER = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('bulkRunsRequestProblems', () => {
  it.each<[string, BulkRunAction, BulkRunsRequest, FieldErrorDetail[]]>([
    ['ids only: fine', 'retry', { runIds: [ID, OTHER] }, []],
    ['an empty filter: fine (every run the action applies to)', 'cancel', { filter: {} }, []],
    ['neither', 'retry', {}, [{ path: '', message: 'give runIds or filter' }]],
    ['both', 'cancel', { runIds: [ID], filter: {} }, [{ path: '', message: 'give runIds or filter, not both' }]],
    [
      'non-UUIDs, named by their index',
      'retry',
      { runIds: [ID, 'nope', OTHER, '42'] },
      [
        { path: 'runIds[1]', message: 'must be a UUID' },
        { path: 'runIds[3]', message: 'must be a UUID' },
      ],
    ],
    ['retry by failed status: fine', 'retry', { filter: { status: 'failed' } }, []],
    [
      'retry by another status',
      'retry',
      { filter: { status: 'queued' } },
      [{ path: 'filter.status', message: 'retry applies to failed runs only' }],
    ],
    ['cancel of waiting runs: fine', 'cancel', { filter: { status: 'waiting' } }, []],
    ['cancel of runs awaiting approval: fine', 'cancel', { filter: { status: 'awaiting_approval' } }, []],
    [
      'cancel of failed runs',
      'cancel',
      { filter: { status: 'failed' } },
      [{ path: 'filter.status', message: 'cancel applies to queued, waiting, awaiting_approval runs only' }],
    ],
    ['from before to', 'retry', { filter: { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' } }, []],
    ['from equal to to', 'retry', { filter: { from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' } }, []],
    [
      'from after to',
      'cancel',
      { filter: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } },
      [{ path: 'filter.to', message: 'must not be before from' }],
    ],
  ])('%s', (_name, action, body, expected) => {
    expect(bulkRunsRequestProblems(action, body)).toEqual(expected);
  });
});
