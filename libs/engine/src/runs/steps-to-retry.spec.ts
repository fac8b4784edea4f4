import type { ActionStep, Step } from '@automations/domain';
import { stepsToRetry } from './steps-to-retry';

const task = (id: string, continueOnFailure = false): ActionStep =>
  ({
    id,
    type: 'create_task',
    config: { title: id, priority: 'medium' },
    ...(continueOnFailure ? { continueOnFailure } : {}),
  }) as ActionStep;
const branch = (id: string, then: Step[], otherwise?: Step[]): Step =>
  ({
    id,
    type: 'branch',
    condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
    then,
    ...(otherwise ? { else: otherwise } : {}),
  }) as Step;

describe('stepsToRetry', () => {
  it.each<[string, Step[], string[], string[]]>([
    ['nothing failed: nothing to retry', [task('a'), task('b')], [], []],
    ['the failed step is retried', [task('a'), task('b')], ['b'], ['b']],
    ['a step that continues on failure is not retried', [task('a', true), task('b')], ['a'], []],
    ['only the halting failure of two is retried', [task('a', true), task('b')], ['a', 'b'], ['b']],
    [
      "continue on failure is found inside a branch's then side",
      [branch('br', [task('t', true)], [task('e')])],
      ['t'],
      [],
    ],
    ['and inside its else side', [branch('br', [task('t')], [task('e', true)])], ['e', 't'], ['t']],
    ['and in nested branches', [branch('outer', [branch('inner', [], [task('deep', true)])])], ['deep'], []],
    ['a failed branch step itself is retried', [branch('br', [task('t')])], ['br'], ['br']],
    ['a failed step the definition no longer names is retried', [task('a', true)], ['gone'], ['gone']],
    ['the failed steps keep their order', [task('a'), task('b'), task('c')], ['c', 'a'], ['c', 'a']],
  ])('%s', (_name, steps, failed, expected) => {
    expect(stepsToRetry(steps, failed)).toEqual(expected);
  });
});
