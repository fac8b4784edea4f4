import { validateWorkflowDefinition } from '../definition/workflow-definition.validator';
import { numberPlaceholder, slackRecipientsPlaceholder, userPlaceholder } from './builtin/builtin-placeholders';
import { placeholderRef } from './placeholder-refs';
import { instantiateTemplate, resolvePlaceholderValues } from './template-instantiation';
import type { TemplateDefinition, TemplatePlaceholder } from './template.types';

type Json = Record<string, unknown>;

const USER_ID = '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90';
const placeholders: TemplatePlaceholder[] = [
  slackRecipientsPlaceholder('channel', 'Team channel', 'Where the team hears about it.'),
  userPlaceholder('owner', 'Account manager', 'Who books the call.'),
  numberPlaceholder(
    'days',
    'Days to book the call',
    'How soon the call is due.',
    { minimum: 0, maximum: 30, integer: true },
    2,
  ),
  {
    key: 'stage',
    label: 'Stage that starts it',
    description: '',
    schema: { type: 'string', 'x-picker': 'stage' },
    default: 'onboarding',
  },
];
/** Steps without ids: the normal validation assigns them. */
const templateDefinition: TemplateDefinition = {
  name: 'Kickoff',
  description: 'Book the call and tell the team.',
  isActive: true,
  triggers: [{ type: 'stage_change', config: { fromStage: 'lead', toStage: placeholderRef('stage') } }],
  steps: [
    {
      type: 'create_task',
      config: {
        title: 'Kickoff call with {{client.name}}',
        priority: 'high',
        dueInDays: placeholderRef('days'),
        assignee: placeholderRef('owner'),
      },
    },
    {
      type: 'send_notification',
      config: { channel: 'slack', recipients: placeholderRef('channel'), message: '{{client.name}} starts onboarding' },
    },
  ],
};
const template = { definition: templateDefinition, placeholders };
const fullValues = (overrides: Json = {}): Json => ({ channel: ['C0123ABCD'], owner: USER_ID, ...overrides });
const withoutKey = (input: Json, key: string): Json => {
  const { [key]: _dropped, ...rest } = input;
  return rest;
};

describe('instantiateTemplate — the workflow it makes', () => {
  it('fills every placeholder, uses defaults for the ones not given, and passes the normal validation (step ids assigned)', () => {
    const result = instantiateTemplate(template, { values: fullValues() });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));

    expect(result.definition).toEqual({
      name: 'Kickoff',
      description: 'Book the call and tell the team.',
      requiresApproval: false,
      triggers: [{ type: 'stage_change', config: { fromStage: 'lead', toStage: 'onboarding' } }],
      steps: [
        {
          id: expect.any(String),
          type: 'create_task',
          config: { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2, assignee: USER_ID },
        },
        {
          id: expect.any(String),
          type: 'send_notification',
          config: { channel: 'slack', recipients: ['C0123ABCD'], message: '{{client.name}} starts onboarding' },
        },
      ],
    });
    const [first, second] = result.definition.steps;
    expect(first.id).not.toEqual(second.id);
    expect(validateWorkflowDefinition(result.definition)).toMatchObject({ ok: true, value: result.definition });
  });

  it.each<[string, { values?: unknown; name?: string }, (definition: Json) => unknown, unknown]>([
    [
      'a given value wins over the default',
      { values: fullValues({ days: 7 }) },
      (d) => (d.steps as Json[])[0].config,
      expect.objectContaining({ dueInDays: 7 }),
    ],
    [
      'a value not given takes its default',
      { values: fullValues() },
      (d) => ((d.steps as Json[])[0].config as Json).dueInDays,
      2,
    ],
    [
      'a given 0 is a value, not replaced by the default',
      { values: fullValues({ days: 0 }) },
      (d) => ((d.steps as Json[])[0].config as Json).dueInDays,
      0,
    ],
    [
      'the name override replaces the template’s name',
      { values: fullValues(), name: 'Kickoff for new retainers' },
      (d) => d.name,
      'Kickoff for new retainers',
    ],
    ['without a name the template’s name is kept', { values: fullValues() }, (d) => d.name, 'Kickoff'],
    [
      'isActive never comes from the template',
      { values: fullValues() },
      (d) => Object.keys(d).includes('isActive'),
      false,
    ],
  ])('%s', (_case, input, pick, expected) => {
    const result = instantiateTemplate(template, input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(pick(result.definition as unknown as Json)).toEqual(expected);
  });

  it('leaves the template and the given values untouched, and shares no object with them', () => {
    const before = JSON.stringify(template);
    const values = fullValues();
    const result = instantiateTemplate(template, { values });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));

    ((result.definition.steps[1] as unknown as Json).config as { recipients: string[] }).recipients.push('C0999ZZZZ');

    expect(JSON.stringify(template)).toBe(before);
    expect(values.channel).toEqual(['C0123ABCD']);
  });

  it('instantiates a template without placeholders with no values at all', () => {
    const plain = {
      definition: {
        name: 'Plain',
        triggers: [{ type: 'inactivity', config: { days: 3 } }],
        steps: [{ type: 'add_alert', config: { title: 'Quiet', severity: 'info' } }],
      },
      placeholders: [],
    };
    expect(instantiateTemplate(plain, {})).toMatchObject({ ok: true, definition: { name: 'Plain' } });
  });
});

