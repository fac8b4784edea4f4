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
export type TriggerVerdictCode =
  'fires' | 'holds' | 'wrong_event' | 'event_mismatch' | 'no_crossing' | 'state_unmet' | 'not_a_partner';

export interface TriggerVerdict {
  ok: boolean;
  code: TriggerVerdictCode;
  /** Why not, in words a user reads on the "why didn't it fire?" page. */
  reason?: string;
}

export const FIRES: TriggerVerdict = { ok: true, code: 'fires' };
export const HOLDS: TriggerVerdict = { ok: true, code: 'holds' };

export function notFired(code: Exclude<TriggerVerdictCode, 'fires' | 'holds'>, reason: string): TriggerVerdict {
  return { ok: false, code, reason };
}
