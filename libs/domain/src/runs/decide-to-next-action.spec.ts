import type { ConditionContext } from '../conditions/condition-evaluator';
import type { ActionStep, Condition, Step } from '../types/workflow-definition.types';
import { decideToNextAction, type StepDecision } from './decide-to-next-action';
import type { StepProgress } from './step-planner';

const context: ConditionContext = {
  client: { name: 'Acme', stage: 'onboarding', health: 'red' },
  trigger: {},
  metrics: { roas: 1.5 },
  now: new Date('2025-03-10T13:30:00.000Z'),
  timezone: 'UTC',
};
const isRed: Condition = { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] };
const isGreen: Condition = { all: [{ field: 'client.health', operator: 'equals', value: 'green' }] };
const task = (id: string, condition?: Condition): ActionStep =>
  ({
    id,
    type: 'create_task',
    config: { title: id, priority: 'medium' },
    ...(condition ? { condition } : {}),
  }) as ActionStep;
const alert = (id: string): ActionStep =>
  ({ id, type: 'add_alert', config: { title: id, severity: 'critical' } }) as ActionStep;

/** The W1 shape: branch on red → alert, else task → ticket → update. */
const w1: Step[] = [
  {
    id: 'b',
    type: 'branch',
    condition: isRed,
    then: [alert('alert')],
    else: [task('task'), task('ticket'), task('update')],
  },
];

describe('decideToNextAction', () => {
  it.each<[string, Step[], [string, StepProgress][], StepDecision[], string]>([
    ['no steps: done at once', [], [], [], 'done'],
    ['a plain first step is next, nothing decided', [task('a'), task('b')], [], [], 'a'],
    ['a completed step is passed', [task('a'), task('b')], [['a', { status: 'completed' }]], [], 'b'],
    ['the last step completed: done', [task('a')], [['a', { status: 'completed' }]], [], 'done'],
    [
      'a branch is decided and its taken side comes next',
      w1,
      [],
      [{ stepId: 'b', kind: 'branch', taken: 'then' }],
      'alert',
    ],
    ['a decided branch is not decided again', w1, [['b', { status: 'completed', branch: 'else' }]], [], 'task'],
    [
      'after the taken side completes: done (the other side never runs)',
      w1,
      [
        ['b', { status: 'completed', branch: 'then' }],
        ['alert', { status: 'completed' }],
      ],
      [],
      'done',
    ],
    [
      'a step whose condition fails is skipped',
      [task('a', isGreen), task('b')],
      [],
      [{ stepId: 'a', kind: 'skipped', type: 'create_task' }],
      'b',
    ],
    ['a step whose condition holds is next', [task('a', isRed)], [], [], 'a'],
    [
      'a started step (any recorded status) is not re-judged by its condition',
      [task('a', isGreen)],
      [['a', { status: 'pending' }]],
      [],
      'a',
    ],
    [
      'skips and branches chain up to the end',
      [
        task('a', isGreen),
        { id: 'b', type: 'branch', condition: isGreen, then: [task('t')], else: [] },
        task('c', isGreen),
      ],
      [],
      [
        { stepId: 'a', kind: 'skipped', type: 'create_task' },
        { stepId: 'b', kind: 'branch', taken: 'else' },
        { stepId: 'c', kind: 'skipped', type: 'create_task' },
      ],
      'done',
    ],
    [
      'a failed step is settled (continue on failure) and passed',
      [task('a'), task('b')],
      [['a', { status: 'failed' }]],
      [],
      'b',
    ],
  ])('%s', (_name, steps, recorded, decisions, next) => {
    const progress = new Map(recorded);
    const result = decideToNextAction(steps, progress, context);
    expect(result.decisions).toEqual(decisions);
    expect(result.next.kind === 'done' ? 'done' : result.next.step.id).toBe(next);
    for (const decision of decisions)
      expect(progress.get(decision.stepId)?.status).toBe(decision.kind === 'branch' ? 'completed' : 'skipped');
  });
});
