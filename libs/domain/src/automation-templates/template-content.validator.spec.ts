import {
  emailRecipientsPlaceholder,
  slackRecipientsPlaceholder,
  userPlaceholder,
} from './builtin/builtin-placeholders';
import { placeholderRef } from './placeholder-refs';
import { checkTemplateDefinition, validateTemplateContent } from './template-content.validator';
import type { TemplatePlaceholder } from './template.types';

type Json = Record<string, unknown>;

const channel = (): TemplatePlaceholder =>
  slackRecipientsPlaceholder('channel', 'Team channel', 'Where the team hears about it.');
const owner = (): TemplatePlaceholder => userPlaceholder('owner', 'Account manager', 'Who gets the task.');

const pingStep = (config: Json = {}): Json => ({
  id: 'ping',
  type: 'send_notification',
  config: {
    channel: 'slack',
    recipients: placeholderRef('channel'),
    message: '{{client.name}} starts onboarding',
    ...config,
  },
});
const taskStep = (config: Json = {}): Json => ({
  id: 'task',
  type: 'create_task',
  config: { title: 'Kickoff call', priority: 'high', ...config },
});
const definition = (overrides: Json = {}): Json => ({
  name: 'Onboarding heads-up',
  triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
  steps: [pingStep()],
  ...overrides,
});
const body = (overrides: Json = {}): Json => ({
  name: 'Onboarding heads-up',
  description: 'Tell the team when a client starts onboarding.',
  category: 'onboarding',
  definition: definition(),
  placeholders: [channel()],
  ...overrides,
});
const withoutKey = (input: Json, key: string): Json => {
  const { [key]: _dropped, ...rest } = input;
  return rest;
};

