/** Tokens of a template: literal text, a well-formed `{{ path }}`, or a malformed `{{ … }}`. */
export type TemplateToken =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; path: string; raw: string; offset: number }
  | { kind: 'malformed'; raw: string; offset: number; problem: string };

const OPEN = '{{';
const CLOSE = '}}';
/** `{{ client.assignee.name }}`: identifiers joined by dots, optional spaces or tabs around. */
const EXPRESSION_REGEX = /^[ \t]*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)[ \t]*$/;

/**
 * Splits a template into tokens in one left-to-right pass. Nothing is ever evaluated: an
 * expression either matches the strict path grammar or is reported as malformed.
 */
export function tokenizeTemplate(text: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf(OPEN, cursor);
    if (open === -1) break;
    if (open > cursor) tokens.push({ kind: 'text', text: text.slice(cursor, open) });
    const close = text.indexOf(CLOSE, open + OPEN.length);
    if (close === -1) {
      tokens.push({
        kind: 'malformed',
        raw: text.slice(open),
        offset: open,
        problem: "'{{' is never closed with '}}'",
      });
      return tokens;
    }
    const raw = text.slice(open, close + CLOSE.length);
    const match = EXPRESSION_REGEX.exec(text.slice(open + OPEN.length, close));
    tokens.push(
      match
        ? { kind: 'variable', path: match[1], raw, offset: open }
        : { kind: 'malformed', raw, offset: open, problem: 'expected a variable path such as {{client.name}}' },
    );
    cursor = close + CLOSE.length;
  }
  if (cursor < text.length) tokens.push({ kind: 'text', text: text.slice(cursor) });
  return tokens;
}
