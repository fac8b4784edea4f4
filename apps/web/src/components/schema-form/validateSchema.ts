import { asSchema, enumOptions, isEmptyValue, joinPath, propertiesOf, requiredOf, type JsonSchema } from './jsonSchema';

export type FieldErrors = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Words for the patterns the catalog uses; anything else gets the schema's own description. */
function patternMessage(pattern: string): string {
  if (pattern === '\\S') return 'Must not be blank';
  return 'Does not have the expected format';
}

function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true; // a pattern this browser cannot compile is left to the server
  }
}

function checkString(schema: JsonSchema, value: string): string | null {
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
    return schema.minLength === 1 ? 'Required' : `At least ${schema.minLength} characters`;
  }
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
    return `At most ${schema.maxLength} characters`;
  if (typeof schema.pattern === 'string' && !matches(schema.pattern, value)) return patternMessage(schema.pattern);
  if (schema.format === 'email' && !EMAIL.test(value)) return 'Must be an email address';
  if (schema.format === 'uuid' && !UUID.test(value)) return 'Must be an id (uuid)';
  return null;
}

function checkNumber(schema: JsonSchema, value: unknown, integer: boolean): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return integer ? 'Must be a whole number' : 'Must be a number';
  if (integer && !Number.isInteger(value)) return 'Must be a whole number';
  if (typeof schema.minimum === 'number' && value < schema.minimum) return `Must be at least ${schema.minimum}`;
  if (typeof schema.maximum === 'number' && value > schema.maximum) return `Must be at most ${schema.maximum}`;
  return null;
}

function checkAlternatives(schema: JsonSchema, value: unknown, path: string, errors: FieldErrors): void {
  const alternatives = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (!Array.isArray(alternatives)) return;
  const fits = alternatives.some(
    (alternative) => Object.keys(validateValue(asSchema(alternative), value)).length === 0,
  );
  if (fits) return;
  const titles = alternatives
    .map((alternative) => asSchema(alternative).title)
    .filter((title) => typeof title === 'string');
  errors[path] = titles.length === alternatives.length ? `Must be ${titles.join(' or ')}` : 'Not an accepted value';
}

/** `if`/`then` pairs in `allOf` (e.g. recipients that depend on the channel). */
function checkConditionals(schema: JsonSchema, value: unknown, path: string, errors: FieldErrors): void {
  const parts = Array.isArray(schema.allOf) ? schema.allOf.map(asSchema) : [];
  for (const part of parts) {
    if (part.if === undefined || part.then === undefined) continue;
    if (Object.keys(validateValue(asSchema(part.if), value)).length === 0) {
      for (const [key, message] of Object.entries(validateValue(asSchema(part.then), value, path)))
        errors[key] ??= message;
    }
  }
}

function checkObject(schema: JsonSchema, value: unknown, path: string, errors: FieldErrors): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors[path] = 'Must be an object';
    return;
  }
  const record = value as Record<string, unknown>;
  const required = requiredOf(schema);
  for (const [name, property] of propertiesOf(schema)) {
    const child = joinPath(path, name);
    if (isEmptyValue(record[name])) {
      // A required setting with a default is not missing: the API fills the default in (ajv `useDefaults`).
      if (required.has(name) && property.default === undefined) errors[child] = 'Required';
      continue;
    }
    Object.assign(errors, validateValue(property, record[name], child));
  }
  const filled = Object.values(record).filter((entry) => !isEmptyValue(entry)).length;
  if (typeof schema.minProperties === 'number' && filled < schema.minProperties) {
    errors[path] ??=
      schema.minProperties === 1 ? 'Fill in at least one field' : `Fill in at least ${schema.minProperties} fields`;
  }
  checkConditionals(schema, value, path, errors);
}

function checkArray(schema: JsonSchema, value: unknown, path: string, errors: FieldErrors): void {
  if (!Array.isArray(value)) {
    errors[path] = 'Must be a list';
    return;
  }
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    errors[path] = schema.minItems === 1 ? 'Add at least one entry' : `Add at least ${schema.minItems} entries`;
  } else if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    errors[path] = `At most ${schema.maxItems} entries`;
  } else if (schema.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
    errors[path] = 'Entries must be different';
  }
  const items = asSchema(schema.items);
  value.forEach((item, index) => {
    for (const [key, message] of Object.entries(validateValue(items, item, joinPath(path, index)))) {
      errors[key] = message;
      errors[path] ??= `${String(item)}: ${message}`; // the list shows one message for its entries
    }
  });
}

/**
 * Checks `value` against `schema` the way the API will (types, required, enums, bounds,
 * lengths, patterns, list sizes, `if`/`then`), so most mistakes show before saving.
 * Errors are keyed by path relative to `path` — the same grammar as the API's `details[].path`.
 */
export function validateValue(schema: JsonSchema, value: unknown, path = ''): FieldErrors {
  const errors: FieldErrors = {};
  const options = enumOptions(schema);
  if (options && (schema.enum !== undefined || schema.const !== undefined)) {
    if (!options.some((option) => option.value === String(value)))
      errors[path] = `Must be one of: ${options.map((o) => o.value).join(', ')}`;
    return errors;
  }
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') errors[path] = 'Must be text';
      else {
        const problem = checkString(schema, value);
        if (problem) errors[path] = problem;
      }
      break;
    case 'number':
    case 'integer': {
      const problem = checkNumber(schema, value, schema.type === 'integer');
      if (problem) errors[path] = problem;
      break;
    }
    case 'boolean':
      if (typeof value !== 'boolean') errors[path] = 'Must be yes or no';
      break;
    case 'object':
      checkObject(schema, value, path, errors);
      break;
    case 'array':
      checkArray(schema, value, path, errors);
      break;
  }
  if (!errors[path]) checkAlternatives(schema, value, path, errors);
  return errors;
}
