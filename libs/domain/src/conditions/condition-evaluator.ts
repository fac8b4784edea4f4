import { FORBIDDEN_SEGMENTS } from '../shared/patterns';
import { hasOwn } from '../shared/plain-object.util';
import type { Condition, ConditionRule } from '../types/workflow-definition.types';
import { zonedHourAndWeekday } from './zoned-time';

/** What conditions can read: the run's client snapshot, the trigger event's data, metrics and the time. */
export interface ConditionContext {
  client: Record<string, unknown>;
  trigger: Record<string, unknown>;
  metrics: Record<string, number>;
  now: Date;
  /** IANA zone `time.hour` / `time.weekday` are computed in (the agency's). */
  timezone: string;
}

function ownLookup(source: unknown, segments: string[]): unknown {
  let current = source;
  for (const segment of segments) {
    if (FORBIDDEN_SEGMENTS.has(segment)) return undefined;
    if (current === null || typeof current !== 'object' || !hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function resolveField(field: string, context: ConditionContext): unknown {
  const [root, ...rest] = field.split('.');
  switch (root) {
    case 'client':
      return ownLookup(context.client, rest);
    case 'trigger':
      return ownLookup(context.trigger, rest);
    case 'metrics':
      return ownLookup(context.metrics, rest);
    case 'time': {
      const time = zonedHourAndWeekday(context.now, context.timezone);
      if (field === 'time.hour') return time.hour;
      if (field === 'time.weekday') return time.weekday;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Dates compare as ISO strings. */
function normalize(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Strict equality, except a number equals its numeric-string form (`2` equals `"2.0"`). */
function looseEquals(left: unknown, right: unknown): boolean {
  if (typeof left === 'number' && typeof right === 'string') return toNumber(right) === left;
  if (typeof left === 'string' && typeof right === 'number') return toNumber(left) === right;
  return left === right;
}

function textContains(haystack: string, needle: unknown): boolean {
  return haystack.toLowerCase().includes(String(needle).toLowerCase());
}

function contains(field: unknown, value: unknown): boolean {
  if (typeof field === 'string') return textContains(field, value);
  if (Array.isArray(field)) {
    return field.some((item) =>
      typeof item === 'string' && typeof value === 'string'
        ? item.toLowerCase() === value.toLowerCase()
        : looseEquals(normalize(item), value),
    );
  }
  return false;
}

function compare(field: unknown, value: unknown, predicate: (left: number, right: number) => boolean): boolean {
  const left = toNumber(field);
  return left !== undefined && typeof value === 'number' && predicate(left, value);
}

/** One rule. A missing field (null/undefined) makes every operator false except `not_exists`. */
export function evaluateConditionRule(rule: ConditionRule, context: ConditionContext): boolean {
  const field = normalize(resolveField(rule.field, context));
  const missing = field === undefined || field === null;
  if (rule.operator === 'not_exists') return missing;
  if (missing) return false;
  const { value } = rule;
  switch (rule.operator) {
    case 'exists':
      return true;
    case 'equals':
      return looseEquals(field, value);
    case 'not_equals':
      return !looseEquals(field, value);
    case 'greater_than':
      return compare(field, value, (left, right) => left > right);
    case 'less_than':
      return compare(field, value, (left, right) => left < right);
    case 'contains':
      return contains(field, value);
    case 'starts_with':
      return (
        typeof field === 'string' && typeof value === 'string' && field.toLowerCase().startsWith(value.toLowerCase())
      );
    case 'in':
      return Array.isArray(value) && value.some((candidate) => looseEquals(field, candidate));
    default:
      return false;
  }
}

/** `all`: every rule holds (true when empty); `any`: at least one holds (false when empty). */
export function evaluateCondition(condition: Condition, context: ConditionContext): boolean {
  if ('all' in condition) return condition.all.every((rule) => evaluateConditionRule(rule, context));
  return condition.any.some((rule) => evaluateConditionRule(rule, context));
}
