import { createAjv } from '../json-schema/ajv-factory';
import { getTriggerDescriptor } from '../triggers/trigger-catalog';
import { METRIC_NAME_PATTERN, NON_BLANK_PATTERN, SLACK_ID_PATTERN } from '../shared/patterns';
import type { JsonSchema } from '../types/validation.types';
import {
  emailRecipientsPlaceholder,
  slackRecipientsPlaceholder,
  userPlaceholder,
} from './builtin/builtin-placeholders';
import { checkPlaceholderSchema, checkPlaceholderValue } from './placeholder-schema';

// Counts how often a validator is compiled (each compile makes a fresh ajv).
jest.mock('../json-schema/ajv-factory', () => {
  const actual = jest.requireActual<typeof import('../json-schema/ajv-factory')>('../json-schema/ajv-factory');
  return { createAjv: jest.fn(actual.createAjv) };
});

const nestedArrays = (depth: number): JsonSchema =>
  depth === 0 ? { type: 'string' } : { type: 'array', items: nestedArrays(depth - 1) };

describe('checkPlaceholderSchema — accepted vocabulary', () => {
  it.each<[string, unknown]>([
    [
      'a plain string with title, description and lengths',
      { type: 'string', title: 'Title', description: 'Words', minLength: 1, maxLength: 200 },
    ],
    ['an enum of words', { type: 'string', enum: ['low', 'high'] }],
    ['a constant', { const: 'client_assignee' }],
    ['a number between bounds', { type: 'number', minimum: 0, maximum: 10 }],
    ['an integer with examples', { type: 'integer', minimum: 1, maximum: 365, examples: [7] }],
    ['a boolean', { type: 'boolean' }],
    ['an email address', { type: 'string', format: 'email' }],
    ['a uuid', { type: 'string', format: 'uuid' }],
    ['a Slack id pattern', { type: 'string', pattern: SLACK_ID_PATTERN }],
    [
      'a metric name pattern with the metric picker',
      { type: 'string', pattern: METRIC_NAME_PATTERN, 'x-picker': 'metric' },
    ],
    [
      'the non-blank pattern with the stage picker',
      { type: 'string', pattern: NON_BLANK_PATTERN, 'x-picker': 'stage' },
    ],
    ['a user picker', { type: 'string', format: 'uuid', 'x-picker': 'user' }],
    ['a sensitive list', { type: 'array', 'x-sensitive': true, items: { type: 'string' } }],
    [
      'a unique list with bounds',
      { type: 'array', minItems: 1, maxItems: 5, uniqueItems: true, items: { type: 'string' } },
    ],
    [
      'anyOf alternatives',
      {
        anyOf: [
          { type: 'string', format: 'email' },
          { type: 'string', format: 'uuid' },
        ],
      },
    ],
    [
      'a closed object with required properties and a nested default',
      {
        type: 'object',
        additionalProperties: false,
        required: ['days'],
        properties: { days: { type: 'integer', default: 3 } },
      },
    ],
    ['the Slack recipients of a built-in template', slackRecipientsPlaceholder('k', 'Channel', '').schema],
    ['the email recipients of a built-in template', emailRecipientsPlaceholder('k', 'Emails', '').schema],
    ['the user of a built-in template', userPlaceholder('k', 'Owner', '').schema],
    [
      'the client filter of the schedule trigger',
      (getTriggerDescriptor('scheduled')!.configSchema.properties as Record<string, unknown>).clientFilter,
    ],
    ['nested exactly six levels deep', nestedArrays(6)],
  ])('%s', (_case, schema) => {
    expect(checkPlaceholderSchema(schema, 'placeholders[0].schema')).toEqual([]);
  });
});

