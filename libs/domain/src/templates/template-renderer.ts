import { FORBIDDEN_SEGMENTS } from '../shared/patterns';
import { hasOwn, isPlainObject } from '../shared/plain-object.util';
import { escapeTemplateValue, type TemplateEscape } from './template-escaping';
import { tokenizeTemplate } from './template-tokenizer';

/** What templates can read. Built by the engine from the run's client snapshot and trigger event. */
export interface TemplateContext {
  client: { name: string; stage: string; health: string; assignee?: { name: string; email: string } | null };
  metrics: Record<string, number>;
  trigger: Record<string, unknown>;
  workflow: { name: string };
  agency: { name: string };
}

/** Own-property lookup along `path`; forbidden segments and anything inherited resolve to undefined. */
function lookup(context: unknown, path: string): unknown {
  let current: unknown = context;
  for (const segment of path.split('.')) {
    if (FORBIDDEN_SEGMENTS.has(segment)) return undefined;
    if (current === null || typeof current !== 'object' || !hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (isPlainObject(value)) return JSON.stringify(value);
  return '';
}

/**
 * Substitutes `{{ path }}` placeholders in a single pass: values are looked up by own
 * properties only, missing ones render as '', substituted values are escaped for `escape`
 * and never scanned again. Malformed placeholders are kept as literal text (they are
 * rejected at save time and never evaluated).
 */
export function renderTemplate(text: string, context: TemplateContext, escape: TemplateEscape): string {
  return tokenizeTemplate(text)
    .map((token) => {
      if (token.kind === 'text') return token.text;
      if (token.kind === 'malformed') return token.raw;
      return escapeTemplateValue(formatValue(lookup(context, token.path)), escape);
    })
    .join('');
}
