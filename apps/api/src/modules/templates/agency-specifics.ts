import type { EntityManager } from 'typeorm';
import {
  templatizeDefinition,
  type FieldError,
  type TemplateContent,
  type TemplatePlaceholder,
} from '@automations/domain';

/**
 * The words of an agency that must not travel in a template: its clients' names and its people's names and email
 * addresses (deleted clients included: their names are still the agency's data).
 */
export async function loadAgencyWords(manager: EntityManager, agencyId: string): Promise<string[]> {
  const rows: { word: string }[] = await manager.query(
    `SELECT name AS word FROM clients WHERE agency_id = $1
     UNION SELECT name FROM users WHERE agency_id = $1
     UNION SELECT email FROM users WHERE agency_id = $1`,
    [agencyId],
  );
  return rows.map((row) => row.word).filter((word) => typeof word === 'string' && word.trim() !== '');
}

/** A text with emails, ids, Slack mentions and the agency's words replaced (the templatizer's own redaction of a name). */
export function redactText(text: string, words: readonly string[]): string {
  return String(templatizeDefinition({ name: text }, { redact: words }).definition.name);
}

/**
 * Turns a template's content into what may leave (or enter) an agency: every agency-specific value of the definition
 * becomes a placeholder (new placeholders are appended), the name and description are redacted, and with
 * `scrubPlaceholders` the placeholders' own texts are redacted too and a default naming anything of the agency is
 * dropped (so the receiving agency must give its own value).
 */
export function templatizeContent(
  content: TemplateContent,
  words: readonly string[],
  options: { scrubPlaceholders?: boolean; redactTexts?: boolean } = {},
): TemplateContent {
  const placeholders: TemplatePlaceholder[] = content.placeholders.map((placeholder) =>
    options.scrubPlaceholders ? scrubPlaceholder(placeholder, words) : placeholder,
  );
  const templatized = templatizeDefinition(content.definition, {
    redact: words,
    takenKeys: placeholders.map((placeholder) => placeholder.key),
  });
  return {
    name: options.redactTexts ? redactText(content.name, words) : content.name,
    description: options.redactTexts ? redactText(content.description, words) : content.description,
    category: content.category,
    definition: templatized.definition,
    placeholders: [...placeholders, ...templatized.placeholders],
  };
}

/** Whether a JSON value names anything of the agency (an email, an id, a Slack id or mention, one of its words). */
export function namesAgencySpecifics(value: unknown, words: readonly string[]): boolean {
  const text = JSON.stringify(value);
  return redactText(text, words) !== text;
}

const TEXT_KEYWORDS = new Set(['title', 'description']);
const VALUE_KEYWORDS = new Set(['enum', 'const']);
const SCHEMA_KEYWORDS = new Set(['items', 'anyOf']);

const redactStrings = (value: unknown, words: readonly string[]): unknown =>
  typeof value === 'string'
    ? redactText(value, words)
    : Array.isArray(value)
      ? value.map((item) => redactStrings(item, words))
      : value;

/**
 * A placeholder's JSON Schema with its texts and listed values redacted, its examples and agency-specific defaults
 * dropped; the keywords themselves (type, format, pattern, x-picker…) are the product's vocabulary and stay.
 */
function scrubSchema(schema: unknown, words: readonly string[]): unknown {
  if (Array.isArray(schema)) return schema.map((item) => scrubSchema(item, words));
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'examples' || (keyword === 'default' && namesAgencySpecifics(value, words))) continue;
    if (TEXT_KEYWORDS.has(keyword) || VALUE_KEYWORDS.has(keyword)) copy[keyword] = redactStrings(value, words);
    else if (SCHEMA_KEYWORDS.has(keyword)) copy[keyword] = scrubSchema(value, words);
    else if (keyword === 'properties' && typeof value === 'object' && value !== null) {
      copy[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, scrubSchema(child, words)]),
      );
    } else copy[keyword] = value;
  }
  return copy;
}

/**
 * Placeholder defaults that name something of the agency: a template holds no such value (it travels when shared,
 * and addresses are sealed at rest in workflows, never stored plain in a template); it is asked for on use instead.
 */
export function agencySpecificDefaults(
  placeholders: readonly TemplatePlaceholder[],
  words: readonly string[],
): FieldError[] {
  return placeholders.flatMap((placeholder, index) =>
    placeholder.default !== undefined && namesAgencySpecifics(placeholder.default, words)
      ? [
          {
            path: `placeholders[${index}].default`,
            message:
              'must not name an email address, an id, a Slack id or one of your clients or people: leave it out and give the value when the template is used',
          },
        ]
      : [],
  );
}

function scrubPlaceholder(placeholder: TemplatePlaceholder, words: readonly string[]): TemplatePlaceholder {
  const scrubbed: TemplatePlaceholder = {
    ...placeholder,
    label: redactText(placeholder.label, words),
    description: redactText(placeholder.description, words),
    schema: scrubSchema(placeholder.schema, words) as TemplatePlaceholder['schema'],
  };
  if (placeholder.default !== undefined && namesAgencySpecifics(placeholder.default, words)) delete scrubbed.default;
  return scrubbed;
}
