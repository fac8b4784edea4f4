import { enumSchema, objectSchema, textSchema } from '../json-schema/schema-fragments';
import type { NewMessageTriggerConfig } from '../types/trigger-config.types';
import type { TriggerTypeDefinition } from './trigger-type.definition';
import { FIRES, HOLDS, notFired, type ClientTriggerState, type TriggerVerdict } from './trigger-verdict';

export const MESSAGE_PLATFORMS = ['slack', 'gmail', 'any'] as const;

function messageMatches(
  config: NewMessageTriggerConfig,
  message: ClientTriggerState['recentMessages'][number],
): TriggerVerdict {
  if (config.platform !== 'any' && message.platform !== config.platform)
    return notFired('event_mismatch', `message came from ${String(message.platform)}, not ${config.platform}`);
  if (config.contains) {
    const haystack = `${message.subject ?? ''}\n${message.body ?? ''}`.toLowerCase();
    if (!haystack.includes(config.contains.toLowerCase()))
      return notFired('event_mismatch', `message does not contain "${config.contains}"`);
  }
  return FIRES;
}

export const newMessageTrigger: TriggerTypeDefinition<'new_message'> = {
  fires: 'on_event',
  eventType: 'message.received',
  descriptor: {
    type: 'new_message',
    label: 'New message from a client',
    description:
      'Fires when a message from the client arrives on Slack or Gmail, optionally only when it contains some text.',
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
  eventForm: messageMatches,
  stateForm: (config, state) =>
    state.recentMessages.some((message) => messageMatches(config, message).ok)
      ? HOLDS
      : notFired('state_unmet', 'partner new_message: no matching message in the last 24 h'),
  routeFields: [{ field: 'platform', any: 'any' }],
};
