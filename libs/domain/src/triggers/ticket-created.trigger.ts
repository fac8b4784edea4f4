import { TASK_PRIORITIES } from '../constants/workflow.constants';
import { enumSchema, objectSchema, textSchema } from '../json-schema/schema-fragments';
import type { TicketCreatedTriggerConfig } from '../types/trigger-config.types';
import type { TriggerTypeDefinition } from './trigger-type.definition';
import { FIRES, HOLDS, notFired, type ClientTriggerState, type TriggerVerdict } from './trigger-verdict';

function ticketMatches(
  config: TicketCreatedTriggerConfig,
  ticket: ClientTriggerState['recentTickets'][number],
): TriggerVerdict {
  if (config.category && ticket.category !== config.category)
    return notFired('event_mismatch', `ticket category is ${String(ticket.category)}, not ${config.category}`);
  if (config.priority && ticket.priority !== config.priority)
    return notFired('event_mismatch', `ticket priority is ${String(ticket.priority)}, not ${config.priority}`);
  return FIRES;
}

export const ticketCreatedTrigger: TriggerTypeDefinition<'ticket_created'> = {
  fires: 'on_event',
  eventType: 'ticket.created',
  descriptor: {
    type: 'ticket_created',
    label: 'Ticket created',
    description: 'Fires when a support ticket is created for the client, optionally only for a category or priority.',
    configSchema: objectSchema({
      category: textSchema({
        title: 'Category',
        description: 'Only fire for tickets of this category. Leave empty for any category.',
        maxLength: 64,
        examples: ['billing'],
      }),
      priority: enumSchema(TASK_PRIORITIES, {
        title: 'Priority',
        description: 'Only fire for tickets of this priority. Leave empty for any priority.',
      }),
    }),
    examples: [{ category: 'billing', priority: 'urgent' }, { priority: 'high' }, {}],
  },
  eventForm: ticketMatches,
  stateForm: (config, state) =>
    state.recentTickets.some((ticket) => ticketMatches(config, ticket).ok)
      ? HOLDS
      : notFired('state_unmet', 'partner ticket_created: no matching ticket in the last 24 h'),
  routeFields: [{ field: 'category' }, { field: 'priority' }],
};
