import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { integerSchema, objectSchema } from '../json-schema/schema-fragments';

export const inactivityTrigger: ConfigTypeDefinition<'inactivity'> = {
  descriptor: {
    type: 'inactivity',
    label: 'Client inactive',
    description: "Fires once per inactive period when a client's last activity becomes older than the given number of days.",
    configSchema: objectSchema(
      {
        days: integerSchema({
          title: 'Days without activity',
          description: 'Number of days since the last activity (1 to 365).',
          minimum: 1,
          maximum: 365,
          examples: [14],
        }),
      },
      ['days'],
    ),
    examples: [{ days: 14 }, { days: 30 }],
  },
};