describe('validateTemplateContent — accepted content', () => {
  it('accepts a template and returns its trimmed content', () => {
    const result = validateTemplateContent(body({ name: '  Onboarding heads-up  ' }));
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Onboarding heads-up',
        description: 'Tell the team when a client starts onboarding.',
        category: 'onboarding',
        definition: definition(),
        placeholders: [channel()],
      },
    });
  });

  it.each<[string, Json]>([
    [
      'no placeholders at all (a definition with only fixed values)',
      body({ placeholders: undefined, definition: definition({ steps: [taskStep()] }) }),
    ],
    ['no description', withoutKey(body(), 'description')],
    ['a placeholder with a valid default', body({ placeholders: [{ ...channel(), default: ['C0123ABCD'] }] })],
    [
      'the same placeholder used twice',
      body({
        definition: definition({
          steps: [pingStep(), pingStep({ message: 'Second' })].map((step, index) => ({ ...step, id: `ping${index}` })),
        }),
      }),
    ],
    [
      'placeholders in a trigger, a condition value and nested branch steps',
      body({
        placeholders: [
          channel(),
          owner(),
          { key: 'stage', label: 'Stage', description: '', schema: { type: 'string', 'x-picker': 'stage' } },
        ],
        definition: definition({
          triggers: [{ type: 'stage_change', config: { toStage: placeholderRef('stage') } }],
          steps: [
            {
              type: 'branch',
              condition: { all: [{ field: 'client.assigneeId', operator: 'equals', value: placeholderRef('owner') }] },
              then: [taskStep({ assignee: placeholderRef('owner') })],
              else: [pingStep()],
            },
          ],
        }),
      }),
    ],
    [
      'a placeholder standing for a whole step config',
      body({
        placeholders: [{ key: 'alert', label: 'Alert', description: '', schema: { type: 'object' } }],
        definition: definition({ steps: [{ type: 'add_alert', config: placeholderRef('alert') }] }),
      }),
    ],
  ])('accepts %s', (_case, input) => {
    const result = validateTemplateContent(input);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('strips isActive from the definition: a template is never active', () => {
    const result = validateTemplateContent(body({ definition: definition({ isActive: true }) }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.definition).not.toHaveProperty('isActive');
    expect(result.value.definition).toEqual(definition());
  });
});

describe('validateTemplateContent — rejected content, each error at its path', () => {
  const tooMany = Array.from({ length: 31 }, (_, index) => ({ ...channel(), key: `channel${index}` }));

  it.each<[string, unknown, string, string]>([
    ['the body is not an object', [], '', 'the body must be a JSON object'],
    ['an unknown top-level field', body({ agencyId: 'a1' }), 'agencyId', "unknown property 'agencyId'"],
    ['an id sent along (ids are the server’s)', body({ id: 'builtin-x' }), 'id', "unknown property 'id'"],
    ['the name missing', withoutKey(body(), 'name'), 'name', 'is required'],
    ['the name blank', body({ name: '   ' }), 'name', 'must not be empty'],
    ['the name not text', body({ name: 7 }), 'name', 'must be a string, got a number'],
    ['the name too long', body({ name: 'x'.repeat(201) }), 'name', 'at most 200'],
    ['the description not text', body({ description: ['a'] }), 'description', 'must be a string, got an array'],
    [
      'an unknown category',
      body({ category: 'sales' }),
      'category',
      'must be one of: "onboarding", "retention", "performance", "support", "reporting", "communication"',
    ],
    ['the category missing', withoutKey(body(), 'category'), 'category', 'must be one of'],
    [
      'placeholders not an array',
      body({ placeholders: { channel: channel() } }),
      'placeholders',
      'must be an array, got an object',
    ],
    ['more than 30 placeholders', body({ placeholders: tooMany }), 'placeholders', 'at most 30 items'],
    [
      'a placeholder that is not an object',
      body({ placeholders: ['channel'] }),
      'placeholders[0]',
      'must be an object, got a string',
    ],
    [
      'an unknown field on a placeholder',
      body({ placeholders: [{ ...channel(), required: true }] }),
      'placeholders[0].required',
      "unknown property 'required'",
    ],
    [
      'a duplicate key',
      body({ placeholders: [channel(), { ...channel(), label: 'Again' }] }),
      'placeholders[1].key',
      "duplicate placeholder key 'channel'",
    ],
    [
      'a key missing',
      body({ placeholders: [withoutKey(channel() as unknown as Json, 'key')] }),
      'placeholders[0].key',
      'is required',
    ],
    [
      'a key starting with a digit',
      body({ placeholders: [{ ...channel(), key: '1channel' }] }),
      'placeholders[0].key',
      'must start with a letter',
    ],
    [
      'a key with a dash',
      body({ placeholders: [{ ...channel(), key: 'team-channel' }] }),
      'placeholders[0].key',
      'only letters, digits or "_"',
    ],
    [
      'a key longer than 64',
      body({ placeholders: [{ ...channel(), key: `k${'x'.repeat(64)}` }] }),
      'placeholders[0].key',
      'at most 64',
    ],
    [
      'the label missing',
      body({ placeholders: [withoutKey(channel() as unknown as Json, 'label')] }),
      'placeholders[0].label',
      'is required',
    ],
    [
      'the label blank',
      body({ placeholders: [{ ...channel(), label: ' ' }] }),
      'placeholders[0].label',
      'must not be empty',
    ],
    [
      'the schema missing',
      body({ placeholders: [withoutKey(channel() as unknown as Json, 'schema')] }),
      'placeholders[0].schema',
      'is required',
    ],
    [
      'a schema with an unsupported keyword',
      body({ placeholders: [{ ...channel(), schema: { $ref: '#/x' } }] }),
      'placeholders[0].schema.$ref',
      "keyword '$ref' is not supported",
    ],
    [
      'a schema with a foreign pattern',
      body({ placeholders: [{ ...channel(), schema: { type: 'string', pattern: '(x+x+)+y' } }] }),
      'placeholders[0].schema.pattern',
      "product's patterns",
    ],
    [
      'a default not matching its schema',
      body({ placeholders: [{ ...channel(), default: ['#general'] }] }),
      'placeholders[0].default[0]',
      'must be a Slack channel or user id',
    ],
    [
      'a default of the wrong type',
      body({ placeholders: [{ ...channel(), default: 'C0123ABCD' }] }),
      'placeholders[0].default',
      'must be an array',
    ],
    [
      'the definition missing',
      withoutKey(body(), 'definition'),
      'definition',
      'must be a workflow definition object, got undefined',
    ],
    [
      'the definition not an object',
      body({ definition: 'steps' }),
      'definition',
      'must be a workflow definition object, got a string',
    ],
    [
      'the definition using an undeclared placeholder',
      body({ definition: definition({ steps: [pingStep(), taskStep({ assignee: placeholderRef('owner') })] }) }),
      'definition.steps[1].config.assignee',
      "uses the unknown placeholder 'owner' (declare it in placeholders)",
    ],
    [
      'an undeclared placeholder inside a branch',
      body({
        definition: definition({
          steps: [
            pingStep(),
            {
              type: 'branch',
              condition: { any: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
              then: [taskStep({ assignee: placeholderRef('owner') })],
            },
          ],
        }),
      }),
      'definition.steps[1].then[0].config.assignee',
      "unknown placeholder 'owner'",
    ],
    [
      'a declared placeholder the definition never uses',
      body({ placeholders: [channel(), owner()] }),
      'placeholders[1].key',
      "placeholder 'owner' is not used in the definition",
    ],
    [
      'the definition invalid outside the placeholders (the error is kept)',
      body({ definition: definition({ steps: [pingStep({ message: undefined })] }) }),
      'definition.steps[0].config.message',
      'is required',
    ],
    [
      'a bad value beside a placeholder in the same config',
      body({ definition: definition({ steps: [pingStep({ channel: 'sms' })] }) }),
      'definition.steps[0].config.channel',
      'must be one of',
    ],
    [
      'the definition with an unknown trigger',
      body({ definition: definition({ triggers: [{ type: 'email_opened', config: {} }] }) }),
      'definition.triggers[0].type',
      'unknown trigger type',
    ],
    [
      'the definition without a name',
      body({ definition: withoutKey(definition(), 'name') }),
      'definition.name',
      'is required',
    ],
  ])('%s', (_case, input, path, message) => {
    const result = validateTemplateContent(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('reports nothing where the definition is invalid only because a placeholder stands there', () => {
    // recipients must be an array, assignee a uuid, toStage text: the placeholders are checked once they have values.
    const input = body({
      placeholders: [
        channel(),
        owner(),
        emailRecipientsPlaceholder('emails', 'Emails', ''),
        { key: 'stage', label: 'Stage', description: '', schema: { type: 'string' } },
      ],
      definition: definition({
        triggers: [{ type: 'stage_change', config: { toStage: placeholderRef('stage') } }],
        steps: [
          pingStep(),
          taskStep({ assignee: placeholderRef('owner') }),
          {
            type: 'send_notification',
            config: { channel: 'email', recipients: placeholderRef('emails'), message: 'x' },
          },
        ],
      }),
    });
    expect(validateTemplateContent(input)).toMatchObject({ ok: true });
  });

  it('reports every problem of a body at once', () => {
    const result = validateTemplateContent(
      body({ name: '', category: 'sales', color: 'red', placeholders: [{ ...channel(), key: '1x' }] }),
    );
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual([
      'color',
      'name',
      'category',
      'placeholders[0].key',
    ]);
  });
});

describe('checkTemplateDefinition — paths under other bases', () => {
  it('names the use under the definition base and the unused placeholder under the placeholders base', () => {
    const errors = checkTemplateDefinition(
      definition({ steps: [taskStep({ assignee: placeholderRef('someone') })] }),
      [channel()],
      'document.definition',
      'document.placeholders',
    );
    expect(errors).toEqual([
      {
        path: 'document.definition.steps[0].config.assignee',
        message: expect.stringContaining("unknown placeholder 'someone'"),
      },
      { path: 'document.placeholders[0].key', message: expect.stringContaining("placeholder 'channel' is not used") },
    ]);
  });
});
