import {
  evaluateConditionRule,
  zonedHourAndWeekday,
  type Condition,
  type ConditionContext,
  type ConditionRule,
} from '@automations/domain';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The value a condition field resolves to (own properties only, like the evaluator). */
function fieldValue(field: string, context: ConditionContext): unknown {
  const [root, ...rest] = field.split('.');
  if (root === 'time') {
    const time = zonedHourAndWeekday(context.now, context.timezone);
    return field === 'time.hour' ? time.hour : field === 'time.weekday' ? time.weekday : undefined;
  }
  let current: unknown =
    root === 'client'
      ? context.client
      : root === 'trigger'
        ? context.trigger
        : root === 'metrics'
          ? context.metrics
          : undefined;
  for (const segment of rest) {
    if (
      FORBIDDEN.has(segment) ||
      current === null ||
      typeof current !== 'object' ||
      !Object.prototype.hasOwnProperty.call(current, segment)
    )
      return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current instanceof Date ? current.toISOString() : current;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'missing';
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function describeRule(rule: ConditionRule, context: ConditionContext): { holds: boolean; text: string } {
  const holds = evaluateConditionRule(rule, context);
  const expected = rule.operator === 'exists' || rule.operator === 'not_exists' ? '' : ` ${show(rule.value)}`;
  return {
    holds,
    text: `${rule.field} ${rule.operator.replace(/_/g, ' ')}${expected}: ${holds ? 'yes' : 'no'} (is ${show(fieldValue(rule.field, context))})`,
  };
}

/** Evaluates a condition and says why, rule by rule, with the values it saw. */
export function explainCondition(
  condition: Condition,
  context: ConditionContext,
): { holds: boolean; explanation: string } {
  const any = 'any' in condition;
  const rules = (any ? (condition as { any: ConditionRule[] }).any : (condition as { all: ConditionRule[] }).all).map(
    (rule) => describeRule(rule, context),
  );
  const holds = any ? rules.some((rule) => rule.holds) : rules.every((rule) => rule.holds);
  if (rules.length === 0)
    return { holds, explanation: any ? 'no rules (any of nothing is false)' : 'no rules (all of nothing is true)' };
  const body = rules.map((rule) => rule.text).join('; ');
  return { holds, explanation: rules.length > 1 ? `${any ? 'any' : 'all'} of: ${body}` : body };
}
