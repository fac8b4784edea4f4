import { childPath } from '../shared/field-path.util';
import { describeJsonType, isPlainObject } from '../shared/plain-object.util';
import type { FieldError } from '../types/validation.types';
import { checkTemplateDefinition, validatePlaceholders } from './template-content.validator';
import type { TemplateDefinition, TemplatePlaceholder } from './template.types';

/** The one format this version writes and reads (PRODUCT.md §8.2). */
export const PORTABLE_WORKFLOW_FORMAT = 'automations.workflow/v1';

/** A workflow as a file: agency-specific values are placeholders, nothing else of the agency is in it. */
export interface PortableWorkflowDocument {
  format: typeof PORTABLE_WORKFLOW_FORMAT;
  exportedAt: string;
  definition: TemplateDefinition;
  placeholders: TemplatePlaceholder[];
}

export type PortableDocumentResult =
  { ok: true; value: PortableWorkflowDocument } | { ok: false; errors: FieldError[] };

const DOCUMENT_KEYS = ['format', 'exportedAt', 'definition', 'placeholders'];

export function createPortableDocument(
  definition: TemplateDefinition,
  placeholders: TemplatePlaceholder[],
  exportedAt: Date,
): PortableWorkflowDocument {
  const { isActive: _ignored, ...rest } = definition;
  return { format: PORTABLE_WORKFLOW_FORMAT, exportedAt: exportedAt.toISOString(), definition: rest, placeholders };
}

/** Reads an uploaded document (paths under `base`): the format first, so a file of another version is named as such. */
export function parsePortableDocument(input: unknown, base = 'document'): PortableDocumentResult {
  if (!isPlainObject(input))
    return {
      ok: false,
      errors: [
        { path: base, message: `must be an exported workflow document (an object), got ${describeJsonType(input)}` },
      ],
    };
  if (input.format === undefined) {
    return {
      ok: false,
      errors: [
        {
          path: childPath(base, 'format'),
          message: `is required: this version reads "${PORTABLE_WORKFLOW_FORMAT}" (a file exported from an automation)`,
        },
      ],
    };
  }
  if (input.format !== PORTABLE_WORKFLOW_FORMAT) {
    const given = typeof input.format === 'string' ? `'${input.format.slice(0, 100)}'` : describeJsonType(input.format);
    return {
      ok: false,
      errors: [
        {
          path: childPath(base, 'format'),
          message: `unsupported format ${given}: this version reads "${PORTABLE_WORKFLOW_FORMAT}"`,
        },
      ],
    };
  }
  const errors: FieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!DOCUMENT_KEYS.includes(key))
      errors.push({
        path: childPath(base, key),
        message: `unknown property '${key}' (allowed: ${DOCUMENT_KEYS.join(', ')})`,
      });
  }
  const placeholders = validatePlaceholders(input.placeholders, errors, childPath(base, 'placeholders'));
  if (errors.length === 0)
    errors.push(
      ...checkTemplateDefinition(
        input.definition,
        placeholders,
        childPath(base, 'definition'),
        childPath(base, 'placeholders'),
      ),
    );
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      format: PORTABLE_WORKFLOW_FORMAT,
      exportedAt: String(input.exportedAt ?? ''),
      definition: input.definition as TemplateDefinition,
      placeholders,
    },
  };
}
