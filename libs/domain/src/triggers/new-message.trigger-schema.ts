import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { enumSchema, objectSchema, textSchema } from '../json-schema/schema-fragments';

export const MESSAGE_PLATFORMS = ['slack', 'gmail', 'any'] as const;

export const newMessageTrigger: ConfigTypeDefinition<'new_message'> = {
  descriptor: {
    type: 'new_message',
    label: 'New message from a client',
    description: 'Fires when a message from the client arrives on Slack or Gmail, optionally only when it contains some text.',
    configSchema: objectSchema(
      {
        platform: enumSchema(MESSAGE_PLATFORMS, {
          title: 'Platform',
          description: 'Where the message arrives; "any" matches every platform.',
          default: 'any',
        }),
        contains: textSchema({
          title: 'Contains',
          description: 'Only fire when the message contains this text (case-insensitive).',
          maxLength: 200,
          examples: ['cancel'],
        }),
      },
      ['platform'],
    ),
    examples: [{ platform: 'any', contains: 'cancel' }, { platform: 'slack' }],
  },
};
