import { PICKER_KEYWORD } from '../json-schema/picker-fields';
import { SLACK_ID_PATTERN } from '../shared/patterns';
import type { JsonSchema } from '../types/validation.types';

/** Slack channels or people to message (ids, picked from the agency's workspace). */
export function slackRecipientsSchema(title: string): JsonSchema {
  return {
    type: 'array',
    title,
    [PICKER_KEYWORD]: 'slack-recipient',
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    items: { type: 'string', pattern: SLACK_ID_PATTERN },
  };
}

/** Email addresses or agency users (by id) to email. */
export function emailRecipientsSchema(title: string): JsonSchema {
  return {
    type: 'array',
    title,
    [PICKER_KEYWORD]: 'email-recipient',
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    items: {
      type: 'string',
      anyOf: [
        { type: 'string', title: 'an email address', format: 'email' },
        { type: 'string', title: 'a user id (uuid)', format: 'uuid' },
      ],
    },
  };
}
