import { TASK_PRIORITIES } from '../constants/workflow.constants';
import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { PICKER_KEYWORD } from '../json-schema/picker-fields';
import { enumSchema, integerSchema, longTextSchema, objectSchema, textSchema } from '../json-schema/schema-fragments';

/** `assignee` value meaning "whoever is assigned to the client". */
export const CLIENT_ASSIGNEE = 'client_assignee';

export const createTaskAction: ConfigTypeDefinition<'create_task'> = {
  descriptor: {
    type: 'create_task',
    label: 'Create a task',
    description: 'Creates a task on the client, optionally assigned and with a due date.',
    configSchema: objectSchema(
      {
        title: textSchema({
          title: 'Title',
          description: 'Task title; templates such as {{client.name}} are allowed.',
          maxLength: 200,
        }),
        description: longTextSchema({
          title: 'Description',
          description: 'Task details; templates are allowed.',
          maxLength: 5000,
        }),
        priority: enumSchema(TASK_PRIORITIES, { title: 'Priority', description: 'Task priority.' }),
        dueInDays: integerSchema({
          title: 'Due in (days)',
          description: 'Days from the run until the task is due (0 = today). Leave empty for no due date.',
          minimum: 0,
          maximum: 365,
        }),
        assignee: {
          title: 'Assignee',
          [PICKER_KEYWORD]: 'user',
          description: `"${CLIENT_ASSIGNEE}" for the client's assignee, or the id of a user of the agency. Leave empty for unassigned.`,
          anyOf: [
            { type: 'string', title: `"${CLIENT_ASSIGNEE}"`, enum: [CLIENT_ASSIGNEE] },
            { type: 'string', title: 'a user id (uuid)', format: 'uuid' },
          ],
        },
      },
      ['title', 'priority'],
    ),
    examples: [
      { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2, assignee: CLIENT_ASSIGNEE },
      {
        title: 'Review campaigns of {{client.name}}',
        description: 'ROAS dropped to {{metrics.roas}}. Check budgets and creatives.',
        priority: 'urgent',
        dueInDays: 1,
      },
    ],
  },
};
