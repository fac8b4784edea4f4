/** Small readers for JSON whose exact shape the generated types do not pin down yet. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path (`durations.avgMs`), or undefined. */
export function pick(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** The first finite number found at one of `paths`. */
export function firstNumber(value: unknown, paths: string[]): number | undefined {
  for (const path of paths) {
    const found = pick(value, path);
    if (typeof found === 'number' && Number.isFinite(found)) return found;
  }
  return undefined;
}

/** The first non-empty string found at one of `paths`. */
export function firstString(value: unknown, paths: string[]): string | undefined {
  for (const path of paths) {
    const found = pick(value, path);
    if (typeof found === 'string' && found !== '') return found;
  }
  return undefined;
}
