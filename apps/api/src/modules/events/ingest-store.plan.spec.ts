import { planStore } from './ingest-store.plan';

describe('planStore', () => {
  const activity = (idempotencyKey?: string) => ({ type: 'client.activity' as const, idempotencyKey });
  const kpi = (idempotencyKey?: string) => ({ type: 'kpi.updated' as const, idempotencyKey });

  it.each([
    ['plain events without keys', [activity(), activity()], [{ kind: 'plain' }, { kind: 'plain' }]],
    ['kpi.updated through the metric recorder', [kpi(), activity()], [{ kind: 'kpi' }, { kind: 'plain' }]],
    [
      'a repeated key resolves to its first occurrence',
      [activity('a'), activity('b'), activity('a')],
      [{ kind: 'plain' }, { kind: 'plain' }, { kind: 'repeat', of: 0 }],
    ],
    [
      'whatever the types of the repeats',
      [kpi('k'), activity('k'), kpi('k')],
      [{ kind: 'kpi' }, { kind: 'repeat', of: 0 }, { kind: 'repeat', of: 0 }],
    ],
    ['events without keys never repeat', [kpi(), kpi()], [{ kind: 'kpi' }, { kind: 'kpi' }]],
  ])('%s', (_case, events, expected) => {
    expect(planStore(events)).toEqual(expected);
  });
});
