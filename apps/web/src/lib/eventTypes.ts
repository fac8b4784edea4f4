import type { EventType } from '../api/types';

export const EVENT_TYPES: { value: EventType; label: string }[] = [
  { value: 'client.stage_changed', label: 'Stage changed' },
  { value: 'client.activity', label: 'Client activity' },
  { value: 'kpi.updated', label: 'KPI updated' },
  { value: 'message.received', label: 'Message received' },
  { value: 'ticket.created', label: 'Ticket created' },
];

export function eventTypeLabel(type: string): string {
  return EVENT_TYPES.find((entry) => entry.value === type)?.label ?? type;
}

/** One line about what the event says: "lead → onboarding", "roas 1.8 (was 2.4)". */
export function describeEventData(type: string, data: Record<string, unknown>): string {
  switch (type) {
    case 'client.stage_changed':
      return `${typeof data.fromStage === 'string' ? data.fromStage : '?'} → ${String(data.toStage ?? '?')}`;
    case 'kpi.updated':
      return `${String(data.metric ?? '?')} ${String(data.value ?? '?')}${typeof data.previousValue === 'number' ? ` (was ${data.previousValue})` : ''}`;
    case 'message.received':
      return `${String(data.platform ?? '')} from ${String(data.from ?? '?')}${typeof data.subject === 'string' ? `: ${data.subject}` : ''}`;
    case 'ticket.created':
      return `${String(data.category ?? '?')}, ${String(data.priority ?? '?')} priority`;
    default:
      return typeof data.kind === 'string' ? data.kind : '';
  }
}

const FIELD_LABELS: Record<string, string> = {
  fromStage: 'From stage',
  toStage: 'To stage',
  metric: 'Metric',
  value: 'Value',
  previousValue: 'Previous value',
  platform: 'Platform',
  from: 'From',
  subject: 'Subject',
  body: 'Message',
  text: 'Message',
  category: 'Category',
  priority: 'Priority',
  title: 'Title',
  ticketId: 'Ticket',
  kind: 'Kind',
  channel: 'Channel',
};

/** "toStage" → "To stage": the label of a field of an event's data. */
export function eventFieldLabel(key: string): string {
  const known = FIELD_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The event (in words) that starts a run of a trigger type. */
const TRIGGER_EVENT_LABELS: Record<string, string> = {
  stage_change: 'Stage changed',
  inactivity: 'Client inactive',
  kpi_threshold: 'KPI updated',
  new_message: 'Message received',
  ticket_created: 'Ticket created',
  scheduled: 'Schedule',
};

/**
 * What starts runs of an automation with these trigger types, in words: "Stage changed", or
 * "Stage changed or KPI updated" when either of two AND triggers can fire it. A schedule alone
 * fires a workflow that has one.
 */
export function triggerEventsInWords(types: string[]): string {
  if (types.includes('scheduled')) return TRIGGER_EVENT_LABELS.scheduled;
  const words = [...new Set(types.map((type) => TRIGGER_EVENT_LABELS[type] ?? type.replace(/_/g, ' ')))];
  return words.join(' or ');
}
