import type { Step } from '@automations/domain';
import { orderStepsByDefinition } from './run.mapper';

const action = (id: string): Step => ({ id, type: 'add_alert', config: { title: id, severity: 'info' } });
const branch = (id: string, then: Step[], otherwise?: Step[]): Step => ({
  id,
  type: 'branch',
  condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
  then,
  ...(otherwise ? { else: otherwise } : {}),
});

const definition = {
  steps: [action('a'), branch('b', [action('b1'), branch('b2', [action('b2x')])], [action('b3')]), action('c')],
};
const row = (stepId: string, createdSecond = 0) => ({
  stepId,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, createdSecond)),
});

describe('orderStepsByDefinition', () => {
  it.each([
    [
      'depth-first: a branch, its then, its else, then what follows',
      ['c', 'b3', 'b2x', 'b', 'a', 'b2', 'b1'],
      ['a', 'b', 'b1', 'b2', 'b2x', 'b3', 'c'],
    ],
    ['steps without a row are simply absent', ['c', 'b3', 'a'], ['a', 'b3', 'c']],
    ['rows unknown to the definition come last', ['zz', 'c', 'a'], ['a', 'c', 'zz']],
    ['no rows', [], []],
  ])('%s', (_name, given, expected) => {
    expect(
      orderStepsByDefinition(
        definition,
        given.map((id) => row(id)),
      ).map((r) => r.stepId),
    ).toEqual(expected);
  });

  it('orders unknown rows oldest first, and everything by age when the definition is missing', () => {
    const rows = [row('late', 30), row('early', 10), row('a', 20)];
    expect(orderStepsByDefinition(definition, rows).map((r) => r.stepId)).toEqual(['a', 'early', 'late']);
    expect(orderStepsByDefinition(null, rows).map((r) => r.stepId)).toEqual(['early', 'a', 'late']);
  });
});
