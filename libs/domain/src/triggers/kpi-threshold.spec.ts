import { evaluateTriggerEvent, KPI_EQUALS_TOLERANCE, satisfiesThreshold } from './trigger-forms';
import type { TriggerDefinition } from '../types/workflow-definition.types';

describe('satisfiesThreshold', () => {
  it.each<[number, 'above' | 'below' | 'equals', number, boolean]>([
    // equals: within ±0.01 (exclusive), as the seed spec's Math.abs(current - value) < 0.01
    [2, 'equals', 2, true],
    [2.0000000001, 'equals', 2, true],
    [0.1 + 0.2, 'equals', 0.3, true],
    [1.995, 'equals', 2, true],
    [2.009, 'equals', 2, true],
    [1.991, 'equals', 2, true],
    [2.02, 'equals', 2, false],
    [1.98, 'equals', 2, false],
    [2.011, 'equals', 2, false],
    [3, 'equals', 2, false],
    [-0.005, 'equals', 0, true],
    [0.015, 'equals', 0, false],
    [1000000.005, 'equals', 1000000, true],
    // above / below stay strict
    [2.001, 'above', 2, true],
    [2, 'above', 2, false],
    [1.999, 'below', 2, true],
    [2, 'below', 2, false],
    [-1, 'below', 0, true],
  ])('%p %s %p → %p', (value, operator, threshold, expected) => {
    expect(satisfiesThreshold(value, operator, threshold)).toBe(expected);
  });

  it('the tolerance is the seed spec’s 0.01, exclusive at the edge (with a margin for float noise)', () => {
    expect(KPI_EQUALS_TOLERANCE).toBe(0.01);
    expect(satisfiesThreshold(2 + KPI_EQUALS_TOLERANCE * 1.01, 'equals', 2)).toBe(false);
    expect(satisfiesThreshold(2 - KPI_EQUALS_TOLERANCE * 0.99, 'equals', 2)).toBe(true);
  });
});

describe('kpi_threshold equals, event form (crossing)', () => {
  const trigger = {
    type: 'kpi_threshold',
    config: { metric: 'roas', operator: 'equals', value: 2 },
  } as TriggerDefinition;
  const event = (value: number, previousValue?: number) => ({
    type: 'kpi.updated',
    data: { metric: 'roas', value, ...(previousValue === undefined ? {} : { previousValue }) },
  });

  it.each<[string, number, number | undefined, boolean]>([
    ['a float a hair off the threshold fires', 2.0000000001, 1.5, true],
    ['within 0.01 fires', 2.004, 1.5, true],
    ['no previous value fires', 1.999, undefined, true],
    ['outside 0.01 does not fire', 2.02, 1.5, false],
    ['already equal (within 0.01) before: no crossing', 2.001, 1.995, false],
    ['leaving and coming back fires', 2, 2.5, true],
  ])('%s', (_name, value, previous, fires) => {
    expect(evaluateTriggerEvent(trigger, event(value, previous)).ok).toBe(fires);
  });
});
