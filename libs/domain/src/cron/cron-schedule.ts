import { CronExpressionParser } from 'cron-parser';
import { isValidTimeZone } from './time-zone';

const FIELD_NAMES = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'] as const;
/** Digits, ranges, steps, lists, `*`, `?`, `L`, `W`, `#` and month/day names. */
const FIELD_REGEX = /^[0-9A-Za-z*?,/#-]+$/;
/** `H` (hashed value) is a non-standard extension whose value depends on a seed. */
const HASH_REGEX = /(^|[^A-Za-z])H([^A-Za-z]|$)/;

/**
 * Why `expr` is not an acceptable schedule, or null when it is: exactly five fields
 * (minute hour day-of-month month day-of-week — so at most once a minute, no seconds),
 * no `@` macros, no hashed `H` values, and parseable by cron-parser.
 */
export function describeCronValidity(expr: string): string | null {
  if (typeof expr !== 'string' || expr.trim() === '') return 'cron expression is empty';
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== FIELD_NAMES.length) {
    const seconds = fields.length === 6 ? '; seconds are not supported' : '';
    return `cron expression must have exactly 5 fields (${FIELD_NAMES.join(' ')}), got ${fields.length}${seconds}`;
  }
  for (const [index, field] of fields.entries()) {
    if (!FIELD_REGEX.test(field)) return `cron ${FIELD_NAMES[index]} field '${field}' contains unsupported characters`;
    if (HASH_REGEX.test(field))
      return `cron ${FIELD_NAMES[index]} field '${field}': hashed 'H' values are not supported`;
  }
  try {
    CronExpressionParser.parse(fields.join(' '), { tz: 'UTC' }).next();
    return null;
  } catch (error) {
    return `invalid cron expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The next `count` times `expr` fires in `timezone`, strictly after `from` (default: now).
 * Throws on an invalid expression or time zone.
 */
export function nextCronRuns(expr: string, timezone: string, count: number, from: Date = new Date()): Date[] {
  const problem = describeCronValidity(expr);
  if (problem) throw new Error(problem);
  if (!isValidTimeZone(timezone)) throw new Error(`unknown time zone '${timezone}'`);
  if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
  const expression = CronExpressionParser.parse(expr.trim(), { tz: timezone, currentDate: from });
  return expression.take(count).map((date) => date.toDate());
}
