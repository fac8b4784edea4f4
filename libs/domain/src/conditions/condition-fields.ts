import { CLIENT_HEALTH } from '../constants/workflow.constants';
import { FORBIDDEN_SEGMENTS, IDENTIFIER_REGEX, METRIC_NAME_REGEX } from '../shared/patterns';
import type { ConditionOperator } from '../types/workflow-definition.types';

/** Fields a condition may test; `<field>` / `<name>` stand for any identifier / metric name. */
export const CONDITION_FIELDS = [
  'client.name',
  'client.stage',
  'client.health',
  'client.assigneeId',
  'client.lastActivityAt',
  'client.assignee.name',
  'client.assignee.email',
  'trigger.<field>',
  'metrics.<name>',
  'time.hour',
  'time.weekday',
] as const;

const FIXED_FIELDS: ReadonlySet<string> = new Set(CONDITION_FIELDS.filter((field) => !field.includes('<')));

/** Why `field` cannot be used in a condition, or null when it can. */
export function describeConditionFieldProblem(field: string): string | null {
  const segments = field.split('.');
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (forbidden !== undefined) return `'${forbidden}' is not allowed in a field`;
  if (FIXED_FIELDS.has(field)) return null;
  const [root, name, ...rest] = segments;
  if (rest.length === 0 && name !== undefined) {
    if (root === 'trigger' && IDENTIFIER_REGEX.test(name)) return null;
    if (root === 'metrics' && METRIC_NAME_REGEX.test(name)) return null;
  }
  return `unknown field '${field}' (known: ${CONDITION_FIELDS.join(', ')})`;
}

/** Operators that compare text and make no sense on the numeric time fields. */
const TEXT_OPERATORS: ReadonlySet<ConditionOperator> = new Set(['contains', 'starts_with']);

interface FieldDomain {
  /** Describes an acceptable value, e.g. "an integer from 0 to 23". */
  description: string;
  accepts: (value: unknown) => boolean;
  numeric: boolean;
}

const FIELD_DOMAINS: Readonly<Record<string, FieldDomain>> = {
  'time.hour': {
    description: 'an integer from 0 to 23',
    accepts: (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 23,
    numeric: true,
  },
  'time.weekday': {
    description: 'an integer from 0 (Sunday) to 6 (Saturday)',
    accepts: (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 6,
    numeric: true,
  },
  'client.health': {
    description: `one of: ${CLIENT_HEALTH.join(', ')}`,
    accepts: (value) => (CLIENT_HEALTH as readonly unknown[]).includes(value),
    numeric: false,
  },
};

/** Extra rule of a field with a closed set of values: what the operator/value may be, or null. */
export function describeFieldValueProblem(field: string, operator: ConditionOperator, value: unknown): string | null {
  const domain = FIELD_DOMAINS[field];
  if (!domain) return null;
  if (domain.numeric && TEXT_OPERATORS.has(operator)) return `operator '${operator}' cannot be used with ${field}`;
  if (!domain.numeric && (operator === 'greater_than' || operator === 'less_than')) {
    return `operator '${operator}' cannot be used with ${field}`;
  }
  if (operator === 'exists' || operator === 'not_exists' || operator === 'greater_than' || operator === 'less_than')
    return null;
  const values = operator === 'in' && Array.isArray(value) ? value : [value];
  return values.every(domain.accepts) ? null : `must be ${domain.description} for ${field}`;
}
