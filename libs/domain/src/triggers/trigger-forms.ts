import type { TriggerDefinition } from '../types/workflow-definition.types';
import { TRIGGER_TYPE_OF_EVENT, triggerTypeDefinition } from './trigger-type.registry';
import { notFired, type ClientTriggerState, type TriggerEvent, type TriggerVerdict } from './trigger-verdict';

export type { ClientTriggerState, TriggerEvent, TriggerVerdict, TriggerVerdictCode } from './trigger-verdict';
export { TRIGGER_TYPE_OF_EVENT } from './trigger-type.registry';
export { KPI_EQUALS_TOLERANCE, satisfiesThreshold } from './kpi-threshold.trigger';

/** Event form: does this event fire the trigger? (PRODUCT.md §3) Each type's own rule is in its `<type>.trigger.ts`. */
export function evaluateTriggerEvent(trigger: TriggerDefinition, event: TriggerEvent): TriggerVerdict {
  const definition = triggerTypeDefinition(trigger.type);
  if (TRIGGER_TYPE_OF_EVENT[event.type] !== trigger.type)
    return notFired('wrong_event', `${trigger.type} does not fire on ${event.type}`);
  if (definition.fires !== 'on_event') return notFired('wrong_event', `${trigger.type} does not fire on events`);
  return definition.eventForm(trigger.config, event.data);
}

/** State form: does the trigger hold for the client right now, as the AND partner of the one that fired? */
export function evaluateTriggerState(trigger: TriggerDefinition, state: ClientTriggerState, now: Date): TriggerVerdict {
  return triggerTypeDefinition(trigger.type).stateForm(trigger.config, state, now);
}