describe('instantiateTemplate — refused values, each error at its path', () => {
  it.each<[string, { values?: unknown; name?: string }, string, string]>([
    [
      'a value without a default missing',
      { values: withoutKey(fullValues(), 'owner') },
      'values.owner',
      'is required: Account manager',
    ],
    ['no values at all (two placeholders have no default)', {}, 'values.channel', 'is required: Team channel'],
    [
      'a value of the wrong type',
      { values: fullValues({ channel: 'C0123ABCD' }) },
      'values.channel',
      'Team channel: must be an array',
    ],
    [
      'a channel name instead of a Slack id',
      { values: fullValues({ channel: ['#general'] }) },
      'values.channel[0]',
      'Team channel: must be a Slack channel or user id',
    ],
    [
      'an empty list of recipients',
      { values: fullValues({ channel: [] }) },
      'values.channel',
      'must contain at least 1 item',
    ],
    [
      'a user that is not an id',
      { values: fullValues({ owner: 'alice@agency.example' }) },
      'values.owner',
      'Account manager: must be a uuid',
    ],
    [
      'a number as text',
      { values: fullValues({ days: '3' }) },
      'values.days',
      'Days to book the call: must be an integer',
    ],
    ['a number out of bounds', { values: fullValues({ days: 31 }) }, 'values.days', 'must be at most 30'],
    [
      'null for a value (null is not “missing”)',
      { values: fullValues({ owner: null }) },
      'values.owner',
      'must be a string',
    ],
    [
      'a key the template does not ask for',
      { values: fullValues({ budget: 100 }) },
      'values.budget',
      "unknown placeholder 'budget' (this template asks for: channel, owner, days, stage)",
    ],
    ['values as a list', { values: [['C0123ABCD']] }, 'values', 'must be an object, got an array'],
    ['values as text', { values: 'C0123ABCD' }, 'values', 'must be an object, got a string'],
    ['values as null', { values: null }, 'values', 'must be an object, got null'],
    [
      'a value that passes its schema but makes the workflow invalid (the stage equals the trigger’s fromStage)',
      { values: fullValues({ stage: 'lead' }) },
      'definition.triggers[0].config.fromStage',
      'must differ from toStage',
    ],
    [
      'a value that passes its loose schema but is too long for the field it fills',
      { values: fullValues({ stage: 'x'.repeat(65) }) },
      'definition.triggers[0].config.toStage',
      'at most 64',
    ],
    ['a blank name override', { values: fullValues(), name: '  ' }, 'definition.name', 'must not be empty'],
  ])('%s', (_case, input, path, message) => {
    const result = instantiateTemplate(template, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('names every missing and wrong value at once', () => {
    const result = instantiateTemplate(template, { values: { days: -1, extra: 1 } });
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual([
      'values.extra',
      'values.channel',
      'values.owner',
      'values.days',
    ]);
  });

  it('reports a template without placeholders given values as unknown ones', () => {
    expect(resolvePlaceholderValues([], { channel: ['C0123ABCD'] })).toEqual({
      ok: false,
      errors: [{ path: 'values.channel', message: "unknown placeholder 'channel' (this template asks for: none)" }],
    });
  });
});
