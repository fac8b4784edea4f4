import { PICKER_KEYWORD } from '../../json-schema/picker-fields';
import { emailRecipientsSchema, slackRecipientsSchema } from '../placeholder-schemas';
import type { TemplatePlaceholder } from '../template.types';

/** Slack channels or people to message (ids, picked from the agency's workspace). */
export function slackRecipientsPlaceholder(key: string, label: string, description: string): TemplatePlaceholder {
  return { key, label, description, schema: slackRecipientsSchema(label) };
}

/** Email addresses or agency users to email. */
export function emailRecipientsPlaceholder(key: string, label: string, description: string): TemplatePlaceholder {
  return { key, label, description, schema: emailRecipientsSchema(label) };
}

/** An agency user (a task assignee, a client's new owner). */
export function userPlaceholder(key: string, label: string, description: string): TemplatePlaceholder {
  return {
    key,
    label,
    description,
    schema: { type: 'string', title: label, format: 'uuid', [PICKER_KEYWORD]: 'user' },
  };
}

/** A number the author chose to expose (a threshold, a number of days), with a sensible default. */
export function numberPlaceholder(
  key: string,
  label: string,
  description: string,
  bounds: { minimum: number; maximum: number; integer?: boolean },
  defaultValue: number,
): TemplatePlaceholder {
  return {
    key,
    label,
    description,
    schema: {
      type: bounds.integer ? 'integer' : 'number',
      title: label,
      minimum: bounds.minimum,
      maximum: bounds.maximum,
    },
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
    schema: {
      type: 'string',
      title: label,
      minLength: 1,
      maxLength: 64,
      examples: ['America/New_York', 'Europe/London'],
    },
    default: 'UTC',
  };
}

/** Pipeline stages (picked from the agency's own), with default-pipeline stages as the default. */
export function stagesPlaceholder(
  key: string,
  label: string,
  description: string,
  defaultStages: string[],
): TemplatePlaceholder {
  return {
    key,
    label,
    description,
    schema: {
      type: 'array',
      title: label,
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', title: 'Stage', minLength: 1, maxLength: 64, [PICKER_KEYWORD]: 'stage' },
    },
    default: defaultStages,
  };
}
