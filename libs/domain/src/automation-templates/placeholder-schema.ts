import type { ValidateFunction } from 'ajv';
import { createAjv } from '../json-schema/ajv-factory';
import { mapAjvErrors } from '../json-schema/ajv-error.mapper';
import { PICKER_KEYWORD, PICKER_KINDS } from '../json-schema/picker-fields';
import { SENSITIVE_KEYWORD } from '../json-schema/sensitive-fields';
import { METRIC_NAME_PATTERN, NON_BLANK_PATTERN, SLACK_ID_PATTERN } from '../shared/patterns';
import { childPath, indexPath } from '../shared/field-path.util';
import { describeJsonType, isPlainObject } from '../shared/plain-object.util';
import type { FieldError, JsonSchema } from '../types/validation.types';

/**
 * The JSON Schema vocabulary a placeholder may use. Templates travel between agencies, so their schemas
 * are untrusted input: a closed keyword list, patterns only from the product's own (no regular
 * expression of a stranger runs here), and a size limit keep compiling and checking them cheap.
 */
const ALLOWED_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  'enum',
  'const',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'anyOf',
  'default',
  'examples',
  PICKER_KEYWORD,
  SENSITIVE_KEYWORD,
]);
const ALLOWED_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
const ALLOWED_FORMATS = new Set(['email', 'uuid']);
const ALLOWED_PATTERNS = new Set([SLACK_ID_PATTERN, METRIC_NAME_PATTERN, NON_BLANK_PATTERN]);
const MAX_SCHEMA_CHARS = 8_000;
const MAX_DEPTH = 6;

function checkNode(node: unknown, path: string, depth: number, errors: FieldError[]): void {
  if (!isPlainObject(node)) {
    errors.push({ path, message: `must be a JSON Schema object, got ${describeJsonType(node)}` });
    return;
  }
  if (depth > MAX_DEPTH) {
    errors.push({ path, message: `is nested more than ${MAX_DEPTH} levels deep` });
    return;
  }
  for (const [keyword, value] of Object.entries(node)) {
    const at = childPath(path, keyword);
    if (!ALLOWED_KEYWORDS.has(keyword)) {
      errors.push({ path: at, message: `keyword '${keyword}' is not supported in a placeholder schema` });
    } else if (keyword === 'type' && !(typeof value === 'string' && ALLOWED_TYPES.has(value))) {
      errors.push({
        path: at,
        message: `must be one of: ${[...ALLOWED_TYPES].map((type) => JSON.stringify(type)).join(', ')}`,
      });
    } else if (keyword === 'format' && !(typeof value === 'string' && ALLOWED_FORMATS.has(value))) {
      errors.push({ path: at, message: 'must be "email" or "uuid"' });
    } else if (keyword === 'pattern' && !(typeof value === 'string' && ALLOWED_PATTERNS.has(value))) {
      errors.push({ path: at, message: "must be one of the product's patterns (Slack id, metric name, non-blank)" });
    } else if (keyword === PICKER_KEYWORD && !(PICKER_KINDS as readonly unknown[]).includes(value)) {
      errors.push({
        path: at,
        message: `must be one of: ${PICKER_KINDS.map((kind) => JSON.stringify(kind)).join(', ')}`,
      });
    } else if (keyword === 'items') {
      checkNode(value, at, depth + 1, errors);
    } else if (keyword === 'anyOf') {
      if (!Array.isArray(value) || value.length === 0)
        errors.push({ path: at, message: 'must be a non-empty array of schemas' });
      else value.forEach((child, index) => checkNode(child, indexPath(at, index), depth + 1, errors));
    } else if (keyword === 'properties') {
      if (!isPlainObject(value)) errors.push({ path: at, message: 'must be an object of schemas' });
      else for (const [name, child] of Object.entries(value)) checkNode(child, childPath(at, name), depth + 1, errors);
    } else if (keyword === 'additionalProperties' && typeof value !== 'boolean') {
      errors.push({ path: at, message: 'must be a boolean' });
    }
  }
}

const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

/** The validator of an already checked schema, compiled once per distinct schema. */
function validatorFor(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = createAjv().compile(schema);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, validate);
  }
  return validate;
}

/** Problems with a placeholder's schema itself (paths under `path`); empty when it can be used. */
export function checkPlaceholderSchema(schema: unknown, path: string): FieldError[] {
  if (JSON.stringify(schema ?? null).length > MAX_SCHEMA_CHARS)
    return [{ path, message: `must be at most ${MAX_SCHEMA_CHARS} characters of JSON` }];
  const errors: FieldError[] = [];
  checkNode(schema, path, 0, errors);
  if (errors.length > 0) return errors;
  try {
    validatorFor(schema as JsonSchema);
  } catch (error) {
    return [{ path, message: `is not a valid JSON Schema: ${(error as Error).message}` }];
  }
  return [];
}

/**
 * Problems with `value` against a checked placeholder schema, with paths under `path`. The value is
 * checked on a copy, so schema defaults never leak into the caller's data.
 */
export function checkPlaceholderValue(schema: JsonSchema, value: unknown, path: string): FieldError[] {
  const validate = validatorFor(schema);
  if (validate(structuredClone(value))) return [];
  return mapAjvErrors(path, validate.errors);
}