describe('checkPlaceholderSchema — rejected schemas', () => {
  const manyWords = Array.from({ length: 1000 }, (_, index) => `word-${index}`);

  it.each<[string, unknown, string, string]>([
    ['not an object', 'string', 'schema', 'must be a JSON Schema object, got a string'],
    ['null', null, 'schema', 'got null'],
    [
      'a reference to another schema ($ref)',
      { $ref: 'https://evil.example/schema.json' },
      'schema.$ref',
      "keyword '$ref' is not supported",
    ],
    [
      'patternProperties',
      { type: 'object', patternProperties: { '^a': { type: 'string' } } },
      'schema.patternProperties',
      "keyword 'patternProperties' is not supported",
    ],
    ['if/then', { if: { type: 'string' }, then: { minLength: 1 } }, 'schema.if', "keyword 'if' is not supported"],
    ['allOf', { allOf: [{ type: 'string' }] }, 'schema.allOf', "keyword 'allOf' is not supported"],
    [
      'an unknown keyword deep inside',
      { type: 'array', items: { anyOf: [{ type: 'string', $id: 'x' }] } },
      'schema.items.anyOf[0].$id',
      "keyword '$id' is not supported",
    ],
    [
      'a ReDoS-prone pattern of its own',
      { type: 'string', pattern: '^(a+)+$' },
      'schema.pattern',
      "must be one of the product's patterns",
    ],
    [
      'a foreign pattern on a property',
      { type: 'object', properties: { name: { type: 'string', pattern: '.*' } } },
      'schema.properties.name.pattern',
      "product's patterns",
    ],
    [
      'the type null',
      { type: 'null' },
      'schema.type',
      'must be one of: "string", "number", "integer", "boolean", "array", "object"',
    ],
    ['a list of types', { type: ['string', 'null'] }, 'schema.type', 'must be one of'],
    ['a date-time format', { type: 'string', format: 'date-time' }, 'schema.format', 'must be "email" or "uuid"'],
    ['a regex format', { type: 'string', format: 'regex' }, 'schema.format', 'must be "email" or "uuid"'],
    [
      'an unknown picker',
      { type: 'string', 'x-picker': 'channel' },
      'schema.x-picker',
      'must be one of: "stage", "metric", "user", "slack-recipient", "email-recipient"',
    ],
    ['a picker that is not a word', { type: 'string', 'x-picker': 3 }, 'schema.x-picker', 'must be one of'],
    [
      'items as a tuple',
      { type: 'array', items: [{ type: 'string' }] },
      'schema.items',
      'must be a JSON Schema object, got an array',
    ],
    ['an empty anyOf', { anyOf: [] }, 'schema.anyOf', 'must be a non-empty array of schemas'],
    [
      'properties not an object',
      { type: 'object', properties: ['a'] },
      'schema.properties',
      'must be an object of schemas',
    ],
    [
      'additionalProperties as a schema',
      { type: 'object', additionalProperties: { type: 'string' } },
      'schema.additionalProperties',
      'must be a boolean',
    ],
    [
      'nested seven levels deep',
      nestedArrays(7),
      'schema.items.items.items.items.items.items.items',
      'nested more than 6 levels deep',
    ],
    ['larger than 8,000 characters of JSON', { type: 'string', enum: manyWords }, 'schema', 'at most 8000 characters'],
    [
      'a keyword on a type it does not apply to (ajv strict)',
      { type: 'string', minimum: 1 },
      'schema',
      'is not a valid JSON Schema',
    ],
    [
      'required names a property it does not define',
      { type: 'object', required: ['a'] },
      'schema',
      'is not a valid JSON Schema',
    ],
    ['a negative length', { type: 'string', minLength: -1 }, 'schema', 'is not a valid JSON Schema'],
    ['an empty enum', { type: 'string', enum: [] }, 'schema', 'is not a valid JSON Schema'],
  ])('%s', (_case, schema, path, message) => {
    const errors = checkPlaceholderSchema(schema, 'schema');
    expect(errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('reports every bad keyword of one schema, each at its own path', () => {
    const errors = checkPlaceholderSchema({ type: 'date', format: 'ipv4', $comment: 'x' }, 'placeholders[2].schema');
    expect(errors.map((error) => error.path)).toEqual([
      'placeholders[2].schema.type',
      'placeholders[2].schema.format',
      'placeholders[2].schema.$comment',
    ]);
  });
});

describe('checkPlaceholderValue', () => {
  const slack = slackRecipientsPlaceholder('channel', 'Channel', '').schema;
  const email = emailRecipientsPlaceholder('to', 'Emails', '').schema;

  it.each<[string, JsonSchema, unknown]>([
    ['Slack ids', slack, ['C0123ABCD', 'U0456EFGH']],
    ['an email address and a user uuid', email, ['team@agency.example', '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90']],
    ['a whole number', { type: 'integer', minimum: 0 }, 0],
  ])('accepts %s', (_case, schema, value) => {
    expect(checkPlaceholderValue(schema, value, 'values.x')).toEqual([]);
  });

  it.each<[string, JsonSchema, unknown, string, string]>([
    ['a channel name instead of an id', slack, ['#general'], 'values.x[0]', 'must be a Slack channel or user id'],
    ['an empty list', slack, [], 'values.x', 'must contain at least 1 item'],
    ['one string instead of a list', slack, 'C0123ABCD', 'values.x', 'must be an array'],
    [
      'a word that is neither an email nor an id',
      email,
      ['someone'],
      'values.x[0]',
      'must be an email address or a user id (uuid)',
    ],
    ['a number as text', { type: 'integer', minimum: 0 }, '3', 'values.x', 'must be an integer'],
    ['below the minimum', { type: 'integer', minimum: 1 }, 0, 'values.x', 'must be at least 1'],
  ])('rejects %s', (_case, schema, value, path, message) => {
    expect(checkPlaceholderValue(schema, value, 'values.x')).toContainEqual({
      path,
      message: expect.stringContaining(message),
    });
  });

  it('never writes schema defaults into the value it was given', () => {
    const schema: JsonSchema = { type: 'object', properties: { days: { type: 'integer', default: 3 } } };
    const value = {};
    expect(checkPlaceholderValue(schema, value, 'values.x')).toEqual([]);
    expect(value).toEqual({});
  });
});

describe('compiling placeholder schemas', () => {
  it('compiles a schema once: the same object checked twice, and its values checked twice, all work', () => {
    const compiles = createAjv as jest.MockedFunction<typeof createAjv>;
    const schema: JsonSchema = { type: 'string', title: 'Compiled once', minLength: 2 };
    const before = compiles.mock.calls.length;

    expect(checkPlaceholderSchema(schema, 'schema')).toEqual([]);
    expect(checkPlaceholderSchema(schema, 'schema')).toEqual([]);
    expect(checkPlaceholderSchema({ ...schema }, 'schema')).toEqual([]);
    expect(checkPlaceholderValue(schema, 'ok', 'values.x')).toEqual([]);
    expect(checkPlaceholderValue(schema, 'x', 'values.x')).toEqual([
      { path: 'values.x', message: 'must be at least 2 characters' },
    ]);

    expect(compiles.mock.calls.length - before).toBe(1);
  });
});
