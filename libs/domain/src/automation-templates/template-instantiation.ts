import { validateWorkflowDefinition } from '../definition/workflow-definition.validator';
import { childPath } from '../shared/field-path.util';
import { describeJsonType, isPlainObject } from '../shared/plain-object.util';
import type { FieldError } from '../types/validation.types';
import type { WorkflowDefinition } from '../types/workflow-definition.types';
import { checkPlaceholderValue } from './placeholder-schema';
import { fillPlaceholders } from './placeholder-refs';
import type { TemplateDefinition, TemplatePlaceholder } from './template.types';

export type PlaceholderValuesResult =
  { ok: true; values: Record<string, unknown> } | { ok: false; errors: FieldError[] };
export type InstantiationResult = { ok: true; definition: WorkflowDefinition } | { ok: false; errors: FieldError[] };

/**
 * Checks the values given for a template's placeholders (paths `values.<key>`): every placeholder without
 * a default needs one, each must pass its schema, and a key the template does not ask for is refused.
 * Returns the values with the defaults filled in.
 */
export function resolvePlaceholderValues(
  placeholders: readonly TemplatePlaceholder[],
  input: unknown,
  base = 'values',
): PlaceholderValuesResult {
  if (input !== undefined && !isPlainObject(input))
    return { ok: false, errors: [{ path: base, message: `must be an object, got ${describeJsonType(input)}` }] };
  const given = (input ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const known = new Set(placeholders.map((placeholder) => placeholder.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      const allowed = placeholders.map((placeholder) => placeholder.key).join(', ') || 'none';
      errors.push({
        path: childPath(base, key),
        message: `unknown placeholder '${key}' (this template asks for: ${allowed})`,
      });
    }
  }
  const values: Record<string, unknown> = {};
  for (const placeholder of placeholders) {
    const path = childPath(base, placeholder.key);
    const value = Object.prototype.hasOwnProperty.call(given, placeholder.key)
      ? given[placeholder.key]
      : placeholder.default;
    if (value === undefined) {
      errors.push({ path, message: `is required: ${placeholder.label}` });
      continue;
    }
    const problems = checkPlaceholderValue(placeholder.schema, value, path);
    if (problems.length > 0)
      errors.push(...problems.map((problem) => ({ ...problem, message: `${placeholder.label}: ${problem.message}` })));
    else values[placeholder.key] = value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/**
 * The workflow a template makes with these values: placeholders filled, then the normal workflow
 * validation (its errors under `definition.`). `name` overrides the template definition's name.
 */
export function instantiateTemplate(
  template: { definition: TemplateDefinition; placeholders: readonly TemplatePlaceholder[] },
  input: { values?: unknown; name?: string },
): InstantiationResult {
  const resolved = resolvePlaceholderValues(template.placeholders, input.values);
  if (!resolved.ok) return resolved;
  const filled = fillPlaceholders(template.definition, resolved.values);
  const { isActive: _ignored, ...definition } = filled;
  if (input.name !== undefined) definition.name = input.name;
  const result = validateWorkflowDefinition(definition);
  if (!result.ok)
    return {
      ok: false,
      errors: result.errors.map((error) => ({ path: childPath('definition', error.path), message: error.message })),
    };
  return { ok: true, definition: result.value };
}
