import Ajv from 'ajv';
import { MAX_BRANCH_DEPTH } from '../constants/workflow.constants';
import type { JsonSchema } from '../types/validation.types';
import { workflowDefinitionExample } from './workflow-definition.example';
import { workflowDefinitionJsonSchema } from './workflow-definition.json-schema';

const alert = { type: 'add_alert', config: { title: 't', severity: 'info' } };
const nested = (depth: number): Record<string, unknown> =>
  depth === 0
    ? alert
    : {
        type: 'branch',
        condition: { any: [{ field: 'client.stage', operator: 'exists' }] },
        then: [nested(depth - 1)],
      };
const definitionWith = (steps: unknown[]) => ({
  name: 'n',
  triggers: [{ type: 'inactivity', config: { days: 3 } }],
  steps,
});

describe('workflowDefinitionJsonSchema', () => {
  const ajv = new Ajv({ strict: true });
  ajv.addKeyword('example');
  ajv.addKeyword('x-sensitive');
  const validate = ajv.compile(workflowDefinitionJsonSchema);

  it.each<[string, unknown, boolean]>([
    ['the PRODUCT.md example', workflowDefinitionExample, true],
    ['a null description', { ...definitionWith([alert]), description: null }, true],
    [`branches nested ${MAX_BRANCH_DEPTH} deep`, definitionWith([nested(MAX_BRANCH_DEPTH)]), true],
    [`branches nested ${MAX_BRANCH_DEPTH + 1} deep`, definitionWith([nested(MAX_BRANCH_DEPTH + 1)]), false],
    ['an unknown top-level key', { ...definitionWith([alert]), owner: 'x' }, false],
    [
      'three triggers',
      { ...definitionWith([alert]), triggers: [1, 2, 3].map((days) => ({ type: 'inactivity', config: { days } })) },
      false,
    ],
    ['no steps', definitionWith([]), false],
    ['an unknown action type', definitionWith([{ type: 'wait', config: {} }]), false],
    [
      'a condition with both all and any',
      definitionWith([
        {
          ...alert,
          condition: { all: [{ field: 'a', operator: 'exists' }], any: [{ field: 'a', operator: 'exists' }] },
        },
      ]),
      false,
    ],
  ])('%s → %s', (_name, input, expected) => {
    expect(validate(input)).toBe(expected);
  });

  it('uses no $ref and no const, so it can be embedded in OpenAPI 3.0 documents', () => {
    const text = JSON.stringify(workflowDefinitionJsonSchema);
    expect(text).not.toContain('"$ref"');
    expect(text).not.toContain('"const"');
    expect((workflowDefinitionJsonSchema as JsonSchema).example).toEqual(workflowDefinitionExample);
  });
});
