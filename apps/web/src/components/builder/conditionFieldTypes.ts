import { CLIENT_HEALTH, CONDITION_OPERATORS } from '@automations/domain/constants';
import type { ConditionOperator } from '../../api/types';

/** What a condition field holds, which decides its operators and its value input. */
export type ConditionFieldType = 'stage' | 'health' | 'user' | 'number' | 'hour' | 'weekday' | 'date' | 'text';

const FIXED_TYPES: Record<string, ConditionFieldType> = {
  'client.stage': 'stage',
  'client.health': 'health',
  'client.assigneeId': 'user',
  'client.lastActivityAt': 'date',
  'time.hour': 'hour',
  'time.weekday': 'weekday',
  'trigger.toStage': 'stage',
  'trigger.fromStage': 'stage',
  'trigger.value': 'number',
  'trigger.previousValue': 'number',
};

export function conditionFieldType(field: string): ConditionFieldType {
  if (FIXED_TYPES[field]) return FIXED_TYPES[field];
  if (field.startsWith('metrics.')) return 'number';
  return 'text';
}

const ALL: readonly ConditionOperator[] = CONDITION_OPERATORS;
/** Numbers, hours, weekdays and dates: every operator but the text ones. */
const NUMBER = ALL.filter((operator) => operator !== 'contains' && operator !== 'starts_with');
/** Stages, health and people: picked from a list, so neither text nor ordering operators. */
const CHOICE = NUMBER.filter((operator) => operator !== 'greater_than' && operator !== 'less_than');

/** The operators that make sense for a field's type (the API refuses e.g. `contains` on time.hour). */
export function operatorsFor(type: ConditionFieldType): readonly ConditionOperator[] {
  switch (type) {
    case 'stage':
    case 'health':
    case 'user':
      return CHOICE;
    case 'number':
    case 'hour':
    case 'weekday':
    case 'date':
      return NUMBER;
    default:
      return ALL;
  }
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const HEALTH_OPTIONS = CLIENT_HEALTH.map((health) => ({ value: health, label: health }));

const LABELS: Record<string, string> = {
  'client.name': 'Client name',
  'client.stage': 'Client stage',
  'client.health': 'Client health',
  'client.assigneeId': 'Client assignee',
  'client.lastActivityAt': 'Last activity',
  'client.assignee.name': 'Assignee name',
  'client.assignee.email': 'Assignee email',
  'time.hour': 'Hour of the day (agency time)',
  'time.weekday': 'Day of the week (agency time)',
  'trigger.toStage': 'New stage',
  'trigger.fromStage': 'Previous stage',
  'trigger.metric': 'Metric name',
  'trigger.value': 'Metric value',
  'trigger.platform': 'Message platform',
  'trigger.from': 'Message sender',
  'trigger.subject': 'Message subject',
  'trigger.body': 'Message text',
  'trigger.category': 'Ticket category',
  'trigger.priority': 'Ticket priority',
  'trigger.ticketId': 'Ticket id',
};

export function conditionFieldLabel(field: string): string {
  if (LABELS[field]) return LABELS[field];
  if (field.startsWith('metrics.')) return `Latest ${field.slice('metrics.'.length)}`;
  return field;
}

const GROUPS: { group: string; prefix: string }[] = [
  { group: 'Client', prefix: 'client.' },
  { group: 'Trigger', prefix: 'trigger.' },
  { group: 'Metrics', prefix: 'metrics.' },
  { group: 'Time', prefix: 'time.' },
];

/** Condition fields grouped Client / Trigger / Metrics / Time (each path once, in the given order). */
export function groupConditionFields(fields: readonly string[]): { group: string; items: string[] }[] {
  const unique = [...new Set(fields)];
  return GROUPS.map(({ group, prefix }) => ({
    group,
    items: unique.filter((field) => field.startsWith(prefix)),
  })).filter((group) => group.items.length > 0);
}
