import { actionCatalog } from '../actions/action-catalog';
import { SENSITIVE_KEYWORD } from '../json-schema/sensitive-fields';
import { triggerCatalog } from '../triggers/trigger-catalog';
import type { JsonSchema } from '../types/validation.types';
import type { Step } from '../types/workflow-definition.types';
import { mapSensitiveStepFields, sensitiveActionFields } from './sensitive-step-fields';

/** Paths of every `x-sensitive` keyword in a schema, and of every property whose name suggests an address. */
function scan(schema: JsonSchema, path: string, marked: string[], addressLike: string[]): void {
  if (schema[SENSITIVE_KEYWORD] !== undefined) marked.push(path);
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (/^(to|cc|bcc|recipients?|emails?|.*Email)$/.test(name)) addressLike.push(`${path}.${name}`);
    scan(property, `${path}.${name}`, marked, addressLike);
  }
  if (schema.items) scan(schema.items as JsonSchema, `${path}[]`, marked, addressLike);
}

describe('x-sensitive config fields', () => {
  it.each<[string, string[]]>([
    ['send_notification', ['recipients']],
    ['create_task', []],
    ['draft_communication', []],
    ['create_ticket', []],
    ['update_client', []],
    ['add_alert', []],
    ['branch', []],
    ['unknown_type', []],
  ])('%s → %j', (type, fields) => {
    expect(sensitiveActionFields(type)).toEqual(fields);
  });

  it('marks only top-level config properties, and every address-like property is marked', () => {
    for (const descriptor of actionCatalog) {
      const marked: string[] = [];
      const addressLike: string[] = [];
      scan(descriptor.configSchema, descriptor.type, marked, addressLike);
      expect(marked).toEqual(sensitiveActionFields(descriptor.type).map((field) => `${descriptor.type}.${field}`));
      expect(addressLike.filter((path) => !marked.includes(path))).toEqual([]);
    }
  });

  it('no trigger config is sensitive (the matcher reads triggers without a key)', () => {
    for (const descriptor of triggerCatalog) {
      const marked: string[] = [];
      const addressLike: string[] = [];
      scan(descriptor.configSchema, descriptor.type, marked, addressLike);
      expect([...marked, ...addressLike]).toEqual([]);
    }
  });
});

describe('mapSensitiveStepFields', () => {
  const email = (id: string, recipients: string[]): Step => ({
    id,
    type: 'send_notification',
    config: { channel: 'email', recipients, message: 'm' },
  });
  const steps: Step[] = [
    email('top', ['a@x.test']),
    { id: 'task', type: 'create_task', config: { title: 't', priority: 'low' } },
    {
      id: 'b',
      type: 'branch',
      condition: { all: [{ field: 'client.stage', operator: 'exists' }] },
      then: [email('then', ['b@x.test'])],
      else: [
        { id: 'slack', type: 'send_notification', config: { channel: 'slack', recipients: ['C0123'], message: 'm' } },
      ],
    },
  ];

  it('transforms every sensitive value, branches included, with its step id and field, leaving the input untouched', () => {
    const seen: unknown[] = [];
    const mapped = mapSensitiveStepFields(steps, (value, ref) => {
      seen.push([ref.stepId, ref.field, value]);
      return `<${ref.stepId}>`;
    });
    expect(seen).toEqual([
      ['top', 'recipients', ['a@x.test']],
      ['then', 'recipients', ['b@x.test']],
      ['slack', 'recipients', ['C0123']],
    ]);
    expect(JSON.stringify(mapped)).not.toContain('@x.test');
    expect((mapped[2] as { then: { config: { recipients: unknown } }[] }).then[0].config.recipients).toBe('<then>');
    expect((steps[0] as { config: { recipients: unknown } }).config.recipients).toEqual(['a@x.test']);
    expect(mapped[1]).toEqual(steps[1]);
  });

  it('leaves steps without the field, or with a malformed config, alone', () => {
    const odd = [
      { id: 'x', type: 'send_notification', config: { channel: 'email', message: 'm' } },
      { id: 'y', type: 'send_notification' },
    ] as unknown as Step[];
    const transform = jest.fn();
    expect(mapSensitiveStepFields(odd, transform)).toEqual(odd);
    expect(transform).not.toHaveBeenCalled();
  });
});
