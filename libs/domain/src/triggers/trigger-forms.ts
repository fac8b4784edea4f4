import type { TriggerDefinition } from '../types/workflow-definition.types';

/** What a trigger's event form looks at: one stored domain event. */
export interface TriggerEvent {
  type: string;
  data: Record<string, unknown>;
}

/** What a trigger's state form looks at: the client's current facts. */
export interface ClientTriggerState {
  stage: string;
  lastActivityAt: Date;
  latestMetrics: Record<string, number>;
  /** `message.received` data of the last 24 h. */
  recentMessages: { platform?: unknown; subject?: unknown; body?: unknown }[];
  /** `ticket.created` data of the last 24 h. */
  recentTickets: { category?: unknown; priority?: unknown }[];
}

/**
 * Why a trigger fires or not, for code to branch on (the `reason` is for people):
 * - `fires` / `holds`: the event form fires / the state form holds;
 * - `wrong_event`: the trigger type never fires on this kind of event (or on events at all);
 * - `event_mismatch`: an event of its kind, but the config's filter rejects it (stage, metric, platform, text, category…);
 * - `no_crossing`: a KPI value satisfies the threshold but already did before;
 * - `state_unmet`: as an AND partner, the client's current facts do not satisfy it;
 * - `not_a_partner`: the type cannot be an AND partner.
 */
export type TriggerVerdictCode = 'fires' | 'holds' | 'wrong_event' | 'event_mismatch' | 'no_crossing' | 'state_unmet' | 'not_a_partner';

export interface TriggerVerdict {
  ok: boolean;
  code: TriggerVerdictCode;
  /** Why not, in words a user reads on the "why didn't it fire?" page. */
  reason?: string;
}

const fires: TriggerVerdict = { ok: true, code: 'fires' };
const holds: TriggerVerdict = { ok: true, code: 'holds' };
const no = (code: Exclude<TriggerVerdictCode, 'fires' | 'holds'>, reason: string): TriggerVerdict => ({ ok: false, code, reason });

/** Which trigger type an event type can fire (inactivity and scheduled fire from scans and ticks). */
export const TRIGGER_TYPE_OF_EVENT: Record<string, TriggerDefinition['type'] | undefined> = {
  'client.stage_changed': 'stage_change',
  'kpi.updated': 'kpi_threshold',
  'message.received': 'new_message',
  'ticket.created': 'ticket_created',
};

/**
 * How close a KPI value must be to the threshold for `equals` (the seed spec's `Math.abs(current - value) < 0.01`):
 * metrics are floats (ROAS 2.0000000001 after a division) and an exact `===` would almost never fire.
 */
export const KPI_EQUALS_TOLERANCE = 0.01;

/** A KPI value against a `kpi_threshold` trigger's operator: `above`/`below` strictly, `equals` within ±0.01 (exclusive). */
export function satisfiesThreshold(value: number, operator: 'above' | 'below' | 'equals', threshold: number): boolean {
  if (operator === 'above') return value > threshold;
  if (operator === 'below') return value < threshold;
  return Math.abs(value - threshold) < KPI_EQUALS_TOLERANCE;
}

function messageMatches(config: { platform: string; contains?: string }, message: { platform?: unknown; subject?: unknown; body?: unknown }): TriggerVerdict {
  if (config.platform !== 'any' && message.platform !== config.platform) return no('event_mismatch', `message came from ${String(message.platform)}, not ${config.platform}`);
  if (config.contains) {
    const haystack = `${message.subject ?? ''}\n${message.body ?? ''}`.toLowerCase();
    if (!haystack.includes(config.contains.toLowerCase())) return no('event_mismatch', `message does not contain "${config.contains}"`);
  }
  return fires;
}

function ticketMatches(config: { category?: string; priority?: string }, ticket: { category?: unknown; priority?: unknown }): TriggerVerdict {
  if (config.category && ticket.category !== config.category) return no('event_mismatch', `ticket category is ${String(ticket.category)}, not ${config.category}`);
  if (config.priority && ticket.priority !== config.priority) return no('event_mismatch', `ticket priority is ${String(ticket.priority)}, not ${config.priority}`);
  return fires;
}

/** Event form: does this event fire the trigger? (PRODUCT.md §3) */
export function evaluateTriggerEvent(trigger: TriggerDefinition, event: TriggerEvent): TriggerVerdict {
  if (TRIGGER_TYPE_OF_EVENT[event.type] !== trigger.type) return no('wrong_event', `${trigger.type} does not fire on ${event.type}`);
  const data = event.data;
  switch (trigger.type) {
    case 'stage_change': {
      if (data.toStage !== trigger.config.toStage) return no('event_mismatch', `client moved to "${String(data.toStage)}", not "${trigger.config.toStage}"`);
      if (trigger.config.fromStage && data.fromStage !== trigger.config.fromStage) return no('event_mismatch', `client came from "${String(data.fromStage)}", not "${trigger.config.fromStage}"`);
      return fires;
    }
    case 'kpi_threshold': {
      const { metric, operator, value } = trigger.config;
      if (data.metric !== metric) return no('event_mismatch', `metric is ${String(data.metric)}, not ${metric}`);
      if (typeof data.value !== 'number' || !satisfiesThreshold(data.value, operator, value)) return no('event_mismatch', `${metric} ${String(data.value)} is not ${operator} ${value}`);
      const previous = data.previousValue;
      if (typeof previous === 'number' && satisfiesThreshold(previous, operator, value)) return no('no_crossing', `${metric} was already ${operator} ${value} (${previous}): no crossing`);
      return fires;
    }
    case 'new_message':
      return messageMatches(trigger.config, data);
    case 'ticket_created':
      return ticketMatches(trigger.config, data);
    default:
      return no('wrong_event', `${trigger.type} does not fire on events`);
  }
}

/** State form: does the trigger hold for the client right now, as the AND partner of the one that fired? */
export function evaluateTriggerState(trigger: TriggerDefinition, state: ClientTriggerState, now: Date): TriggerVerdict {
  switch (trigger.type) {
    case 'stage_change':
      return state.stage === trigger.config.toStage ? holds : no('state_unmet', `partner stage_change: client is in "${state.stage}", not "${trigger.config.toStage}"`);
    case 'inactivity': {
      const idleDays = (now.getTime() - state.lastActivityAt.getTime()) / 86_400_000;
      return idleDays >= trigger.config.days ? holds : no('state_unmet', `partner inactivity: last activity ${idleDays.toFixed(1)} days ago, under ${trigger.config.days}`);
    }
    case 'kpi_threshold': {
      const { metric, operator, value } = trigger.config;
      const latest = state.latestMetrics[metric];
      if (latest === undefined) return no('state_unmet', `partner kpi_threshold: no ${metric} recorded`);
      return satisfiesThreshold(latest, operator, value) ? holds : no('state_unmet', `partner kpi_threshold: ${metric} is ${latest}, not ${operator} ${value}`);
    }
    case 'new_message':
      return state.recentMessages.some((message) => messageMatches(trigger.config, message).ok) ? holds : no('state_unmet', 'partner new_message: no matching message in the last 24 h');
    case 'ticket_created':
      return state.recentTickets.some((ticket) => ticketMatches(trigger.config, ticket).ok) ? holds : no('state_unmet', 'partner ticket_created: no matching ticket in the last 24 h');
    case 'scheduled':
      return no('not_a_partner', 'scheduled is not usable as a partner');
  }
}
