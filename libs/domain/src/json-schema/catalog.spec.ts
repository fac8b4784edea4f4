import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { actionCatalog, validateActionConfig } from '../actions/action-catalog';
import { ACTION_TYPES, TRIGGER_TYPES } from '../constants/workflow.constants';
import { triggerCatalog, validateTriggerConfig } from '../triggers/trigger-catalog';
import type { JsonSchema, TypeDescriptor } from '../types/validation.types';
import { PICKER_KEYWORD } from './picker-fields';
import { SENSITIVE_KEYWORD } from './sensitive-fields';

type Finding = string;

/** Every object schema of the form tree (not inside allOf/if/then, which only refine it). */
function inspectSchema(schema: JsonSchema, path: string, findings: Finding[]): void {
  if (schema.type === 'object' && schema.additionalProperties !== false)
    findings.push(`${path}: additionalProperties is not false`);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, property] of Object.entries(properties)) {
    if (typeof property.title !== 'string') findings.push(`${path}.${name}: no title`);
    if (typeof property.description !== 'string') findings.push(`${path}.${name}: no description`);
    inspectSchema(property, `${path}.${name}`, findings);
  }
  if (schema.items) inspectSchema(schema.items as JsonSchema, `${path}[]`, findings);
}

const families: [string, TypeDescriptor[], readonly string[], (type: never, config: unknown) => unknown[]][] = [
  ['trigger', triggerCatalog, TRIGGER_TYPES, validateTriggerConfig as (type: never, config: unknown) => unknown[]],
  ['action', actionCatalog, ACTION_TYPES, validateActionConfig as (type: never, config: unknown) => unknown[]],
];

describe.each(families)('%s catalog', (_family, catalog, types, validate) => {
  it('lists every type once, in the order of the constants', () => {
    expect(catalog.map((descriptor) => descriptor.type)).toEqual([...types]);
  });

  it.each(catalog.map((descriptor) => [descriptor.type, descriptor] as const))(
    '%s has a label, a one-sentence description and 1–3 examples',
    (_type, descriptor) => {
      expect(descriptor.label.length).toBeGreaterThan(0);
      expect(descriptor.description).toMatch(/^[A-Z][^]*\.$/);
      expect(descriptor.examples.length).toBeGreaterThanOrEqual(1);
      expect(descriptor.examples.length).toBeLessThanOrEqual(3);
    },
  );

  it.each(catalog.map((descriptor) => [descriptor.type, descriptor] as const))(
    '%s schema is closed and fully annotated',
    (_type, descriptor) => {
      const findings: Finding[] = [];
      inspectSchema(descriptor.configSchema, descriptor.type, findings);
      expect(findings).toEqual([]);
    },
  );

  it.each(catalog.flatMap((descriptor) => descriptor.examples.map((example) => [descriptor.type, example] as const)))(
    '%s example %j validates',
    (type, example) => {
      expect(validate(type as never, example)).toEqual([]);
    },
  );

  it.each(catalog.map((descriptor) => [descriptor.type, descriptor] as const))(
    '%s schema compiles with a stock strict ajv (as a form library would use it, declaring the x-sensitive and x-picker annotations)',
    (_type, descriptor) => {
      const ajv = new Ajv({ strict: true, allErrors: true });
      addFormats(ajv);
      ajv.addKeyword(SENSITIVE_KEYWORD);
      ajv.addKeyword(PICKER_KEYWORD);
      const validateFn = ajv.compile(descriptor.configSchema);
      for (const example of descriptor.examples) expect(validateFn(example)).toBe(true);
    },
  );
});

describe('config validation helpers', () => {
  it.each([
    [
      'trigger',
      () => validateTriggerConfig('stage_change', { toStage: 'a', fromStage: 'a' }),
      [{ path: 'fromStage', message: 'must differ from toStage' }],
    ],
    ['trigger', () => validateTriggerConfig('inactivity', 'x'), [{ path: '', message: 'must be an object' }]],
    [
      'action',
      () =>
        validateActionConfig('send_notification', {
          channel: 'slack',
          recipients: ['C0123', 'bob'],
          message: '{{client.nope}}',
        }),
      [
        { path: 'recipients[1]', message: expect.stringContaining('Slack channel or user id') },
        { path: 'message', message: expect.stringContaining("unknown template variable '{{client.nope}}'") },
      ],
    ],
  ])('%s errors are relative to the config', (_family, run, expected) => {
    expect(run()).toEqual(expected);
  });
});
