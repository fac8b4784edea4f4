import { MAX_WORKFLOW_DESCRIPTION_LENGTH, MAX_WORKFLOW_NAME_LENGTH } from '../constants/workflow.constants';
import { validateWorkflowDefinition } from '../definition/workflow-definition.validator';
import { childPath, indexPath } from '../shared/field-path.util';
import { describeJsonType, isPlainObject, type PlainObject } from '../shared/plain-object.util';
import type { FieldError } from '../types/validation.types';
import { checkPlaceholderSchema, checkPlaceholderValue } from './placeholder-schema';
import { findPlaceholderUses, isPathWithin } from './placeholder-refs';
import {
  MAX_PLACEHOLDERS,
  PLACEHOLDER_KEY_REGEX,
  TEMPLATE_CATEGORIES,
  type TemplateContent,
  type TemplateDefinition,
  type TemplatePlaceholder,
} from './template.types';

export type TemplateContentResult = { ok: true; value: TemplateContent } | { ok: false; errors: FieldError[] };

const CONTENT_KEYS = ['name', 'description', 'category', 'definition', 'placeholders'];
const PLACEHOLDER_KEYS = ['key', 'label', 'description', 'schema', 'default'];
const MAX_LABEL_LENGTH = 120;
const MAX_PLACEHOLDER_DESCRIPTION_LENGTH = 500;

function unknownKeys(input: PlainObject, allowed: string[], base: string, errors: FieldError[]): void {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key))
      errors.push({
        path: childPath(base, key),
        message: `unknown property '${key}' (allowed: ${allowed.join(', ')})`,
      });
  }
}

function text(input: unknown, path: string, max: number, errors: FieldError[], required: boolean): string {
  if (input === undefined || input === null) {
    if (required) errors.push({ path, message: 'is required' });
    return '';
  }
  if (typeof input !== 'string') {
    errors.push({ path, message: `must be a string, got ${describeJsonType(input)}` });
    return '';
  }
  const value = input.trim();
  if (required && value === '') errors.push({ path, message: 'must not be empty' });
  if (value.length > max) errors.push({ path, message: `must be at most ${max} characters` });
  return value;
}

function validatePlaceholder(input: unknown, path: string, errors: FieldError[]): TemplatePlaceholder | null {
  if (!isPlainObject(input)) {
    errors.push({ path, message: `must be an object, got ${describeJsonType(input)}` });
    return null;
  }
  const before = errors.length;
  unknownKeys(input, PLACEHOLDER_KEYS, path, errors);
  const key = text(input.key, childPath(path, 'key'), 64, errors, true);
  if (key !== '' && !PLACEHOLDER_KEY_REGEX.test(key)) {
    errors.push({
      path: childPath(path, 'key'),
      message: 'must start with a letter and hold only letters, digits or "_" (at most 64)',
    });
  }
  const label = text(input.label, childPath(path, 'label'), MAX_LABEL_LENGTH, errors, true);
  const description = text(
    input.description,
    childPath(path, 'description'),
    MAX_PLACEHOLDER_DESCRIPTION_LENGTH,
    errors,
    false,
  );
  const schemaErrors =
    input.schema === undefined
      ? [{ path: childPath(path, 'schema'), message: 'is required' }]
      : checkPlaceholderSchema(input.schema, childPath(path, 'schema'));
  errors.push(...schemaErrors);
  if (schemaErrors.length === 0 && input.default !== undefined) {
    errors.push(...checkPlaceholderValue(input.schema as PlainObject, input.default, childPath(path, 'default')));
  }
  if (errors.length > before) return null;
  const placeholder: TemplatePlaceholder = { key, label, description, schema: input.schema as PlainObject };
  if (input.default !== undefined) placeholder.default = input.default;
  return placeholder;
}

/** Checks a `placeholders` list (paths under `base`): each well formed, keys unique. */
export function validatePlaceholders(
  input: unknown,
  errors: FieldError[],
  base = 'placeholders',
): TemplatePlaceholder[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) {
    errors.push({ path: base, message: `must be an array, got ${describeJsonType(input)}` });
    return [];
  }
  if (input.length > MAX_PLACEHOLDERS)
    errors.push({ path: base, message: `must contain at most ${MAX_PLACEHOLDERS} items` });
  const placeholders: TemplatePlaceholder[] = [];
  const seen = new Set<string>();
  input.forEach((item, index) => {
    const placeholder = validatePlaceholder(item, indexPath(base, index), errors);
    if (!placeholder) return;
    if (seen.has(placeholder.key))
      errors.push({ path: indexPath(base, index) + '.key', message: `duplicate placeholder key '${placeholder.key}'` });
    seen.add(placeholder.key);
    placeholders.push(placeholder);
  });
  return placeholders;
}

/**
 * Problems of a template definition: each placeholder it uses must be declared and each declared one used,
 * and apart from the placeholders' positions (checked when values are given) it must be a valid workflow.
 * Paths are under `base` (`definition`).
 */
export function checkTemplateDefinition(
  definition: unknown,
  placeholders: TemplatePlaceholder[],
  base = 'definition',
  placeholdersBase = 'placeholders',
): FieldError[] {
  if (!isPlainObject(definition))
    return [{ path: base, message: `must be a workflow definition object, got ${describeJsonType(definition)}` }];
  const errors: FieldError[] = [];
  const declared = new Set(placeholders.map((placeholder) => placeholder.key));
  const uses = findPlaceholderUses(definition);
  for (const use of uses) {
    if (!declared.has(use.key))
      errors.push({
        path: childPath(base, use.path),
        message: `uses the unknown placeholder '${use.key}' (declare it in placeholders)`,
      });
  }
  const used = new Set(uses.map((use) => use.key));
  placeholders.forEach((placeholder, index) => {
    if (!used.has(placeholder.key))
      errors.push({
        path: `${indexPath(placeholdersBase, index)}.key`,
        message: `placeholder '${placeholder.key}' is not used in the definition`,
      });
  });
  const result = validateWorkflowDefinition(definition);
  if (!result.ok) {
    for (const error of result.errors) {
      if (uses.some((use) => isPathWithin(error.path, use.path))) continue;
      errors.push({ path: childPath(base, error.path), message: error.message });
    }
  }
  return errors;
}

/** Validates a template's content as sent to `POST /templates` (PRODUCT.md §8.1). */
export function validateTemplateContent(input: unknown): TemplateContentResult {
  if (!isPlainObject(input))
    return {
      ok: false,
      errors: [{ path: '', message: `the body must be a JSON object, got ${describeJsonType(input)}` }],
    };
  const errors: FieldError[] = [];
  unknownKeys(input, CONTENT_KEYS, '', errors);
  const name = text(input.name, 'name', MAX_WORKFLOW_NAME_LENGTH, errors, true);
  const description = text(input.description, 'description', MAX_WORKFLOW_DESCRIPTION_LENGTH, errors, false);
  if (!(TEMPLATE_CATEGORIES as readonly unknown[]).includes(input.category)) {
    errors.push({
      path: 'category',
      message: `must be one of: ${TEMPLATE_CATEGORIES.map((category) => JSON.stringify(category)).join(', ')}`,
    });
  }
  const placeholders = validatePlaceholders(input.placeholders, errors);
  if (errors.length === 0) errors.push(...checkTemplateDefinition(input.definition, placeholders));
  if (errors.length > 0) return { ok: false, errors };
  const { isActive: _ignored, ...definition } = input.definition as TemplateDefinition;
  return {
    ok: true,
    value: { name, description, category: input.category as TemplateContent['category'], definition, placeholders },
  };
}
