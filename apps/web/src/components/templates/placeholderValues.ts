import type { JsonSchema } from '../schema-form/jsonSchema';
import { isEmptyValue } from '../schema-form/jsonSchema';
import { validateValue, type FieldErrors } from '../schema-form/validateSchema';
import type { TemplatePlaceholder } from './templateModel';

export type PlaceholderValues = Record<string, unknown>;

const MARKER = '$placeholder';

/** A `{"$placeholder": "key"}` object standing for a value the template asks for. */
export function placeholderKeyOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  const key = (value as Record<string, unknown>)[MARKER];
  return keys.length === 1 && typeof key === 'string' ? key : null;
}

/** A copy of `definition` with each placeholder replaced by `valueOf(key)` (left as is when that gives undefined). */
export function replacePlaceholders<T>(definition: T, valueOf: (key: string) => unknown): T {
  const replace = (value: unknown): unknown => {
    const key = placeholderKeyOf(value);
    if (key !== null) {
      const replacement = valueOf(key);
      return replacement === undefined ? value : structuredClone(replacement);
    }
    if (Array.isArray(value)) return value.map(replace);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, replace(child)]));
    }
    return value;
  };
  return replace(definition) as T;
}

/**
 * The form of a template's placeholders: one property per placeholder, labelled with its label; the ones
 * without a default are required. Picker schemas (`x-picker`) keep their picker.
 */
export function placeholderFormSchema(placeholders: readonly TemplatePlaceholder[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      placeholders.map((placeholder) => [
        placeholder.key,
        { ...placeholder.schema, title: placeholder.label, description: placeholder.description },
      ]),
    ),
    required: placeholders
      .filter((placeholder) => placeholder.default === undefined)
      .map((placeholder) => placeholder.key),
  };
}

/** The values the form starts with: the defaults. */
export function initialPlaceholderValues(placeholders: readonly TemplatePlaceholder[]): PlaceholderValues {
  return Object.fromEntries(
    placeholders
      .filter((placeholder) => placeholder.default !== undefined)
      .map((placeholder) => [placeholder.key, structuredClone(placeholder.default)]),
  );
}

/** Errors keyed by placeholder key, as the API will give them under `values.<key>`. */
export function checkPlaceholderValues(
  placeholders: readonly TemplatePlaceholder[],
  values: PlaceholderValues,
): FieldErrors {
  return validateValue(placeholderFormSchema(placeholders), values);
}

/** The values with the defaults standing in for the ones left empty (the API does the same), only keys the template asks for. */
export function resolvedPlaceholderValues(
  placeholders: readonly TemplatePlaceholder[],
  values: PlaceholderValues,
): PlaceholderValues {
  const resolved: PlaceholderValues = {};
  for (const placeholder of placeholders) {
    const value = isEmptyValue(values[placeholder.key]) ? placeholder.default : values[placeholder.key];
    if (value !== undefined) resolved[placeholder.key] = value;
  }
  return resolved;
}

/** The definition with every placeholder shown as "[<label>]" (the value you choose), for drawing a template. */
export function definitionForDisplay<T>(definition: T, placeholders: readonly TemplatePlaceholder[]): T {
  const labels = new Map(placeholders.map((placeholder) => [placeholder.key, placeholder.label]));
  return replacePlaceholders(definition, (key) => `[${labels.get(key) ?? key}]`);
}
