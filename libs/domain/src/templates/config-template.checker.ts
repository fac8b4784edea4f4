import { childPath, indexPath } from '../shared/field-path.util';
import { isPlainObject } from '../shared/plain-object.util';
import type { FieldError } from '../types/validation.types';
import { checkTemplate } from './template-checker';

/** Checks every string inside an action config as a template; errors are at the string's path. */
export function checkConfigTemplates(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string') return checkTemplate(value).map((message) => ({ path, message }));
  if (Array.isArray(value)) return value.flatMap((item, index) => checkConfigTemplates(item, indexPath(path, index)));
  if (isPlainObject(value))
    return Object.keys(value).flatMap((key) => checkConfigTemplates(value[key], childPath(path, key)));
  return [];
}
