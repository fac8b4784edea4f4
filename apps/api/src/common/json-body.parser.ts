import type { FastifyInstance } from 'fastify';
import { ApiError, FieldErrorDetail } from './api-error';

/** Keys that would reach an object's prototype if the body were ever merged into another object. */
const PROTOTYPE_KEY = '__proto__';

const childPath = (parent: string, key: string | number) => (typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/**
 * The first thing in a parsed body that must not go further: a `__proto__` key, a
 * `constructor.prototype` pair (prototype pollution), or a NUL character (Postgres text and jsonb
 * cannot store it, so it would otherwise surface as a 500).
 */
export function findUnsafeJson(value: unknown, path = ''): FieldErrorDetail | null {
  if (typeof value === 'string') return value.includes('\u0000') ? { path, message: 'must not contain NUL (\\u0000) characters' } : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = findUnsafeJson(item, childPath(path, index));
      if (problem) return problem;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = childPath(path, key);
    if (key === PROTOTYPE_KEY) return { path: itemPath, message: 'a "__proto__" key is not allowed (prototype pollution)' };
    if (key === 'constructor' && item !== null && typeof item === 'object' && Object.prototype.hasOwnProperty.call(item, 'prototype')) {
      return { path: childPath(itemPath, 'prototype'), message: 'a "constructor.prototype" key is not allowed (prototype pollution)' };
    }
    if (key.includes('\u0000')) return { path: itemPath, message: 'field names must not contain NUL (\\u0000) characters' };
    const problem = findUnsafeJson(item, itemPath);
    if (problem) return problem;
  }
  return null;
}

/**
 * Replaces Fastify's JSON parser with one whose refusals say what is wrong: invalid JSON with the
 * parser's reason, prototype-pollution keys and NUL characters as 400s naming the field.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text === '') return done(ApiError.badRequest('The body is empty but Content-Type is application/json'), undefined);
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
