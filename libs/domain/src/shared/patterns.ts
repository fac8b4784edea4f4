/**
 * Regular expressions shared by the JSON Schemas, the validator and the template grammar.
 * Each is exported both as source text (for JSON Schema `pattern`) and as a RegExp.
 */

/** A KPI metric name: `roas`, `cost_per_lead`. */
export const METRIC_NAME_PATTERN = '^[a-z][a-z0-9_]{0,63}$';
export const METRIC_NAME_REGEX = new RegExp(METRIC_NAME_PATTERN);

/** A Slack channel (C…, G…), direct message (D…) or user (U…, W…) id. */
export const SLACK_ID_PATTERN = '^[CGDUW][A-Z0-9]{2,}$';
export const SLACK_ID_REGEX = new RegExp(SLACK_ID_PATTERN);

/** A step id: letters, digits, `_` and `-`, 1 to 64 characters. */
export const STEP_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
export const STEP_ID_REGEX = new RegExp(STEP_ID_PATTERN);

/** One segment of a template or condition path. */
export const IDENTIFIER_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
export const IDENTIFIER_REGEX = new RegExp(IDENTIFIER_PATTERN);

/** Text that is not only whitespace. */
export const NON_BLANK_PATTERN = '\\S';

/** An RFC 4122 style uuid (any version), case-insensitive. */
export const UUID_REGEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Property names that must never be used as a lookup key. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Human descriptions of the patterns above, used in validation messages. */
export const PATTERN_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [METRIC_NAME_PATTERN]:
    'must be a metric name: a lowercase letter followed by up to 63 lowercase letters, digits or underscores',
  [SLACK_ID_PATTERN]: 'must be a Slack channel or user id (e.g. C0123ABCD or U0123ABCD)',
  [STEP_ID_PATTERN]: 'must be 1 to 64 letters, digits, "_" or "-"',
  [NON_BLANK_PATTERN]: 'must not be blank',
};

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_REGEX.test(value);
}
