import {
  evaluateTriggerEvent,
  evaluateTriggerState,
  missesClientFilter,
  nextCronRuns,
  scheduleTriggerOf,
  triggerTypeDefinition,
  type ClientTriggerState,
  type TriggerDefinition,
  type TriggerVerdict,
} from '@automations/domain';
import { ACTIVITY_EVENT_TYPES } from '@automations/persistence';
import type { ClientSnapshot } from '../context/client-snapshot';
import type { PreviewEvent, TriggerPreview } from './preview.types';

/** What the preview reads about the client: its snapshot and the facts of the triggers' state forms. */
export interface PreviewFacts {
  snapshot: ClientSnapshot;
  triggerState: ClientTriggerState;
  /** An inline sample client (no rows behind it). */
  sample: boolean;
}

/**
 * The client as the engine would see it once the event is stored and matched: what storing the
 * event changes comes first (a `kpi.updated` value becomes the latest metric and gets its
 * `previousValue`; activity moves `lastActivityAt`; a message or ticket joins the last 24 h; a
 * `client.stage_changed` finds the client in `toStage`, as after a PATCH of its stage).
 * Returns new objects; the inputs are not changed.
 */
export function applyEvent(
  facts: PreviewFacts,
  event: PreviewEvent,
  now: Date,
): { facts: PreviewFacts; data: Record<string, unknown> } {
  const snapshot: ClientSnapshot = {
    ...facts.snapshot,
    client: { ...facts.snapshot.client },
    metrics: { ...facts.snapshot.metrics },
  };
  const state: ClientTriggerState = {
    ...facts.triggerState,
    latestMetrics: { ...facts.triggerState.latestMetrics },
    recentMessages: [...facts.triggerState.recentMessages],
    recentTickets: [...facts.triggerState.recentTickets],
  };
  const data: Record<string, unknown> = { ...event.data };
  switch (event.type) {
    case 'kpi.updated':
      if (typeof data.metric === 'string' && typeof data.value === 'number') {
        if (!Object.prototype.hasOwnProperty.call(data, 'previousValue'))
          data.previousValue = state.latestMetrics[data.metric] ?? null;
        snapshot.metrics[data.metric] = data.value;
        state.latestMetrics[data.metric] = data.value;
      }
      break;
    case 'client.stage_changed':
      if (typeof data.toStage === 'string') {
        if (data.fromStage === undefined && snapshot.client.stage !== data.toStage)
          data.fromStage = snapshot.client.stage;
        snapshot.client.stage = data.toStage;
        state.stage = data.toStage;
      }
      break;
    case 'message.received':
      state.recentMessages.push(data);
      break;
    case 'ticket.created':
      state.recentTickets.push(data);
      break;
  }
  if (ACTIVITY_EVENT_TYPES.has(event.type) && Date.parse(snapshot.client.lastActivityAt) < now.getTime()) {
    snapshot.client.lastActivityAt = now.toISOString();
    state.lastActivityAt = now;
  }
  return { facts: { ...facts, snapshot, triggerState: state }, data };
}

const DELETED_REASON = 'client deleted: a run would be recorded as skipped';

/** Reasons of state forms are worded for an AND partner; for the trigger itself the prefix goes. */
const ownReason = (verdict: TriggerVerdict) => verdict.reason?.replace(/^partner /, '');

function partnerOf(
  partner: TriggerDefinition | undefined,
  state: ClientTriggerState,
  now: Date,
): TriggerPreview['partner'] {
  if (!partner) return undefined;
  const verdict = evaluateTriggerState(partner, state, now);
  return { type: partner.type, holds: verdict.ok, ...(verdict.ok ? {} : { reason: verdict.reason }) };
}

export interface TriggerEvaluation {
  trigger: TriggerPreview;
  /** The run's `trigger` fields (templates `{{trigger.*}}`, conditions `trigger.*`). */
  fields: Record<string, unknown>;
  /** When the run would start (the next tick for a scheduled workflow, else now). */
  startsAt: Date;
}

