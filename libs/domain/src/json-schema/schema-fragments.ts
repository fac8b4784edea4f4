import { NON_BLANK_PATTERN } from '../shared/patterns';
import { PICKER_KEYWORD } from './picker-fields';
import type { JsonSchema } from '../types/validation.types';

interface Annotations {
  title: string;
  description: string;
  default?: unknown;
  examples?: unknown[];
}

/** A string property; `required` text (the default) must contain a non-blank character. */
export function textSchema(
  annotations: Annotations & { maxLength: number; minLength?: number; blankAllowed?: boolean },
): JsonSchema {
  const { maxLength, minLength = 1, blankAllowed = false, ...rest } = annotations;
  return { type: 'string', ...rest, minLength, maxLength, ...(blankAllowed ? {} : { pattern: NON_BLANK_PATTERN }) };
}

/** Optional long text (descriptions, messages): may be empty. */
export function longTextSchema(annotations: Annotations & { maxLength: number }): JsonSchema {
  const { maxLength, ...rest } = annotations;
  return { type: 'string', ...rest, maxLength };
}

export function enumSchema(values: readonly string[], annotations: Annotations): JsonSchema {
  return { type: 'string', ...annotations, enum: [...values] };
}

export function integerSchema(annotations: Annotations & { minimum: number; maximum: number }): JsonSchema {
  return { type: 'integer', ...annotations };
}

/** A stage name as used by clients (`onboarding`, `active`…): one of the agency's pipeline stages, checked by the API. */
export function stageSchema(annotations: Annotations): JsonSchema {
  return { ...textSchema({ ...annotations, maxLength: 64 }), [PICKER_KEYWORD]: 'stage' };
}

/** A closed object: every config schema forbids unknown properties. */
export function objectSchema(
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  extra: JsonSchema = {},
): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties,
    ...extra,
  };
}
