import type { ErrorObject } from 'ajv';
import { PATTERN_DESCRIPTIONS } from '../shared/patterns';
import { childPath, pointerToPath } from '../shared/field-path.util';
import type { FieldError, JsonSchema } from '../types/validation.types';

const FORMAT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  email: 'an email address',
  uuid: 'a uuid',
};

const TYPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a finite number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function quoteList(values: unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/** How one `anyOf` alternative is described: its `title`, else its format or constant. */
function describeAlternative(schema: JsonSchema): string {
  if (typeof schema.title === 'string') return schema.title;
  if (typeof schema.format === 'string') return FORMAT_DESCRIPTIONS[schema.format] ?? schema.format;
  if (Array.isArray(schema.enum)) return quoteList(schema.enum);
  return 'a matching value';
}

function messageFor(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return `unknown property '${String(params.additionalProperty)}'`;
    case 'type':
      return `must be ${TYPE_DESCRIPTIONS[String(params.type)] ?? String(params.type)}`;
    case 'enum':
      return `must be one of: ${quoteList(params.allowedValues as unknown[])}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${plural(Number(params.limit), 'character')}`;
    case 'maxLength':
      return `must be at most ${plural(Number(params.limit), 'character')}`;
    case 'minimum':
      return `must be at least ${String(params.limit)}`;
    case 'maximum':
      return `must be at most ${String(params.limit)}`;
    case 'minItems':
      return `must contain at least ${plural(Number(params.limit), 'item')}`;
    case 'maxItems':
      return `must contain at most ${plural(Number(params.limit), 'item')}`;
    case 'uniqueItems':
      return `must not contain duplicates (items ${String(params.j)} and ${String(params.i)} are equal)`;
    case 'pattern':
      return PATTERN_DESCRIPTIONS[String(params.pattern)] ?? `must match the pattern ${String(params.pattern)}`;
    case 'format':
      return `must be ${FORMAT_DESCRIPTIONS[String(params.format)] ?? `a valid ${String(params.format)}`}`;
    case 'minProperties': {
      const properties = Object.keys((error.parentSchema?.properties as JsonSchema | undefined) ?? {});
      return `must set at least one of: ${properties.join(', ')}`;
    }
    case 'anyOf':
    case 'oneOf': {
      const alternatives = Array.isArray(error.schema) ? (error.schema as JsonSchema[]) : [];
      return `must be ${alternatives.map(describeAlternative).join(' or ')}`;
    }
    default:
      return error.message ?? 'is invalid';
  }
}

function pathFor(base: string, error: ErrorObject): string {
  const path = pointerToPath(base, error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return childPath(path, String(params.missingProperty));
  if (error.keyword === 'additionalProperties') return childPath(path, String(params.additionalProperty));
  return path;
}

/**
 * Turns ajv errors into field errors under `base`. `if` errors are noise (the `then`
 * errors say what is wrong), and errors inside an `anyOf`/`oneOf` are replaced by the
 * single message of the combinator.
 */
export function mapAjvErrors(base: string, errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  const all = errors ?? [];
  const combinatorPaths = all
    .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
    .map((error) => `${error.schemaPath}/`);
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of all) {
    if (error.keyword === 'if') continue;
    if (combinatorPaths.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const fieldError = { path: pathFor(base, error), message: messageFor(error) };
    const key = `${fieldError.path}\u0000${fieldError.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(fieldError);
  }
  return result;
}
