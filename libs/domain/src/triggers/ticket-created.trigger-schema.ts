import { TASK_PRIORITIES } from '../constants/workflow.constants';
import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { enumSchema, objectSchema, textSchema } from '../json-schema/schema-fragments';

export const ticketCreatedTrigger: ConfigTypeDefinition<'ticket_created'> = {
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
};
