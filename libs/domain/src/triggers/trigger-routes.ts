import type { TriggerType } from '../constants/workflow.constants';
import type { TriggerDefinition } from '../types/workflow-definition.types';
import type { TriggerRouteField } from './trigger-type.definition';
import { triggerTypeDefinition } from './trigger-type.registry';

/** A route matches any value of its field. */
const ANY = '*';
const SEPARATOR = '\u0000';

/** The event fields a trigger type's event form compares for equality (its definition's `routeFields`); none for scans and ticks. */
function routeFieldsOf(type: TriggerType): readonly TriggerRouteField[] {
  const definition = triggerTypeDefinition(type);
  return definition.fires === 'on_event' ? definition.routeFields : [];
}

/**
 * Where a trigger is filed in an agency's index of workflows: the values its event form requires to be equal, `*` where
 * it accepts any. An event can only fire triggers filed under one of `eventRoutes`, so matching an event reads the few
 * workflows that could fire instead of every workflow of the trigger type.
 */
export function triggerRoute(trigger: TriggerDefinition): string {
  const config = trigger.config as unknown as Record<string, unknown>;
  return routeFieldsOf(trigger.type)
    .map(({ field, any }) => {
      const value = config[field];
      return value === undefined || value === null || value === '' || value === any ? ANY : String(value);
    })
    .join(SEPARATOR);
}

/** The routes of the triggers of `triggerType` that an event with `data` may fire (each field: its value, or any). */
export function eventRoutes(triggerType: TriggerType, data: Record<string, unknown>): string[] {
  let routes = [''];
  routeFieldsOf(triggerType).forEach(({ field }, index) => {
    const value = data[field];
    const options = value === undefined || value === null ? [ANY] : [String(value), ANY];
    routes = routes.flatMap((route) =>
      options.map((option) => (index === 0 ? option : `${route}${SEPARATOR}${option}`)),
    );
  });
  return routes;
}
