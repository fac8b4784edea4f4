import { childPath, indexPath } from '../shared/field-path.util';
import { cloneJson, isPlainObject } from '../shared/plain-object.util';
import { PLACEHOLDER_MARKER, type PlaceholderRef } from './template.types';

/** A `{"$placeholder": "key"}` object (exactly that one key, a string). */
export function isPlaceholderRef(value: unknown): value is PlaceholderRef {
  return isPlainObject(value) && Object.keys(value).length === 1 && typeof value[PLACEHOLDER_MARKER] === 'string';
}

export function placeholderRef(key: string): PlaceholderRef {
  return { [PLACEHOLDER_MARKER]: key };
}

export interface PlaceholderUse {
  key: string;
  /** Where it stands in the definition, e.g. `steps[1].config.recipients`. */
  path: string;
}

/** Every placeholder standing in `definition`, in document order. */
export function findPlaceholderUses(definition: unknown): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  const visit = (value: unknown, path: string): void => {
    if (isPlaceholderRef(value)) {
      uses.push({ key: value[PLACEHOLDER_MARKER], path });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, indexPath(path, index)));
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) visit(value[key], childPath(path, key));
    }
  };
  visit(definition, '');
  return uses;
}

/** A copy of `definition` with each placeholder replaced by its value (placeholders without a value are left). */
export function fillPlaceholders<T>(definition: T, values: Readonly<Record<string, unknown>>): T {
  const fill = (value: unknown): unknown => {
    if (isPlaceholderRef(value)) {
      const key = value[PLACEHOLDER_MARKER];
      return Object.prototype.hasOwnProperty.call(values, key) ? cloneJson(values[key]) : value;
    }
    if (Array.isArray(value)) return value.map(fill);
    if (isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        Object.defineProperty(copy, key, {
          value: fill(value[key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return copy;
    }
    return value;
  };
  return fill(definition) as T;
}

/** Whether `path` is `base` or lies inside it (`base.x`, `base[0]`). */
export function isPathWithin(path: string, base: string): boolean {
  if (base === '') return true;
  return path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);
}
