import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { PICKER_KEYWORD, type PickerKind } from '../json-schema/picker-fields';
import { enumSchema, longTextSchema, objectSchema, textSchema } from '../json-schema/schema-fragments';
import { SLACK_ID_PATTERN } from '../shared/patterns';

export const NOTIFICATION_CHANNELS = ['slack', 'email'] as const;

/** Per-channel recipient rules, expressed in the schema so forms can check them too. */
function recipientsWhen(channel: string, picker: PickerKind, item: Record<string, unknown>) {
  return {
    if: { type: 'object', properties: { channel: { type: 'string', enum: [channel] } }, required: ['channel'] },
    // The picker of the recipients depends on the channel: forms read it from the branch whose `if` holds.
    then: { type: 'object', properties: { recipients: { type: 'array', [PICKER_KEYWORD]: picker, items: item } } },
  };
}

export const sendNotificationAction: ConfigTypeDefinition<'send_notification'> = {
  descriptor: {
    type: 'send_notification',
    label: 'Send an internal notification',
    description: 'Sends a message to the team on Slack (channels or users) or by email (addresses or agency users).',
    configSchema: objectSchema(
      {
        channel: enumSchema(NOTIFICATION_CHANNELS, {
          title: 'Channel',
          description: 'How the notification is delivered.',
        }),
        recipients: {
          type: 'array',
          title: 'Recipients',
          description: 'Slack: channel or user ids (C…, U…). Email: email addresses or ids of agency users.',
          // Personal data: stored encrypted in saved definitions (see SENSITIVE_KEYWORD).
          'x-sensitive': true,
          minItems: 1,
          maxItems: 50,
          uniqueItems: true,
          items: { type: 'string', title: 'Recipient', minLength: 1, maxLength: 320 },
        },
        subject: longTextSchema({
          title: 'Subject',
          description: 'Email subject (ignored on Slack); templates are allowed.',
          maxLength: 200,
        }),
        message: textSchema({
          title: 'Message',
          description: 'The notification text; templates are allowed.',
          maxLength: 4000,
        }),
      },
      ['channel', 'recipients', 'message'],
      {
        allOf: [
          recipientsWhen('slack', 'slack-recipient', { type: 'string', pattern: SLACK_ID_PATTERN }),
          recipientsWhen('email', 'email-recipient', {
            type: 'string',
            anyOf: [
              { type: 'string', title: 'an email address', format: 'email' },
              { type: 'string', title: 'a user id (uuid)', format: 'uuid' },
            ],
          }),
        ],
      },
    ),
    examples: [
      { channel: 'slack', recipients: ['C0123ABCD'], message: '{{client.name}} moved to {{client.stage}}' },
      {
        channel: 'email',
        recipients: ['team@agency.example', '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90'],
        subject: 'ROAS alert for {{client.name}}',
        message: 'ROAS is {{metrics.roas}} for {{client.name}} (assignee: {{client.assignee.name}}).',
      },
    ],
  },
};
