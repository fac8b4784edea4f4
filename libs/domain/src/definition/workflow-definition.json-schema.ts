import {
  ACTION_TYPES,
  CONDITION_OPERATORS,
  MAX_BRANCH_DEPTH,
  MAX_CONDITION_RULES,
  MAX_DELAY_MINUTES,
  MAX_TRIGGERS,
  MAX_WORKFLOW_DESCRIPTION_LENGTH,
  MAX_WORKFLOW_NAME_LENGTH,
  MIN_TRIGGERS,
  TRIGGER_TYPES,
} from '../constants/workflow.constants';
import { CONDITION_FIELDS } from '../conditions/condition-fields';
import { STEP_ID_PATTERN } from '../shared/patterns';
import type { JsonSchema } from '../types/validation.types';
import { workflowDefinitionExample } from './workflow-definition.example';

/*
 * JSON Schema of a whole definition, for the OpenAPI docs. It is looser than
 * `validateWorkflowDefinition` (configs are plain objects: their schemas are served by the
 * types endpoints) and written for OpenAPI 3.0 as well as JSON Schema draft-07: no `const`,
 * no type arrays (`nullable` instead), `example` rather than `examples`, no `$ref` (branch
 * nesting is unrolled to MAX_BRANCH_DEPTH levels).
 */

const ruleListSchema: JsonSchema = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_CONDITION_RULES,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['field', 'operator'],
    properties: {
      field: { type: 'string', description: `One of: ${CONDITION_FIELDS.join(', ')}.`, example: 'client.health' },
      operator: { type: 'string', enum: [...CONDITION_OPERATORS] },
      value: {
        description:
          'A string, number or boolean; an array of them for `in`; a number for `greater_than` / `less_than`; absent for `exists` / `not_exists`.',
      },
    },
  },
};

const conditionSchema: JsonSchema = {
  type: 'object',
  description: 'Exactly one of `all` (every rule holds) or `any` (at least one rule holds).',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: { all: ruleListSchema, any: ruleListSchema },
};

const stepIdSchema: JsonSchema = {
  type: 'string',
  pattern: STEP_ID_PATTERN,
  description: 'Unique within the workflow; filled by the API when absent.',
};

const actionStepSchema: JsonSchema = {
  type: 'object',
  title: 'Action step',
  additionalProperties: false,
  required: ['type', 'config'],
  properties: {
    id: stepIdSchema,
    type: { type: 'string', enum: [...ACTION_TYPES] },
    config: {
      type: 'object',
      additionalProperties: true,
      description: 'Config of the action type; its JSON Schema is served by GET /workflows/actions/types.',
    },
    delayMinutes: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_DELAY_MINUTES,
      description: 'Wait this long before running the step.',
    },
    requiresApproval: { type: 'boolean', description: 'Wait for an admin approval before running the step.' },
    continueOnFailure: {
      type: 'boolean',
      description: 'Go on with the next step when this one fails (default false).',
    },
    condition: { ...conditionSchema, description: 'Skip the step when this condition is false.' },
  },
};

/** A step inside `depth` branches: an action, or (while nesting is allowed) a branch. */
function stepSchema(depth: number): JsonSchema {
  return depth < MAX_BRANCH_DEPTH ? { oneOf: [actionStepSchema, branchStepSchema(depth + 1)] } : actionStepSchema;
}

function branchStepSchema(depth: number): JsonSchema {
  return {
    type: 'object',
    title: 'Branch step',
    description: `Runs \`then\` when the condition holds, else \`else\`. Branches nest at most ${MAX_BRANCH_DEPTH} deep.`,
    additionalProperties: false,
    required: ['type', 'condition', 'then'],
    properties: {
      id: stepIdSchema,
      type: { type: 'string', enum: ['branch'] },
      condition: conditionSchema,
      then: { type: 'array', minItems: 1, items: stepSchema(depth) },
      else: { type: 'array', items: stepSchema(depth) },
    },
  };
}

export const workflowDefinitionJsonSchema: JsonSchema = {
  title: 'WorkflowDefinition',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'triggers', 'steps'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: MAX_WORKFLOW_NAME_LENGTH },
    description: { type: 'string', maxLength: MAX_WORKFLOW_DESCRIPTION_LENGTH, nullable: true },
    isActive: { type: 'boolean' },
    requiresApproval: { type: 'boolean', description: 'Every action needs an approval (default false).' },
    triggers: {
      type: 'array',
      description: 'One or two triggers (AND); at most one `scheduled`.',
      minItems: MIN_TRIGGERS,
      maxItems: MAX_TRIGGERS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'config'],
        properties: {
          type: { type: 'string', enum: [...TRIGGER_TYPES] },
          config: {
            type: 'object',
            additionalProperties: true,
            description: 'Config of the trigger type; its JSON Schema is served by GET /workflows/triggers/types.',
          },
        },
      },
    },
    steps: { type: 'array', minItems: 1, items: stepSchema(0) },
  },
  example: workflowDefinitionExample,
};
