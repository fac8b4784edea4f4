import { EVENT_TYPES, EventType, METRIC_NAME_PATTERN } from '@automations/domain';

export { ACTIVITY_EVENT_TYPES } from '@automations/persistence';

/** Where a `message.received` comes from (the `new_message` trigger adds `any`). */
export const EVENT_MESSAGE_PLATFORMS = ['slack', 'gmail'] as const;

export const METRIC_NAME_REGEX = new RegExp(METRIC_NAME_PATTERN);
export const METRIC_NAME_MESSAGE =
  'must be a metric name: a lowercase letter followed by up to 63 lowercase letters, digits or underscores';

/** Stage names: non-blank, at most 64 characters (the domain's stage schema). */
export const STAGE_MAX_LENGTH = 64;
export const NON_BLANK_REGEX = /\S/;

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}
