import { validateWorkflowDefinition } from '../definition/workflow-definition.validator';
import type { WorkflowDefinition } from '../types/workflow-definition.types';
import { slackRecipientsPlaceholder } from './builtin/builtin-placeholders';
import { templatizeDefinition } from './definition-templatizer';
import { placeholderRef } from './placeholder-refs';
import { createPortableDocument, parsePortableDocument, PORTABLE_WORKFLOW_FORMAT } from './portable-workflow';
import { instantiateTemplate } from './template-instantiation';
import type { TemplateDefinition } from './template.types';

type Json = Record<string, unknown>;

const ALICE_ID = '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90';
const ALICE_EMAIL = 'alice@northwind-agency.example';
const EXPORTED_AT = new Date('2026-12-03T10:00:00.000Z');

/** A workflow of agency "Northwind" as saved: validated, so its step ids are assigned. */
function agencyWorkflow(): WorkflowDefinition {
  const result = validateWorkflowDefinition({
    name: 'Acme onboarding',
    description: 'Kick off every new client',
    isActive: true,
    triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
    steps: [
      {
        type: 'create_task',
        config: { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2, assignee: ALICE_ID },
      },
      {
        type: 'branch',
        condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
        then: [
          {
            type: 'send_notification',
            config: {
              channel: 'slack',
              recipients: ['C0123ABCD'],
              message: 'Heads up <@U0456EFGH>: {{client.name}} starts red',
            },
          },
        ],
        else: [
          {
            type: 'send_notification',
            config: {
              channel: 'email',
              recipients: [ALICE_EMAIL],
              subject: 'New client',
              message: '{{client.name}} starts onboarding',
            },
          },
        ],
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const minimalDefinition = (
  steps: unknown[] = [
    { type: 'send_notification', config: { channel: 'slack', recipients: placeholderRef('channel'), message: 'Hi' } },
  ],
): Json => ({
  name: 'Heads-up',
  triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
  steps,
});
const channel = slackRecipientsPlaceholder('channel', 'Team channel', '');
const document = (overrides: Json = {}): Json => ({
  format: PORTABLE_WORKFLOW_FORMAT,
  exportedAt: EXPORTED_AT.toISOString(),
  definition: minimalDefinition(),
  placeholders: [channel],
  ...overrides,
});
const withoutKey = (input: Json, key: string): Json => {
  const { [key]: _dropped, ...rest } = input;
  return rest;
};

describe('portable workflow documents — round trip', () => {
  it('export → file → import with the original values gives back the original workflow', () => {
    const original = agencyWorkflow();
    const { definition, placeholders } = templatizeDefinition(original as unknown as TemplateDefinition, {
      redact: ['Acme'],
    });
    const exported = createPortableDocument(definition, placeholders, EXPORTED_AT);
    const file = JSON.stringify(exported);

    const parsed = parsePortableDocument(JSON.parse(file));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.value).toEqual(exported);
    expect(file).not.toMatch(/acme|C0123ABCD|U0456EFGH|northwind|8f14e45f/i);

    const originalValues = {
      taskAssignee: ALICE_ID,
      slackRecipients: ['C0123ABCD'],
      text: 'Heads up <@U0456EFGH>: {{client.name}} starts red',
      emailRecipients: [ALICE_EMAIL],
    };
    expect(parsed.value.placeholders.map((placeholder) => placeholder.key)).toEqual(Object.keys(originalValues));
    const imported = instantiateTemplate(parsed.value, { values: originalValues, name: original.name });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));

    const { isActive: _active, ...expected } = original;
    expect(imported.definition).toEqual(expected);
  });

  it('writes the format, the export time, the placeholders and the definition without isActive', () => {
    const exported = createPortableDocument({ ...minimalDefinition(), isActive: true }, [channel], EXPORTED_AT);
    expect(exported).toEqual({
      format: 'automations.workflow/v1',
      exportedAt: '2026-12-03T10:00:00.000Z',
      definition: minimalDefinition(),
      placeholders: [channel],
    });
  });

  it.each<[string, Json]>([
    [
      'a document without placeholders',
      document({
        definition: minimalDefinition([{ type: 'add_alert', config: { title: 'New', severity: 'info' } }]),
        placeholders: undefined,
      }),
    ],
    ['a document without an export time', withoutKey(document(), 'exportedAt')],
  ])('reads %s', (_case, input) => {
    expect(parsePortableDocument(input)).toMatchObject({ ok: true, value: { format: PORTABLE_WORKFLOW_FORMAT } });
  });
});

describe('portable workflow documents — refused documents', () => {
  it.each<[string, unknown, string]>([
    [
      'a newer format version',
      document({ format: 'automations.workflow/v2', agencyId: 'x', placeholders: 'none' }),
      'unsupported format \'automations.workflow/v2\': this version reads "automations.workflow/v1"',
    ],
    ['another product’s export', { name: 'My Zap', nodes: [], format: 'n8n' }, "unsupported format 'n8n'"],
    ['a format given as a number', document({ format: 1 }), 'unsupported format a number'],
    ['no format at all', withoutKey(document(), 'format'), 'is required: this version reads "automations.workflow/v1"'],
    [
      'a format of 10 KB (named in at most 100 characters)',
      document({ format: 'x'.repeat(10_000) }),
      `unsupported format '${'x'.repeat(100)}'`,
    ],
  ])('%s → one error at document.format naming it', (_case, input, message) => {
    const result = parsePortableDocument(input);
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'document.format', message: expect.stringContaining(message) }],
    });
    if (!result.ok) expect(result.errors[0].message.length).toBeLessThan(200);
  });

  it.each<[string, unknown, string, string]>([
    ['not an object', [document()], 'document', 'must be an exported workflow document (an object), got an array'],
    ['text instead of a document', 'automations.workflow/v1', 'document', 'got a string'],
    [
      'an unknown top-level key',
      document({ agencyId: 'a1' }),
      'document.agencyId',
      "unknown property 'agencyId' (allowed: format, exportedAt, definition, placeholders)",
    ],
    [
      'placeholders not an array',
      document({ placeholders: { channel } }),
      'document.placeholders',
      'must be an array, got an object',
    ],
    [
      'a placeholder with a bad key',
      document({ placeholders: [{ ...channel, key: 'team channel' }] }),
      'document.placeholders[0].key',
      'must start with a letter',
    ],
    [
      'a placeholder without a label',
      document({ placeholders: [withoutKey(channel as unknown as Json, 'label')] }),
      'document.placeholders[0].label',
      'is required',
    ],
    [
      'a placeholder schema with a foreign regex',
      document({ placeholders: [{ ...channel, schema: { type: 'string', pattern: '^(a|a)*$' } }] }),
      'document.placeholders[0].schema.pattern',
      "product's patterns",
    ],
    [
      'duplicate placeholder keys',
      document({ placeholders: [channel, channel] }),
      'document.placeholders[1].key',
      "duplicate placeholder key 'channel'",
    ],
    [
      'a declared placeholder the definition never uses',
      document({ placeholders: [channel, { ...channel, key: 'spare' }] }),
      'document.placeholders[1].key',
      "placeholder 'spare' is not used",
    ],
    [
      'the definition using an undeclared placeholder',
      document({ placeholders: [] }),
      'document.definition.steps[0].config.recipients',
      "unknown placeholder 'channel'",
    ],
    [
      'the definition missing',
      withoutKey(document(), 'definition'),
      'document.definition',
      'must be a workflow definition object',
    ],
    [
      'the definition invalid outside its placeholders',
      document({
        definition: minimalDefinition([
          { type: 'send_notification', config: { channel: 'slack', recipients: placeholderRef('channel') } },
        ]),
      }),
      'document.definition.steps[0].config.message',
      'is required',
    ],
  ])('%s', (_case, input, path, message) => {
    const result = parsePortableDocument(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('names paths under the base it is given', () => {
    expect(parsePortableDocument(document({ placeholders: [{ ...channel, key: '' }] }), 'body.document')).toEqual({
      ok: false,
      errors: [{ path: 'body.document.placeholders[0].key', message: 'must not be empty' }],
    });
  });
});