/**
 * The event matcher's decision (PRODUCT.md §3) without its writes: with an event, the event form of
 * the trigger that fires it and the state form of its AND partner; without one, the state forms
 * (or, for a `scheduled` workflow, the next tick's client filter and partner).
 */
export function evaluateTriggers(
  triggers: TriggerDefinition[],
  facts: PreviewFacts,
  event: { type: string; data: Record<string, unknown> } | undefined,
  now: Date,
): TriggerEvaluation {
  const deleted = facts.snapshot.client.deletedAt !== null;
  const scheduled = scheduleTriggerOf(triggers);

  if (event) {
    const fields = { ...event.data, date: now.toISOString() };
    const base = { fields, startsAt: now };
    if (scheduled)
      return {
        ...base,
        trigger: {
          fired: false,
          basis: 'event',
          triggerType: 'scheduled',
          reason: 'a scheduled workflow fires only on its schedule, not on events',
        },
      };
    const verdicts = triggers.map((trigger) => ({ trigger, verdict: evaluateTriggerEvent(trigger, event) }));
    const fired = verdicts.find((entry) => entry.verdict.ok);
    if (!fired) {
      const closest = verdicts.find((entry) => entry.verdict.code !== 'wrong_event');
      return {
        ...base,
        trigger: {
          fired: false,
          basis: 'event',
          ...(closest ? { triggerType: closest.trigger.type } : {}),
          reason: closest?.verdict.reason ?? `no trigger of this workflow fires on ${event.type}`,
        },
      };
    }
    if (deleted)
      return {
        ...base,
        trigger: { fired: false, basis: 'event', triggerType: fired.trigger.type, reason: DELETED_REASON },
      };
    const partner = partnerOf(
      triggers.find((trigger) => trigger !== fired.trigger),
      facts.triggerState,
      now,
    );
    const holds = partner?.holds ?? true;
    return {
      ...base,
      trigger: {
        fired: holds,
        basis: 'event',
        triggerType: fired.trigger.type,
        ...(holds ? {} : { reason: partner?.reason }),
        ...(partner ? { partner } : {}),
      },
    };
  }

  if (scheduled) {
    const { cron, timezone, clientFilter } = scheduled.config;
    let tickAt = now;
    try {
      tickAt = nextCronRuns(cron, timezone, 1, now)[0] ?? now;
    } catch {
      // A stored definition was validated; keep `now` rather than fail the preview.
    }
    const fields = { tickAt: tickAt.toISOString(), cron, timezone, date: tickAt.toISOString() };
    let reason = deleted
      ? 'client deleted: scheduled ticks skip it'
      : missesClientFilter(clientFilter, facts.snapshot.client);
    const partner = reason
      ? undefined
      : partnerOf(
          triggers.find((trigger) => trigger !== scheduled),
          facts.triggerState,
          tickAt,
        );
    if (!reason && partner && !partner.holds) reason = partner.reason;
    return {
      fields,
      startsAt: tickAt,
      trigger: {
        fired: reason === undefined,
        basis: 'schedule',
        triggerType: 'scheduled',
        ...(reason ? { reason } : {}),
        ...(partner ? { partner } : {}),
      },
    };
  }

  const [first, second] = triggers;
  const own = evaluateTriggerState(first, facts.triggerState, now);
  const partner = partnerOf(second, facts.triggerState, now);
  const reason = deleted
    ? DELETED_REASON
    : !own.ok
      ? ownReason(own)
      : partner && !partner.holds
        ? partner.reason
        : undefined;
  // A type fired from the client's state (the inactivity scan) adds the data its run's trigger would carry.
  const fields: Record<string, unknown> = {
    date: now.toISOString(),
    ...triggerTypeDefinition(first.type).stateTriggerData?.(first.config, facts.triggerState, now),
  };
  return {
    fields,
    startsAt: now,
    trigger: {
      fired: reason === undefined,
      basis: 'state',
      triggerType: first.type,
      ...(reason ? { reason } : {}),
      ...(partner ? { partner } : {}),
    },
  };
}
