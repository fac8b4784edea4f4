import {
  actionCatalog,
  triggerCatalog,
  validateActionConfig,
  validateTriggerConfig,
  type ActionType,
  type TriggerType,
} from '@automations/domain';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './jsonSchema';
import { validateValue } from './validateSchema';

/**
 * The form's checker words its messages for agency staff, but must reach the API's verdicts: for each
 * catalog example, the example itself and a copy with one setting missing or of the wrong kind, the form
 * finds a problem exactly when the API's validator (ajv over the same schema) does, and at the API's paths.
 */
type Case = [label: string, schema: JsonSchema, config: Record<string, unknown>, apiPaths: string[]];

const wrongKind = (value: unknown): unknown =>
  typeof value === 'string' ? 12345 : typeof value === 'number' ? 'a word' : typeof value === 'boolean' ? 'yes' : true;

function casesOf(
  type: string,
  schema: JsonSchema,
  examples: readonly unknown[],
  validate: (config: unknown) => { path: string }[],
): Case[] {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return examples.flatMap((example, index) => {
    const config = example as Record<string, unknown>;
    const variants: [string, Record<string, unknown>][] = [[`${type} example ${index + 1}`, config]];
    for (const [name, value] of Object.entries(config)) {
      variants.push([
        `${type} example ${index + 1} with ${name} of the wrong kind`,
        { ...config, [name]: wrongKind(value) },
      ]);
      if (required.has(name)) {
        const { [name]: _removed, ...rest } = config;
        variants.push([`${type} example ${index + 1} without ${name}`, rest]);
      }
    }
    return variants.map(([label, variant]): Case => [
      label,
      schema,
      variant,
      [...new Set(validate(variant).map((error) => error.path))].sort(),
    ]);
  });
}

const cases: Case[] = [
  ...triggerCatalog.flatMap((descriptor) =>
    casesOf(descriptor.type, descriptor.configSchema as JsonSchema, descriptor.examples, (config) =>
      validateTriggerConfig(descriptor.type as TriggerType, config),
    ),
  ),
  ...actionCatalog.flatMap((descriptor) =>
    casesOf(descriptor.type, descriptor.configSchema as JsonSchema, descriptor.examples, (config) =>
      validateActionConfig(descriptor.type as ActionType, config),
    ),
  ),
];

describe('the form and the API agree on what is wrong', () => {
  it.each(cases)('%s', (_label, schema, config, apiPaths) => {
    const formPaths = Object.keys(validateValue(schema, config));
    expect(formPaths.length > 0).toBe(apiPaths.length > 0);
    // A list also shows one message for its entries, so the form may name the list besides the entry.
    for (const path of apiPaths) expect(formPaths).toContain(path);
  });
});
