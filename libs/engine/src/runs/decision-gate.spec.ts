import type { RunStatus } from '@automations/domain';
import { type DecisionGate, decisionGate, type ReviewDecision } from './decision-gate';

const now = new Date('2026-03-10T12:00:00.000Z');
const pending = { expiresAt: new Date('2026-03-11T12:00:00.000Z') };
const pastExpiry = { expiresAt: new Date('2026-03-10T11:00:00.000Z') };
const dueNow = { expiresAt: now };
const run = (status: RunStatus) => ({ status });

describe('decisionGate', () => {
  it.each<[string, ReviewDecision, { expiresAt: Date } | null, { status: RunStatus } | null, DecisionGate]>([
    [
      'approve a pending approval of a waiting run: decidable',
      'approve',
      pending,
      run('awaiting_approval'),
      'decidable',
    ],
    ['reject it: decidable', 'reject', pending, run('awaiting_approval'), 'decidable'],
    ['no run in the agency (approve): not found', 'approve', null, null, 'not_found'],
    ['no run in the agency (reject): not found', 'reject', null, null, 'not_found'],
    ['a run without a pending approval (approve): not pending', 'approve', null, run('completed'), 'not_pending'],
    ['a run without a pending approval (reject): not pending', 'reject', null, run('awaiting_approval'), 'not_pending'],
    [
      'approve when the run no longer awaits approval: not pending',
      'approve',
      pending,
      run('cancelled'),
      'not_pending',
    ],
    [
      'approve past the expiry the sweep has not reached: expired',
      'approve',
      pastExpiry,
      run('awaiting_approval'),
      'expired',
    ],
    ['approve at the expiry instant: expired', 'approve', dueNow, run('awaiting_approval'), 'expired'],
    ['a run that moved on wins over the expiry: not pending', 'approve', pastExpiry, run('rejected'), 'not_pending'],
    [
      'reject past the expiry: still decidable (the run ends rejected either way)',
      'reject',
      pastExpiry,
      run('awaiting_approval'),
      'decidable',
    ],
    ['reject does not look at the run once the approval is pending', 'reject', pending, run('cancelled'), 'decidable'],
  ])('%s', (_name, decision, approval, runFacts, expected) => {
    expect(decisionGate(decision, { approval, run: runFacts, now })).toBe(expected);
  });
});
