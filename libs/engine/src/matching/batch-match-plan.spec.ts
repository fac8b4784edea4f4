import type { TriggerDefinition } from '@automations/domain';
import type { ClientSnapshot } from '../context/client-snapshot';
import { planBatchMatch, type BatchEvent, type BatchMatchInput, type SeriesFacts } from './batch-match-plan';
import type { CandidateScreen } from './candidate-screen';
import type { CandidateWorkflow } from './workflow-index';

const fired: TriggerDefinition = { type: 'stage_change', config: { toStage: 'onboarding' } } as TriggerDefinition;
const partner: TriggerDefinition = {
  type: 'kpi_threshold',
  config: { metric: 'roas', operator: 'below', value: 2 },
} as TriggerDefinition;
const W1: CandidateWorkflow = { id: 'w1', name: 'Kickoff', triggers: [fired] };
const W2: CandidateWorkflow = { id: 'w2', name: 'Rescue', triggers: [fired, partner] };
const QUIET: CandidateWorkflow = { id: 'w3', name: 'Quiet', triggers: [] };

function snapshot(clientId: string, deleted = false): ClientSnapshot {
  return {
    client: {
      id: clientId,
      name: `Client ${clientId}`,
      stage: 'onboarding',
      health: 'green',
      assigneeId: null,
      lastActivityAt: '2026-12-01T00:00:00.000Z',
      deletedAt: deleted ? '2026-12-02T00:00:00.000Z' : null,
      assignee: null,
    },
    metrics: {},
    agency: { id: 'a', name: 'Agency', timezone: 'UTC' },
    takenAt: '2026-12-03T00:00:00.000Z',
  };
}

function event(id: string, clientId: string, workflows = [W1], causation: BatchEvent['causation'] = null): BatchEvent {
  const screens = workflows.map((workflow) => ({
    workflow,
    screen: (workflow === QUIET
      ? { workflowId: QUIET.id, workflowName: QUIET.name, outcome: 'not_fired', reason: 'stage is not churned' }
      : { fired: workflow.triggers[0] }) as CandidateScreen,
  }));
  return {
    id,
    agencyId: 'a',
    clientId,
    type: 'client.stage_changed',
    data: { toStage: 'onboarding' },
    occurredAt: new Date('2026-12-03T10:00:00Z'),
    causation,
    screens,
  };
}

function plan(events: BatchEvent[], overrides: Partial<BatchMatchInput> = {}) {
  let next = 0;
  const clients = [...new Set(events.map((e) => e.clientId))];
  return planBatchMatch({
    events,
    snapshots: new Map(clients.map((clientId) => [`a:${clientId}`, snapshot(clientId)])),
    partnerVerdicts: new Map(),
    inactiveReasons: new Map([
      ['w1', null],
      ['w2', null],
    ]),
    series: new Map<string, SeriesFacts>(),
    dedupeWindowSeconds: 60,
    loopMaxDepth: 5,
    loopMaxRunsPerHour: 20,
    newRunId: () => `run-${++next}`,
    ...overrides,
  });
}

const outcomes = (result: ReturnType<typeof plan>, eventId: string) =>
  result.verdicts
    .get(eventId)
    ?.map((v) => `${v.workflowId}:${v.outcome}${v.runId ? `:${v.runId}` : ''}${v.reason ? `:${v.reason}` : ''}`);

