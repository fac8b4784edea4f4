import { PICKER_KEYWORD } from '../../json-schema/picker-fields';
import { SLACK_ID_PATTERN } from '../../shared/patterns';
import type { TemplatePlaceholder } from '../template.types';

/** Slack channels or people to message (ids, picked from the agency's workspace). */
export function slackRecipientsPlaceholder(key: string, label: string, description: string): TemplatePlaceholder {
  return {
    key,
    label,
    description,
    schema: { type: 'array', title: label, [PICKER_KEYWORD]: 'slack-recipient', minItems: 1, maxItems: 50, uniqueItems: true, items: { type: 'string', pattern: SLACK_ID_PATTERN } },
  };
}

/** Email addresses or agency users to email. */
export function emailRecipientsPlaceholder(key: string, label: string, description: string): TemplatePlaceholder {
  return {
    key,
    label,
    description,
    schema: {
      type: 'array',
      title: label,
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
    },
  };
}

/** An agency user (a task assignee, a client's new owner). */
export function userPlaceholder(key: string, label: string, description: string): TemplatePlaceholder {
  return { key, label, description, schema: { type: 'string', title: label, format: 'uuid', [PICKER_KEYWORD]: 'user' } };
}

/** A number the author chose to expose (a threshold, a number of days), with a sensible default. */
export function numberPlaceholder(key: string, label: string, description: string, bounds: { minimum: number; maximum: number; integer?: boolean }, defaultValue: number): TemplatePlaceholder {
  return {
    key,
    label,
    description,
    schema: { type: bounds.integer ? 'integer' : 'number', title: label, minimum: bounds.minimum, maximum: bounds.maximum },
    default: defaultValue,
  };
}

/**
 * The time zone a schedule is read in. Built-ins default to UTC (they cannot know the agency's); the workflow
 * validation checks the name once filled.
 */
export function timeZonePlaceholder(key: string, label: string, description: string): TemplatePlaceholder {
  return {
    key,
    label,
    description,
    schema: { type: 'string', title: label, minLength: 1, maxLength: 64, examples: ['America/New_York', 'Europe/London'] },
    default: 'UTC',
  };
}

/** Pipeline stages (picked from the agency's own), with default-pipeline stages as the default. */
export function stagesPlaceholder(key: string, label: string, description: string, defaultStages: string[]): TemplatePlaceholder {
  return {
    key,
    label,
    description,
    schema: { type: 'array', title: label, minItems: 1, maxItems: 50, uniqueItems: true, items: { type: 'string', title: 'Stage', minLength: 1, maxLength: 64, [PICKER_KEYWORD]: 'stage' } },
    default: defaultStages,
  };
}
