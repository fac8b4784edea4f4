import type { FastifyInstance } from 'fastify';
import { ApiError, FieldErrorDetail } from './api-error';

/** Keys that would reach an object's prototype if the body were ever merged into another object. */
const PROTOTYPE_KEY = '__proto__';

const childPath = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/** Deepest nesting of arrays and objects a body may have (a workflow with nested branches stays far below it). */
export const MAX_JSON_DEPTH = 64;

const depthProblem = (path: string): FieldErrorDetail => ({
  path,
  message: `nesting deeper than ${MAX_JSON_DEPTH} levels is not allowed`,
});

/**
 * Whether the JSON text opens more than `max` arrays/objects inside one another: a linear scan of the text (strings
 * skipped), so a hostile body is refused before `JSON.parse` builds it.
 */
export function jsonNestingExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return false;
}

type WalkItem =
  | { kind: 'value'; value: unknown; path: string; depth: number }
  | { kind: 'entry'; key: string; value: unknown; path: string; depth: number };

/**
 * The first thing in a parsed body that must not go further: a `__proto__` key, a
 * `constructor.prototype` pair (prototype pollution), a NUL character (Postgres text and jsonb
 * cannot store it, so it would otherwise surface as a 500), or nesting deeper than MAX_JSON_DEPTH.
 * Iterative (an explicit stack, in document order): a deeply nested body cannot overflow the call stack.
 */
export function findUnsafeJson(value: unknown, path = ''): FieldErrorDetail | null {
  const stack: WalkItem[] = [{ kind: 'value', value, path, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.kind === 'entry') {
      const { key, value: entryValue, path: itemPath } = item;
      if (key === PROTOTYPE_KEY)
        return { path: itemPath, message: 'a "__proto__" key is not allowed (prototype pollution)' };
      if (
        key === 'constructor' &&
        entryValue !== null &&
        typeof entryValue === 'object' &&
        Object.prototype.hasOwnProperty.call(entryValue, 'prototype')
      ) {
        return {
          path: childPath(itemPath, 'prototype'),
          message: 'a "constructor.prototype" key is not allowed (prototype pollution)',
        };
      }
      if (key.includes('\u0000'))
        return { path: itemPath, message: 'field names must not contain NUL (\\u0000) characters' };
      stack.push({ kind: 'value', value: entryValue, path: itemPath, depth: item.depth });
      continue;
    }
    const current = item.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { path: item.path, message: 'must not contain NUL (\\u0000) characters' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > MAX_JSON_DEPTH) return depthProblem(item.path);
    // Children are pushed in reverse so that they are popped in document order.
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1)
        stack.push({ kind: 'value', value: current[index], path: childPath(item.path, index), depth });
    } else {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, entryValue] = entries[index];
        stack.push({ kind: 'entry', key, value: entryValue, path: childPath(item.path, key), depth });
      }
    }
  }
  return null;
}

/**
 * Replaces Fastify's JSON parser with one whose refusals say what is wrong: invalid JSON with the
 * parser's reason, prototype-pollution keys, NUL characters and excessive nesting as 400s naming the field.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text === '')
      return done(ApiError.badRequest('The body is empty but Content-Type is application/json'), undefined);
    if (jsonNestingExceeds(text))
      return done(
        ApiError.badRequest(`The body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`, [
          depthProblem(''),
        ]),
        undefined,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return done(ApiError.badRequest(`The body is not valid JSON: ${(error as Error).message}`), undefined);
    }
    const problem = findUnsafeJson(parsed);
    if (problem) return done(ApiError.validation([problem]), undefined);
    done(null, parsed);
  });
}