describe('planBatchMatch', () => {
  it.each([
    {
      case: 'a fired workflow with nothing against it starts a run',
      events: [event('e1', 'c1')],
      input: {},
      expected: { e1: ['w1:started:run-1'] },
      runs: 1,
      deferred: [],
    },
    {
      case: 'candidates the event alone rejected keep their verdict, in candidate order',
      events: [event('e1', 'c1', [QUIET, W1])],
      input: {},
      expected: { e1: ['w3:not_fired:stage is not churned', 'w1:started:run-1'] },
      runs: 1,
      deferred: [],
    },
    {
      case: 'a client missing from the agency',
      events: [event('e1', 'c1')],
      input: { snapshots: new Map([['a:c1', null]]) },
      expected: { e1: ['w1:not_fired:client not found'] },
      runs: 0,
      deferred: [],
    },
    {
      case: 'an AND partner whose state does not hold',
      events: [event('e1', 'c1', [W2])],
      input: { partnerVerdicts: new Map([['e1:w2', { ok: false as const, reason: 'roas is 3, not below 2' }]]) },
      expected: { e1: ['w2:not_fired:roas is 3, not below 2'] },
      runs: 0,
      deferred: [],
    },
    {
      case: 'a workflow disabled since the index was loaded',
      events: [event('e1', 'c1')],
      input: { inactiveReasons: new Map([['w1', 'workflow not active']]) },
      expected: { e1: ['w1:not_fired:workflow not active'] },
      runs: 0,
      deferred: [],
    },
    {
      case: 'a run inside the dedupe window merges the event into it',
      events: [event('e1', 'c1')],
      input: { series: new Map([['w1:c1', { runsInLastHour: 1, recentRunId: 'old' }]]) },
      expected: { e1: ['w1:deduplicated:old:a run for this client started within 60s'] },
      runs: 0,
      deferred: [],
    },
    {
      case: 'two events of one client in one batch: the second merges into the run the first planned',
      events: [event('e1', 'c1'), event('e2', 'c1')],
      input: {},
      expected: { e1: ['w1:started:run-1'], e2: ['w1:deduplicated:run-1:a run for this client started within 60s'] },
      runs: 1,
      deferred: [],
    },
    {
      case: 'with a window of 0, each event starts its own run',
      events: [event('e1', 'c1'), event('e2', 'c1')],
      input: { dedupeWindowSeconds: 0 },
      expected: { e1: ['w1:started:run-1'], e2: ['w1:started:run-2'] },
      runs: 2,
      deferred: [],
    },
    {
      case: 'the hourly limit reached defers every event of that client (a pause is the one-event path’s job)',
      events: [event('e1', 'c1'), event('e2', 'c2'), event('e3', 'c1')],
      input: { series: new Map([['w1:c1', { runsInLastHour: 20, recentRunId: null }]]) },
      expected: { e2: ['w1:started:run-1'] },
      runs: 1,
      deferred: ['e1', 'e3'],
    },
    {
      case: 'the hourly limit is not counted against an event the window merges',
      events: [event('e1', 'c1')],
      input: { series: new Map([['w1:c1', { runsInLastHour: 20, recentRunId: 'old' }]]) },
      expected: { e1: ['w1:deduplicated:old:a run for this client started within 60s'] },
      runs: 0,
      deferred: [],
    },
    {
      case: 'runs planned earlier in the batch count toward the hourly limit',
      events: [event('e1', 'c1'), event('e2', 'c1')],
      input: {
        dedupeWindowSeconds: 0,
        loopMaxRunsPerHour: 2,
        series: new Map([['w1:c1', { runsInLastHour: 1, recentRunId: null }]]),
      },
      expected: {},
      runs: 0,
      deferred: ['e1', 'e2'],
    },
    {
      case: 'an event caused by this workflow for this client (a cycle) is deferred',
      events: [event('e1', 'c1', [W1], { rootEventId: 'r', chain: [{ workflowId: 'w1', clientId: 'c1' }], depth: 1 })],
      input: {},
      expected: {},
      runs: 0,
      deferred: ['e1'],
    },
    {
      case: "a deleted client's event is deferred (its skipped run is the one-event path's)",
      events: [event('e1', 'c1'), event('e2', 'c2')],
      input: {
        snapshots: new Map([
          ['a:c1', snapshot('c1', true)],
          ['a:c2', snapshot('c2')],
        ]),
      },
      expected: { e2: ['w1:started:run-1'] },
      runs: 1,
      deferred: ['e1'],
    },
  ])('$case', ({ events, input, expected, runs, deferred }) => {
    const result = plan(events, input);
    for (const [eventId, verdicts] of Object.entries(expected)) expect(outcomes(result, eventId)).toEqual(verdicts);
    expect(result.verdicts.size).toBe(Object.keys(expected).length);
    expect(result.runs).toHaveLength(runs);
    expect(result.deferred).toEqual(deferred);
  });

  it('plans a run with the event as its trigger and the client snapshot', () => {
    const causation = { rootEventId: 'root', chain: [{ workflowId: 'other', clientId: 'c1' }], depth: 1 };
    const result = plan([event('e1', 'c1', [W1], causation)]);
    expect(result.runs[0]).toEqual({
      id: 'run-1',
      agencyId: 'a',
      workflowId: 'w1',
      clientId: 'c1',
      snapshot: snapshot('c1'),
      trigger: {
        eventId: 'e1',
        type: 'client.stage_changed',
        data: { toStage: 'onboarding' },
        occurredAt: '2026-12-03T10:00:00.000Z',
        causation,
      },
    });
  });
});
