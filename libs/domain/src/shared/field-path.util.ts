/**
 * Field paths in dot/bracket form relative to the request body:
 * `name`, `triggers[1].config.operator`, `steps[2].then[0].config.severity`.
 */
export function childPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** Converts an ajv `instancePath` (JSON Pointer, `/recipients/1`) to `recipients[1]` under `base`. */
export function pointerToPath(base: string, pointer: string): string {
  if (pointer === '') return base;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, token) => (/^(0|[1-9][0-9]*)$/.test(token) ? indexPath(path, Number(token)) : childPath(path, token)),
      base,
    );
}
