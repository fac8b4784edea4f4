import { describeCron } from '../../lib/cronDescription';
import { triggerEventWords, triggerStateWords } from '../../lib/automationWords';
import type { DraftTrigger } from './draft';

/**
 * Trigger configs in words, in the two forms the engine uses (PRODUCT.md §3): the event that
 * fires the automation, and the state that must hold when the other trigger fires.
 */

/** "a client moves into “onboarding”". */
export function describeTriggerEvent(trigger: DraftTrigger): string {
  return triggerEventWords(trigger, describeCron);
}

/** "the client is in “onboarding”". */
export function describeTriggerState(trigger: DraftTrigger): string {
  return triggerStateWords(trigger);
}

/** One sentence for the whole trigger set, spelling out what AND means. */
export function describeTriggers(triggers: DraftTrigger[]): string {
  const chosen = triggers.filter((trigger) => trigger.type !== '');
  if (chosen.length === 0) return 'Choose what starts this automation.';
  const forEachClient = (schedule: DraftTrigger) =>
    schedule.config.clientFilter ? 'each client that passes the client filter' : 'every client';
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
