import { CLIENT_HEALTH } from '../constants/workflow.constants';
import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { PICKER_KEYWORD } from '../json-schema/picker-fields';
import { enumSchema, objectSchema, stageSchema } from '../json-schema/schema-fragments';

export const updateClientAction: ConfigTypeDefinition<'update_client'> = {
  descriptor: {
    type: 'update_client',
    label: 'Update the client',
    description:
      'Changes the client: its stage, health or assignee (automations that wait for a stage change see a new stage).',
    configSchema: objectSchema(
      {
        stage: stageSchema({ title: 'Stage', description: 'New stage of the client.' }),
        health: enumSchema(CLIENT_HEALTH, { title: 'Health', description: 'New health of the client.' }),
        assigneeId: {
          type: 'string',
          title: 'Assignee',
          description: 'Id of the agency user to assign the client to.',
          format: 'uuid',
          [PICKER_KEYWORD]: 'user',
        },
      },
      [],
      { minProperties: 1 },
    ),
    examples: [{ stage: 'active' }, { health: 'red', assigneeId: '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90' }],
  },
};
