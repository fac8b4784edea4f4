import { TASK_PRIORITIES } from '../constants/workflow.constants';
import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { enumSchema, longTextSchema, objectSchema, textSchema } from '../json-schema/schema-fragments';

export const createTicketAction: ConfigTypeDefinition<'create_ticket'> = {
  descriptor: {
    type: 'create_ticket',
    label: 'Create a support ticket',
    description: 'Opens a support ticket for the client (automations that wait for a new ticket see it too).',
    configSchema: objectSchema(
      {
        title: textSchema({ title: 'Title', description: 'Ticket title; templates are allowed.', maxLength: 200 }),
        description: longTextSchema({
          title: 'Description',
          description: 'Ticket details; templates are allowed.',
          maxLength: 5000,
        }),
        priority: enumSchema(TASK_PRIORITIES, { title: 'Priority', description: 'Ticket priority.' }),
        category: textSchema({
          title: 'Category',
          description: 'Ticket category (e.g. billing, tracking).',
          maxLength: 64,
        }),
      },
      ['title', 'priority', 'category'],
    ),
    examples: [
      { title: 'Tracking broken for {{client.name}}', priority: 'urgent', category: 'tracking' },
      {
        title: 'Invoice question from {{client.name}}',
        description: 'Message: {{trigger.body}}',
        priority: 'medium',
        category: 'billing',
      },
    ],
  },
};
