import type { Condition, ConditionRule } from '../types/workflow-definition.types';
import { evaluateCondition, evaluateConditionRule, type ConditionContext } from './condition-evaluator';

const context: ConditionContext = {
  client: {
    name: 'Acme Corp',
    stage: 'onboarding',
    health: 'red',
    assigneeId: null,
    lastActivityAt: new Date('2025-03-01T10:00:00.000Z'),
    assignee: { name: 'Ana', email: 'ana@agency.example' },
    tags: ['VIP', 'ecommerce'],
    score: '42',
  },
  trigger: { platform: 'slack', body: 'We want to CANCEL the contract', value: 1.8, priority: 'urgent', count: 3 },
  metrics: { roas: 1.8, spend: 0 },
  // Monday 2025-03-10 13:30 UTC = 09:30 in New York (EDT), 14:30 in Paris
  now: new Date('2025-03-10T13:30:00.000Z'),
  timezone: 'America/New_York',
};

const rule = (field: string, operator: ConditionRule['operator'], value?: ConditionRule['value']): ConditionRule =>
  value === undefined ? { field, operator } : { field, operator, value };

describe('evaluateConditionRule', () => {
  it.each<[string, ConditionRule, boolean]>([
    ['equals on a string', rule('client.stage', 'equals', 'onboarding'), true],
    ['equals is case-sensitive', rule('client.stage', 'equals', 'Onboarding'), false],
    ['equals does not coerce booleans', rule('trigger.count', 'equals', true), false],
    ['equals: number vs numeric string', rule('client.score', 'equals', 42), true],
    ['equals: number vs numeric string with decimals', rule('metrics.roas', 'equals', 1.8), true],
    ['equals: string vs string stays strict', rule('client.score', 'equals', '42.0'), false],
    ['equals: number field vs numeric string value', rule('trigger.count', 'equals', '3'), true],
    ['not_equals on a different value', rule('client.health', 'not_equals', 'green'), true],
    ['not_equals on the same value', rule('client.health', 'not_equals', 'red'), false],
    ['not_equals on a missing field is false', rule('trigger.missing', 'not_equals', 'x'), false],
    ['equals on a missing field is false', rule('metrics.cpa', 'equals', 0), false],
    ['equals on 0 is not "missing"', rule('metrics.spend', 'equals', 0), true],
    ['greater_than on a metric', rule('metrics.roas', 'greater_than', 1.5), true],
    ['greater_than is strict', rule('metrics.roas', 'greater_than', 1.8), false],
    ['less_than on a metric', rule('metrics.roas', 'less_than', 2), true],
    ['less_than on a numeric-string field', rule('client.score', 'less_than', 50), true],
    ['less_than on a missing metric is false', rule('metrics.cpa', 'less_than', 100), false],
    ['greater_than on a text field is false', rule('client.name', 'greater_than', 1), false],
    ['contains is case-insensitive', rule('trigger.body', 'contains', 'cancel'), true],
    ['contains misses', rule('trigger.body', 'contains', 'renew'), false],
    ['contains on an array (case-insensitive)', rule('client.tags', 'contains', 'vip'), true],
    ['contains on an array misses', rule('client.tags', 'contains', 'b2b'), false],
    ['contains on a nested field', rule('client.assignee.email', 'contains', '@AGENCY'), true],
    ['starts_with is case-insensitive', rule('client.name', 'starts_with', 'acme'), true],
    ['starts_with misses', rule('client.name', 'starts_with', 'Corp'), false],
    ['starts_with on a date compares the ISO string', rule('client.lastActivityAt', 'starts_with', '2025-03'), true],
    ['in includes the field', rule('client.stage', 'in', ['lead', 'onboarding']), true],
    ['in excludes the field', rule('client.stage', 'in', ['lead', 'active']), false],
    ['in with numbers and a numeric field', rule('trigger.count', 'in', [1, 2, 3]), true],
    ['in on a missing field is false', rule('trigger.missing', 'in', ['x']), false],
    ['exists on a set field', rule('client.assignee.name', 'exists'), true],
    ['exists on a null field', rule('client.assigneeId', 'exists'), false],
    ['exists on an absent field', rule('trigger.ticketId', 'exists'), false],
    ['not_exists on a null field', rule('client.assigneeId', 'not_exists'), true],
    ['not_exists on an absent metric', rule('metrics.cpa', 'not_exists'), true],
    ['not_exists on a set field', rule('client.name', 'not_exists'), false],
    ['time.hour in the agency time zone', rule('time.hour', 'equals', 9), true],
    ['time.hour comparison', rule('time.hour', 'less_than', 12), true],
    ['time.weekday (Monday = 1)', rule('time.weekday', 'in', [1, 2, 3, 4, 5]), true],
    ['__proto__ never resolves', rule('client.__proto__', 'exists'), false],
    ['inherited properties never resolve', rule('trigger.toString', 'exists'), false],
  ])('%s', (_name, conditionRule, expected) => {
    expect(evaluateConditionRule(conditionRule, context)).toBe(expected);
  });

  it.each([
    ['America/New_York', 9, 1],
    ['Europe/Paris', 14, 1],
    ['Asia/Tokyo', 22, 1],
    ['Pacific/Kiritimati', 3, 2],
  ])('computes time.hour / time.weekday in %s', (timezone, hour, weekday) => {
    const zoned = { ...context, timezone };
    expect(evaluateConditionRule(rule('time.hour', 'equals', hour), zoned)).toBe(true);
    expect(evaluateConditionRule(rule('time.weekday', 'equals', weekday), zoned)).toBe(true);
  });

  it('reports Sunday as weekday 0 and midnight as hour 0', () => {
    const sundayMidnight = { ...context, now: new Date('2025-03-09T00:00:00.000Z'), timezone: 'UTC' };
    expect(evaluateConditionRule(rule('time.weekday', 'equals', 0), sundayMidnight)).toBe(true);
    expect(evaluateConditionRule(rule('time.hour', 'equals', 0), sundayMidnight)).toBe(true);
  });
});

describe('evaluateCondition', () => {
  const yes = rule('client.stage', 'equals', 'onboarding');
  const no = rule('client.stage', 'equals', 'active');
  it.each<[string, Condition, boolean]>([
    ['all: every rule holds', { all: [yes, yes] }, true],
    ['all: one rule fails', { all: [yes, no] }, false],
    ['any: one rule holds', { any: [no, yes] }, true],
    ['any: no rule holds', { any: [no, no] }, false],
    ['all: empty is true', { all: [] }, true],
    ['any: empty is false', { any: [] }, false],
    [
      'PRODUCT.md: onboarding AND roas below 2',
      { all: [rule('client.stage', 'equals', 'onboarding'), rule('metrics.roas', 'less_than', 2)] },
      true,
    ],
  ])('%s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, context)).toBe(expected);
  });
});
