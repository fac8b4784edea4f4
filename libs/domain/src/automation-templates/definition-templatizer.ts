import { getActionDescriptor } from '../actions/action-catalog';
import { CLIENT_ASSIGNEE } from '../actions/create-task.action-schema';
import { getTriggerDescriptor } from '../triggers/trigger-catalog';
import { tokenizeTemplate } from '../templates/template-tokenizer';
import { TEMPLATE_VARIABLES } from '../templates/template-variables';
import { PICKER_KEYWORD } from '../json-schema/picker-fields';
import { childPath, indexPath } from '../shared/field-path.util';
import { cloneJson, isPlainObject } from '../shared/plain-object.util';
import type { JsonSchema } from '../types/validation.types';
import { isPlaceholderRef, placeholderRef } from './placeholder-refs';
import { emailRecipientsSchema, slackRecipientsSchema } from './placeholder-schemas';
import type { TemplateDefinition, TemplatePlaceholder } from './template.types';

export interface TemplatizeOptions {
  /** Agency words that must not travel (client names, user names and emails, channel names); matched case-insensitively. */
  redact?: readonly string[];
  /** Placeholder keys already taken (when the definition already holds placeholders). */
  takenKeys?: readonly string[];
}

export interface TemplatizedDefinition {
  definition: TemplateDefinition;
  /** The placeholders this pass created, in document order. */
  placeholders: TemplatePlaceholder[];
}

