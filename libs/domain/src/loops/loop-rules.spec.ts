import { detectLoop, type LoopCausation, type LoopCheckInput, type LoopRule } from './loop-rules';

const CLIENT = 'client-1';
const OTHER_CLIENT = 'client-2';
const link = (workflowId: string, clientId = CLIENT) => ({ workflowId, clientId });
/** The causation of an event emitted by the last run of `chain` (depth = number of runs). */
const emittedBy = (...chain: { workflowId: string; clientId: string }[]): LoopCausation => ({
  rootEventId: 'root',
  chain,
  depth: chain.length,
});

const base: LoopCheckInput = {
  causation: null,
  workflowId: 'D',
  clientId: CLIENT,
  maxDepth: 3,
  runsInLastHour: 0,
  maxRunsPerHour: 4,
};

describe('detectLoop', () => {
  it.each<[string, Partial<LoopCheckInput>, LoopRule | null]>([
    // Events without causation start a chain
    ['a user/integrator event (no causation, depth 0) starts a run at depth 1', { causation: null }, null],
    ['no causation is never stopped for depth, even with maxDepth 1', { causation: undefined, maxDepth: 1 }, null],

    // cycle: the (workflow, client) pair is already in the chain
    [
      'self-loop: the event was emitted by this workflow for this client',
      { workflowId: 'A', causation: emittedBy(link('A')) },
      'cycle',
    ],
    ['A → B → A: A is earlier in the chain', { workflowId: 'A', causation: emittedBy(link('A'), link('B')) }, 'cycle'],
    [
      'the same workflow for another client is not a cycle',
      { workflowId: 'A', causation: emittedBy(link('A', OTHER_CLIENT)) },
      null,
    ],
    [
      'cycle wins over depth when both apply',
      { workflowId: 'A', causation: emittedBy(link('A'), link('B'), link('C')) },
      'cycle',
    ],

    // depth: the run would be at depth event.depth + 1; a chain of exactly maxDepth runs passes
    ['event depth 1 → run depth 2 ≤ 3 passes', { causation: emittedBy(link('A')) }, null],
    [
      'event depth maxDepth − 1 → run at depth exactly maxDepth (3) passes',
      { causation: emittedBy(link('A'), link('B')) },
      null,
    ],
    [
      'event depth maxDepth → run at depth maxDepth + 1 (4) is skipped',
      { causation: emittedBy(link('A'), link('B'), link('C')) },
      'depth',
    ],
    [
      'maxDepth 0 disables the depth rule',
      { maxDepth: 0, causation: emittedBy(link('A'), link('B'), link('C'), link('E')) },
      null,
    ],

    // diamond A→B, A→C, B→D, C→D: D fires twice, on chains [A,B] and [A,C], neither contains D
    ['diamond: D via B', { causation: emittedBy(link('A'), link('B')) }, null],
    ['diamond: D via C', { causation: emittedBy(link('A'), link('C')) }, null],

    // rate: at most maxRunsPerHour runs per workflow and client per rolling hour
    ['rate: the run number maxRunsPerHour (3 before it) passes', { runsInLastHour: 3 }, null],
    ['rate: the run number maxRunsPerHour + 1 is skipped', { runsInLastHour: 4 }, 'rate'],
    ['rate applies to user events too', { runsInLastHour: 9, causation: null }, 'rate'],
    ['rate applies after cycle and depth pass', { runsInLastHour: 4, causation: emittedBy(link('A')) }, 'rate'],
    ['maxRunsPerHour 0 disables the rate rule', { runsInLastHour: 1000, maxRunsPerHour: 0 }, null],
  ])('%s', (_name, patch, expected) => {
    const verdict = detectLoop({ ...base, ...patch });
    expect(verdict?.rule ?? null).toBe(expected);
    if (verdict) expect(verdict.reason).toEqual(expect.any(String));
  });

  it('explains each rule in words', () => {
    expect(detectLoop({ ...base, workflowId: 'A', causation: emittedBy(link('A')) })?.reason).toBe(
      'the workflow would fire on an event its own run emitted for this client',
    );
    expect(detectLoop({ ...base, workflowId: 'A', causation: emittedBy(link('A'), link('B')) })?.reason).toBe(
      "the workflow already ran for this client 2 links earlier in this event's chain",
    );
    expect(detectLoop({ ...base, causation: emittedBy(link('A'), link('B'), link('C')) })?.reason).toBe(
      'the chain of workflows would reach depth 4, over LOOP_MAX_DEPTH (3)',
    );
    expect(detectLoop({ ...base, runsInLastHour: 4 })?.reason).toBe(
      '4 runs for this client in the last hour already, the limit is LOOP_MAX_RUNS_PER_HOUR (4)',
    );
  });
});
