/** Reading the parts of a JSON Schema (draft-07) that the forms understand. */

export type JsonSchema = { [keyword: string]: unknown };

export type FieldKind =
  | 'text'
  | 'longText'
  | 'select'
  | 'suggest'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'stringList'
  | 'enumList'
  | 'object'
  | 'unsupported';

export interface EnumOption {
  value: string;
  label: string;
}

/** Text longer than this gets a multi-line box. */
const LONG_TEXT_FROM = 200;

export function asSchema(value: unknown): JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : {};
}

function alternativesOf(schema: JsonSchema): JsonSchema[] | null {
  const list = schema.oneOf ?? schema.anyOf;
  return Array.isArray(list) ? list.map(asSchema) : null;
}

/** Options of an `enum`, a `const`, or a oneOf/anyOf made only of those; null when the value is free. */
export function enumOptions(schema: JsonSchema): EnumOption[] | null {
  if (Array.isArray(schema.enum)) {
    return schema.enum.map((value) => ({ value: String(value), label: String(value) }));
  }
  if (schema.const !== undefined) {
    const value = String(schema.const);
    return [{ value, label: typeof schema.title === 'string' ? schema.title : value }];
  }
  const alternatives = alternativesOf(schema);
  if (!alternatives) return null;
  const options: EnumOption[] = [];
  for (const alternative of alternatives) {
    const own = enumOptions(alternative);
    if (!own) return null;
    options.push(...own);
  }
  return options;
}

/** The enumerated options among a oneOf/anyOf whose other alternatives take free text. */
export function suggestedOptions(schema: JsonSchema): EnumOption[] {
  return (alternativesOf(schema) ?? []).flatMap((alternative) => enumOptions(alternative) ?? []);
}

/** The JSON type a schema declares, also when it only says so through its alternatives. */
function declaredType(schema: JsonSchema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  const types = new Set((alternativesOf(schema) ?? []).map((alternative) => alternative.type));
  return types.size === 1 ? ([...types][0] as string | undefined) : undefined;
}

export function fieldKind(schema: JsonSchema): FieldKind {
  const type = declaredType(schema);
  if (enumOptions(schema)) return 'select';
  if (alternativesOf(schema) && suggestedOptions(schema).length > 0 && type === 'string') return 'suggest';
  switch (type) {
    case 'string':
      return typeof schema.maxLength === 'number' && schema.maxLength > LONG_TEXT_FROM ? 'longText' : 'text';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'array': {
      const items = asSchema(schema.items);
      if (enumOptions(items)) return 'enumList';
      return declaredType(items) === 'string' ? 'stringList' : 'unsupported';
    }
    default:
      return 'unsupported';
  }
}

export function propertiesOf(schema: JsonSchema): [string, JsonSchema][] {
  return Object.entries(asSchema(schema.properties)).map(([name, property]) => [name, asSchema(property)]);
}

export function requiredOf(schema: JsonSchema): Set<string> {
  return new Set(
    Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [],
  );
}

/** "dueInDays" → "Due in days" when the schema has no title. */
export function humanize(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function titleOf(schema: JsonSchema, name: string): string {
  return typeof schema.title === 'string' && schema.title ? schema.title : humanize(name);
}

export function descriptionOf(schema: JsonSchema): string | undefined {
  return typeof schema.description === 'string' && schema.description ? schema.description : undefined;
}

/** `a` + `b` → `a.b`; `a` + 0 → `a[0]`; the root is ''. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/** The errors below `prefix`, re-keyed relative to it (`steps[1].config.title` → `title`). */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  if (!prefix) return errors;
  const relative: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) relative[''] = message;
    else if (path.startsWith(`${prefix}.`)) relative[path.slice(prefix.length + 1)] = message;
    else if (path.startsWith(`${prefix}[`)) relative[path.slice(prefix.length)] = message;
  }
  return relative;
}

/** An object with the schema's `default`s filled in, for a freshly chosen type. */
export function defaultsOf(schema: JsonSchema): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [name, property] of propertiesOf(schema)) {
    if (property.default !== undefined) value[name] = property.default;
  }
  return value;
}

/** Empty strings, empty lists and empty objects mean "not set": the API gets no key. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** Lists a field can declare it is picked from (`x-picker` in the domain's config schemas). */
export type PickerKind = 'stage' | 'metric' | 'user' | 'slack-recipient' | 'email-recipient';
const PICKER_KINDS: readonly string[] = ['stage', 'metric', 'user', 'slack-recipient', 'email-recipient'];

function pickerKeyword(schema: JsonSchema): PickerKind | null {
  const kind = schema['x-picker'];
  return typeof kind === 'string' && PICKER_KINDS.includes(kind) ? (kind as PickerKind) : null;
}

/** Whether `value` satisfies an `if` made of `properties` with `enum`/`const` (the form the catalog uses). */
function conditionHolds(condition: JsonSchema, value: Record<string, unknown>): boolean {
  const properties = Object.entries(asSchema(condition.properties));
  if (properties.length === 0) return false;
  return properties.every(([name, property]) => {
    const own = asSchema(property);
    if (Array.isArray(own.enum)) return own.enum.includes(value[name]);
    if (own.const !== undefined) return own.const === value[name];
    return true;
  });
}

/**
 * The picker of property `name` of an object schema: its own `x-picker`, else the one an `allOf` entry's
 * `then` gives it when that entry's `if` holds for the object's current value (send_notification's
 * recipients: Slack or email by the chosen channel). Null for a plain field.
 */
export function pickerOf(
  objectSchema: JsonSchema,
  name: string,
  objectValue: Record<string, unknown>,
): PickerKind | null {
  const property = asSchema(asSchema(objectSchema.properties)[name]);
  const own = pickerKeyword(property) ?? (property.type === 'array' ? pickerKeyword(asSchema(property.items)) : null);
  if (own) return own;
  const entries = Array.isArray(objectSchema.allOf) ? objectSchema.allOf.map(asSchema) : [];
  for (const entry of entries) {
    if (!conditionHolds(asSchema(entry.if), objectValue)) continue;
    const kind = pickerKeyword(asSchema(asSchema(asSchema(entry.then).properties)[name]));
    if (kind) return kind;
  }
  return null;
}