const EMAIL_IN_TEXT = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[A-Za-z]{2,}/g;
const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SLACK_MENTION_IN_TEXT = /<[@#!][^>\s]+>/g;
// A Slack id is an upper-case letter C/G/D/U/W and at least 6 more capitals or digits, one of them a digit.
const SLACK_ID_IN_TEXT = /\b[CGDUW](?=[A-Z0-9]*\d)[A-Z0-9]{6,}\b/g;
const MIN_REDACTED_WORD_LENGTH = 3;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The redacted words replaced, except inside the product's own template variables: `{{client.assignee.email}}` stays whole even if a word is "Ema". */
function redactWords(text: string, redact: RegExp): string {
  return tokenizeTemplate(text)
    .map((token) => {
      if (token.kind === 'variable' && (TEMPLATE_VARIABLES as readonly string[]).includes(token.path)) return token.raw;
      return (token.kind === 'text' ? token.text : token.raw).replace(redact, '[name]');
    })
    .join('');
}

/** Replaces every agency-specific token of a text by a neutral word; says whether anything was replaced. */
function redactText(text: string, redact: RegExp | null): { text: string; changed: boolean } {
  let result = text
    .replace(EMAIL_IN_TEXT, '[email address]')
    .replace(UUID_IN_TEXT, '[id]')
    .replace(SLACK_MENTION_IN_TEXT, '[Slack mention]')
    .replace(SLACK_ID_IN_TEXT, '[Slack id]');
  if (redact) result = redactWords(result, redact);
  return { text: result, changed: result !== text };
}

function propertySchema(configSchema: JsonSchema, property: string): JsonSchema {
  const properties = (configSchema.properties ?? {}) as Record<string, JsonSchema>;
  return cloneJson(properties[property]);
}

/** Whether `value` is one of the constants the schema (or one of its `anyOf` alternatives) lists: a product word. */
function isSchemaConstant(schema: JsonSchema, value: unknown): boolean {
  if (Array.isArray(schema.enum) && schema.enum.includes(value)) return true;
  return (
    Array.isArray(schema.anyOf) && (schema.anyOf as JsonSchema[]).some((option) => isSchemaConstant(option, value))
  );
}

/**
 * A config value that is the product's, never the agency's data nor text to redact: a value from a closed list (an
 * enum, a stage, a metric, a number) or one of the schema's constants, such as a task assignee's `client_assignee`.
 */
function isProductValue(kind: 'trigger' | 'action', type: string, property: string, value: unknown): boolean {
  const descriptor = kind === 'trigger' ? getTriggerDescriptor(type as never) : getActionDescriptor(type as never);
  const schema = ((descriptor?.configSchema.properties ?? {}) as Record<string, JsonSchema>)[property];
  if (!schema) return false;
  if (Array.isArray(schema.enum) || schema.type === 'number' || schema.type === 'integer' || schema.type === 'boolean')
    return true;
  if (schema[PICKER_KEYWORD] === 'stage' || schema[PICKER_KEYWORD] === 'metric') return true;
  return isSchemaConstant(schema, value);
}

/** A structured agency-specific value: which placeholder it becomes. */
interface Candidate {
  baseKey: string;
  label: string;
  description: string;
  schema: JsonSchema;
}

/** The agency-specific value kinds the product knows, by (trigger or action type, config property). */
function candidateFor(
  kind: 'trigger' | 'action',
  type: string,
  property: string,
  config: Record<string, unknown>,
  where: string,
): Candidate | null {
  const value = config[property];
  if (kind === 'trigger' && type === 'scheduled' && property === 'clientFilter') {
    return {
      baseKey: 'clientFilter',
      label: 'Which clients it runs for',
      description: 'The stages and health of the clients the schedule runs for.',
      schema: propertySchema(getTriggerDescriptor('scheduled')!.configSchema, 'clientFilter'),
    };
  }
  if (kind !== 'action') return null;
  if (type === 'create_task' && property === 'assignee' && value !== CLIENT_ASSIGNEE) {
    return {
      baseKey: 'taskAssignee',
      label: 'Who the task is assigned to',
      description: `The assignee of the task created by ${where}.`,
      schema: propertySchema(getActionDescriptor('create_task')!.configSchema, 'assignee'),
    };
  }
  if (type === 'update_client' && property === 'assigneeId') {
    return {
      baseKey: 'clientAssignee',
      label: 'Who the client is assigned to',
      description: `The agency user ${where} assigns the client to.`,
      schema: propertySchema(getActionDescriptor('update_client')!.configSchema, 'assigneeId'),
    };
  }
  if (type === 'send_notification' && property === 'recipients') {
    const slack = config.channel === 'slack';
    return {
      baseKey: slack ? 'slackRecipients' : 'emailRecipients',
      label: slack ? 'Slack channels or people to notify' : 'Email recipients to notify',
      description: `Who receives the ${slack ? 'Slack message' : 'email'} of ${where}.`,
      schema: slack ? slackRecipientsSchema('Slack channels or people') : emailRecipientsSchema('Email recipients'),
    };
  }
  return null;
}

/**
 * Turns a workflow definition into a template definition (PRODUCT.md §8.1): each agency-specific value
 * (Slack ids, user ids, email recipients, a schedule's client filter) becomes a placeholder without a
 * default — a default would carry the value along — and the same value used twice becomes one placeholder.
 * A free-text config value naming an email address, an id, a Slack mention or a redacted word becomes a
 * placeholder whose default is the text with those words replaced, so the user rewrites it on use; the
 * workflow's own name and description are redacted in place.
 */
export function templatizeDefinition(
  definition: TemplateDefinition,
  options: TemplatizeOptions = {},
): TemplatizedDefinition {
  const words = (options.redact ?? [])
    .map((word) => word.trim())
    .filter((word) => word.length >= MIN_REDACTED_WORD_LENGTH);
  const redact =
    words.length > 0
      ? new RegExp(
          words
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|'),
          'gi',
        )
      : null;
  const taken = new Set(options.takenKeys ?? []);
  const placeholders: TemplatePlaceholder[] = [];
  const byValue = new Map<string, string>();

  const allocateKey = (baseKey: string): string => {
    let key = baseKey;
    for (let counter = 2; taken.has(key); counter += 1) key = `${baseKey}${counter}`;
    taken.add(key);
    return key;
  };
  const structured = (candidate: Candidate, value: unknown) => {
    const identity = `${candidate.baseKey}\u0000${JSON.stringify(value)}`;
    let key = byValue.get(identity);
    if (!key) {
      key = allocateKey(candidate.baseKey);
      byValue.set(identity, key);
      placeholders.push({ key, label: candidate.label, description: candidate.description, schema: candidate.schema });
    }
    return placeholderRef(key);
  };
  const freeText = (text: string, where: string) => {
    const redacted = redactText(text, redact);
    if (!redacted.changed) return text;
    const key = allocateKey('text');
    placeholders.push({
      key,
      label: `Text of ${where}`,
      description: 'It named a person, an address or an id of the agency it came from: check it and write your own.',
      schema: { type: 'string', minLength: 1, maxLength: 5000 },
      default: redacted.text,
    });
    return placeholderRef(key);
  };
  /** Any value outside the structured fields: strings are checked, containers walked. */
  const scrub = (value: unknown, where: string): unknown => {
    if (isPlaceholderRef(value)) return value;
    if (typeof value === 'string') return freeText(value, where);
    if (Array.isArray(value)) return value.map((item) => scrub(item, where));
    if (isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) copy[key] = scrub(value[key], where);
      return copy;
    }
    return value;
  };
  const config = (kind: 'trigger' | 'action', type: string, input: unknown, where: string): unknown => {
    if (!isPlainObject(input)) return scrub(input, where);
    const copy: Record<string, unknown> = {};
    for (const property of Object.keys(input)) {
      const value = input[property];
      const candidate = isPlaceholderRef(value) ? null : candidateFor(kind, type, property, input, where);
      if (candidate && value !== undefined && value !== null) copy[property] = structured(candidate, value);
      else if (isProductValue(kind, type, property, value)) copy[property] = cloneJson(value);
      else copy[property] = scrub(value, where);
    }
    return copy;
  };
  /** Only the values of a condition's rules are data; fields and operators are the product's words. */
  const condition = (input: unknown, where: string): unknown => {
    if (!isPlainObject(input)) return cloneJson(input);
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      const rules = input[key];
      copy[key] = Array.isArray(rules)
        ? rules.map((rule) =>
            isPlainObject(rule) && 'value' in rule
              ? { ...cloneJson(rule), value: scrub(rule.value, where) }
              : cloneJson(rule),
          )
        : cloneJson(rules);
    }
    return copy;
  };
  const steps = (list: unknown, listPath: string): unknown => {
    if (!Array.isArray(list)) return scrub(list, listPath);
    return list.map((step, index) => {
      if (!isPlainObject(step)) return step;
      const path = indexPath(listPath, index);
      // An id naming the agency (`acme_kickoff`) is dropped: nothing refers to step ids, and validation assigns a fresh one.
      const keepsId = typeof step.id === 'string' && !redactText(step.id, redact).changed;
      const where = `step "${keepsId ? String(step.id) : path}"`;
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(step)) {
        if (key === 'id') {
          if (keepsId) copy[key] = step[key];
        } else if (key === 'config') copy[key] = config('action', String(step.type), step.config, where);
        else if (key === 'then' || key === 'else') copy[key] = steps(step[key], childPath(path, key));
        else if (key === 'condition') copy[key] = condition(step.condition, `the condition of ${where}`);
        else copy[key] = step[key];
      }
      return copy;
    });
  };

  const result: TemplateDefinition = {};
  for (const key of Object.keys(definition)) {
    const value = definition[key];
    if ((key === 'name' || key === 'description') && typeof value === 'string')
      result[key] = redactText(value, redact).text;
    else if (key === 'triggers' && Array.isArray(value)) {
      result[key] = value.map((trigger, index) =>
        isPlainObject(trigger)
          ? { ...trigger, config: config('trigger', String(trigger.type), trigger.config, `trigger ${index + 1}`) }
          : trigger,
      );
    } else if (key === 'steps') result[key] = steps(value, 'steps');
    else result[key] = cloneJson(value);
  }
  return { definition: result, placeholders };
}
