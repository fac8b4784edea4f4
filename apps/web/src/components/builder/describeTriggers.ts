import { describeCron } from '../../lib/cronDescription';
import type { DraftTrigger } from './draft';

/**
 * Trigger configs in words, in the two forms the engine uses (PRODUCT.md §3): the event that
 * fires the automation, and the state that must hold when the other trigger fires.
 */

const q = (value: unknown) => `“${String(value)}”`;
/** "a ticket", "an urgent priority ticket". */
const withArticle = (phrase: string) => `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;

function text(config: Record<string, unknown>, key: string): string | undefined {
  const value = config[key];
  return value === undefined || value === '' ? undefined : String(value);
}

function ticketFilter(config: Record<string, unknown>): string {
  const parts = [text(config, 'priority') && `${text(config, 'priority')} priority`, text(config, 'category') && `in ${q(config.category)}`];
  return parts.filter(Boolean).join(' ');
}

function messageFilter(config: Record<string, unknown>): string {
  const platform = text(config, 'platform');
  const on = platform && platform !== 'any' ? ` on ${platform === 'gmail' ? 'Gmail' : 'Slack'}` : '';
  const contains = text(config, 'contains') ? ` containing ${q(config.contains)}` : '';
  return `${on}${contains}`;
}

/** "a client moves into “onboarding”". */
export function describeTriggerEvent({ type, config }: DraftTrigger): string {
  switch (type) {
    case 'stage_change':
      return `a client moves into ${q(config.toStage ?? '…')}${text(config, 'fromStage') ? ` from ${q(config.fromStage)}` : ''}`;
    case 'inactivity':
      return `a client has had no activity for ${text(config, 'days') ?? '…'} days`;
    case 'kpi_threshold':
      return `a client’s ${text(config, 'metric') ?? 'metric'} crosses ${text(config, 'operator') ?? '…'} ${text(config, 'value') ?? '…'}`;
    case 'new_message':
      return `a message arrives from a client${messageFilter(config)}`;
    case 'ticket_created': {
      const filter = ticketFilter(config);
      return `${withArticle(`${filter ? `${filter} ` : ''}ticket`)} is created for a client`;
    }
    case 'scheduled': {
      const cron = text(config, 'cron');
      const words = cron ? describeCron(cron) : null;
      return words ? `the schedule ticks (${words.charAt(0).toLowerCase()}${words.slice(1)}${text(config, 'timezone') ? `, ${config.timezone}` : ''})` : 'the schedule ticks';
    }
    default:
      return 'the trigger fires';
  }
}

/** "the client is in “onboarding”". */
export function describeTriggerState({ type, config }: DraftTrigger): string {
  switch (type) {
    case 'stage_change':
      return `the client is in ${q(config.toStage ?? '…')}`;
    case 'inactivity':
      return `the client has had no activity for at least ${text(config, 'days') ?? '…'} days`;
    case 'kpi_threshold':
      return `the client’s latest ${text(config, 'metric') ?? 'metric'} is ${text(config, 'operator') ?? '…'} ${text(config, 'value') ?? '…'}`;
    case 'new_message':
      return `a message${messageFilter(config)} arrived from the client in the last 24 hours`;
    case 'ticket_created': {
      const filter = ticketFilter(config);
      return `${withArticle(`${filter ? `${filter} ` : ''}ticket`)} was created for the client in the last 24 hours`;
    }
    default:
      return 'the condition holds';
  }
}

/** One sentence for the whole trigger set, spelling out what AND means. */
export function describeTriggers(triggers: DraftTrigger[]): string {
  const chosen = triggers.filter((trigger) => trigger.type !== '');
  if (chosen.length === 0) return 'Choose what starts this automation.';
  const forEachClient = (schedule: DraftTrigger) => (schedule.config.clientFilter ? 'each client that passes the client filter' : 'every client');
  if (chosen.length === 1) {
    const [only] = chosen;
    if (only.type === 'scheduled') return `Runs when ${describeTriggerEvent(only)}, once for ${forEachClient(only)}.`;
    return `Runs for a client when ${describeTriggerEvent(only)}.`;
  }
  const [first, second] = chosen;
  const schedule = chosen.find((trigger) => trigger.type === 'scheduled');
  if (schedule) {
    const partner = chosen.find((trigger) => trigger !== schedule)!;
    return `Runs when ${describeTriggerEvent(schedule)}, for ${forEachClient(schedule)} for whom ${describeTriggerState(partner)} at that moment.`;
  }
  return (
    `Both must be true (AND): runs for a client when ${describeTriggerEvent(first)} while ${describeTriggerState(second)}, ` +
    `or when ${describeTriggerEvent(second)} while ${describeTriggerState(first)}.`
  );
}
