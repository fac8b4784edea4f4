import type { JsonSchema } from '../types/validation.types';

/** The gallery's shelves (PRODUCT.md §8.1). */
export const TEMPLATE_CATEGORIES = [
  'onboarding',
  'retention',
  'performance',
  'support',
  'reporting',
  'communication',
] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** `builtin` ships with the product; `agency` was saved by this agency; `shared` was imported from another one. */
export const TEMPLATE_SOURCES = ['builtin', 'agency', 'shared'] as const;
export type TemplateSource = (typeof TEMPLATE_SOURCES)[number];

/** A placeholder key: a letter, then letters, digits or `_` (at most 64). */
export const PLACEHOLDER_KEY_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,63}$';
export const PLACEHOLDER_KEY_REGEX = new RegExp(PLACEHOLDER_KEY_PATTERN);
export const MAX_PLACEHOLDERS = 30;

/** The marker standing in a definition for a value the template cannot know. */
export const PLACEHOLDER_MARKER = '$placeholder';
export interface PlaceholderRef {
  [PLACEHOLDER_MARKER]: string;
}

/** One value the template asks for when it is used. */
export interface TemplatePlaceholder {
  key: string;
  label: string;
  description: string;
  /** JSON Schema of the value (a restricted vocabulary, see `checkPlaceholderSchema`). */
  schema: JsonSchema;
  default?: unknown;
}

/**
 * A workflow definition (PRODUCT.md §2) in which any value may be a `{"$placeholder": key}`.
 * It is plain JSON: it becomes a `WorkflowDefinition` only once filled and validated.
 */
export type TemplateDefinition = Record<string, unknown>;

/** A template's content, without the bookkeeping (id, source, usage, dates). */
export interface TemplateContent {
  name: string;
  description: string;
  category: TemplateCategory;
  definition: TemplateDefinition;
  placeholders: TemplatePlaceholder[];
}

/** A template that ships with the product: read-only and the same for every agency. */
export interface BuiltinTemplate extends TemplateContent {
  /** Stable id, `builtin-<slug>`, used in URLs and usage counts. */
  id: string;
}
