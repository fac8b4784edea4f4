import { liveUpdatePayload, liveUpdatesChannel, parseLiveUpdate, type LiveUpdate } from './live-updates';

describe('live update codec', () => {
  const run: LiveUpdate = {
    type: 'run.changed',
    agencyId: 'ag',
    runId: 'r1',
    workflowId: 'w1',
    clientId: 'c1',
    status: 'running',
  };
  const approval: LiveUpdate = {
    type: 'approval.changed',
    agencyId: 'ag',
    approvalId: 'p1',
    runId: 'r1',
    status: 'approved',
  };

  it('names the channel after the queue prefix', () => {
    expect(liveUpdatesChannel('automations')).toBe('automations:live');
  });

  it('round-trips both message types', () => {
    expect(parseLiveUpdate(JSON.stringify(run))).toEqual(run);
    expect(parseLiveUpdate(JSON.stringify(approval))).toEqual(approval);
  });

  it('keeps only the contract fields', () => {
    expect(parseLiveUpdate(JSON.stringify({ ...run, secret: 'x' }))).toEqual(run);
  });

  it.each([
    ['not JSON', '{'],
    ['a scalar', '42'],
    ['no agency', JSON.stringify({ ...run, agencyId: undefined })],
    ['an unknown type', JSON.stringify({ ...run, type: 'run.deleted' })],
    ['a missing field', JSON.stringify({ ...approval, approvalId: undefined })],
    ['a non-string field', JSON.stringify({ ...run, status: 3 })],
  ])('ignores %s', (_what, message) => {
    expect(parseLiveUpdate(message)).toBeNull();
  });

  it('gives clients the payload without the routing fields', () => {
    expect(liveUpdatePayload(run)).toEqual({ runId: 'r1', workflowId: 'w1', clientId: 'c1', status: 'running' });
    expect(liveUpdatePayload(approval)).toEqual({ approvalId: 'p1', runId: 'r1', status: 'approved' });
  });
});
