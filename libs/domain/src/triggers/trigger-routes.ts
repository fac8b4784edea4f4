import type { TriggerType } from '../constants/workflow.constants';
import type { TriggerDefinition } from '../types/workflow-definition.types';

/** A route matches any value of its field. */
const ANY = '*';
const SEPARATOR = '\u0000';

/** Per trigger type, the event fields its event form compares for equality, and the config value that means "any". */
const ROUTE_FIELDS: Partial<Record<TriggerType, { field: string; any?: string }[]>> = {
  stage_change: [{ field: 'toStage' }, { field: 'fromStage' }],
  kpi_threshold: [{ field: 'metric' }],
  ticket_created: [{ field: 'category' }, { field: 'priority' }],
  new_message: [{ field: 'platform', any: 'any' }],
};

/**
 * Where a trigger is filed in an agency's index of workflows: the values its event form requires to be equal, `*` where
 * it accepts any. An event can only fire triggers filed under one of `eventRoutes`, so matching an event reads the few
 * workflows that could fire instead of every workflow of the trigger type.
 */
export function triggerRoute(trigger: TriggerDefinition): string {
  const config = trigger.config as unknown as Record<string, unknown>;
  return (ROUTE_FIELDS[trigger.type] ?? [])
    .map(({ field, any }) => {
      const value = config[field];
      return value === undefined || value === null || value === '' || value === any ? ANY : String(value);
    })
    .join(SEPARATOR);
}

/** The routes of the triggers of `triggerType` that an event with `data` may fire (each field: its value, or any). */
export function eventRoutes(triggerType: TriggerType, data: Record<string, unknown>): string[] {
  let routes = [''];
  (ROUTE_FIELDS[triggerType] ?? []).forEach(({ field }, index) => {
    const value = data[field];
    const options = value === undefined || value === null ? [ANY] : [String(value), ANY];
    routes = routes.flatMap((route) => options.map((option) => (index === 0 ? option : `${route}${SEPARATOR}${option}`)));
  });
  return routes;
}
