import type { EventType, TriggerType } from '../constants/workflow.constants';
import type { TriggerDefinition } from '../types/workflow-definition.types';
import { inactivityTrigger } from './inactivity.trigger';
import { kpiThresholdTrigger } from './kpi-threshold.trigger';
import { newMessageTrigger } from './new-message.trigger';
import { scheduledTrigger } from './scheduled.trigger';
import { stageChangeTrigger } from './stage-change.trigger';
import { ticketCreatedTrigger } from './ticket-created.trigger';
import type { TriggerTypeDefinition } from './trigger-type.definition';

/** A definition of any one trigger type. */
export type AnyTriggerTypeDefinition = { [T in TriggerType]: TriggerTypeDefinition<T> }[TriggerType];

/** Every trigger type, in catalog order. A new type is one `<name>.trigger.ts` file plus its line here. */
export const TRIGGER_TYPE_DEFINITIONS: readonly AnyTriggerTypeDefinition[] = [
  stageChangeTrigger,
  inactivityTrigger,
  kpiThresholdTrigger,
  newMessageTrigger,
  ticketCreatedTrigger,
  scheduledTrigger,
];

const BY_TYPE = new Map<TriggerType, AnyTriggerTypeDefinition>(
  TRIGGER_TYPE_DEFINITIONS.map((definition) => [definition.descriptor.type, definition]),
);

/**
 * The definition of `type`, taking the config of any trigger of it. The one place a trigger's config meets its type's
 * definition: a stored definition was checked against the type's config schema when it was saved.
 */
export function triggerTypeDefinition(type: TriggerType): TriggerTypeDefinition {
  const definition = BY_TYPE.get(type);
  if (!definition) throw new Error(`Unknown trigger type ${type}`);
  return definition as unknown as TriggerTypeDefinition;
}

/** Which trigger type an event type can fire (inactivity and scheduled fire from scans and ticks). */
export const TRIGGER_TYPE_OF_EVENT: Record<string, TriggerType | undefined> = Object.fromEntries(
  TRIGGER_TYPE_DEFINITIONS.flatMap((definition) =>
    definition.fires === 'on_event' ? [[definition.eventType satisfies EventType, definition.descriptor.type]] : [],
  ),
);

/** The workflow's trigger that fires on the scheduler's ticks, if any (such a workflow fires only on its schedule). */
export function scheduleTriggerOf(triggers: readonly TriggerDefinition[]): TriggerDefinition<'scheduled'> | undefined {
  return triggers.find(
    (trigger): trigger is TriggerDefinition<'scheduled'> => triggerTypeDefinition(trigger.type).fires === 'on_schedule',
  );
}
