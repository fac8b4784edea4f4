import {
  mapSensitiveStepFields,
  type SensitiveFieldRef,
  type Step,
  type WorkflowDefinition,
} from '@automations/domain';
import type { SecretBox } from './secret-box';

/**
 * Sensitive fields of stored workflow definitions (`x-sensitive` in the config schemas, e.g. email
 * recipients): in `workflows.steps` and `workflow_versions.definition` such a value is stored as
 * `{"$sealed": "<SecretBox box of its JSON>"}`, bound to the agency, the workflow, the step and the
 * field. Only action step configs carry them; triggers are stored as they are.
 *
 * Plaintext values (rows written before encryption, or by a writer that did not seal) still read:
 * `openSteps` passes them through, and `npm run cli -- rotate-keys` seals them.
 */
export const SEALED_KEY = '$sealed';

export interface SealedValue {
  $sealed: string;
}

export function isSealedValue(value: unknown): value is SealedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as Record<string, unknown>)[SEALED_KEY] === 'string'
  );
}

/** What a sensitive value of a workflow's definition is bound to (additional authenticated data). */
export function sensitiveFieldContext(agencyId: string, workflowId: string, ref: SensitiveFieldRef): string {
  return `workflow:${agencyId}:${workflowId}:${ref.stepId}:${ref.field}`;
}

/** The workflow a definition belongs to: every box in it is bound to this pair. */
export interface DefinitionOwner {
  agencyId: string;
  workflowId: string;
}

/** A copy of `steps` with every sensitive value sealed under the current key (sealed values are kept as they are). */
export function sealSteps(box: SecretBox, owner: DefinitionOwner, steps: readonly Step[]): Step[] {
  return mapSensitiveStepFields(steps, (value, ref) =>
    isSealedValue(value)
      ? value
      : { [SEALED_KEY]: box.seal(JSON.stringify(value), sensitiveFieldContext(owner.agencyId, owner.workflowId, ref)) },
  );
}

/** A copy of `steps` with every sealed value opened (plaintext values pass through). Throws when a box does not open. */
export function openSteps(box: SecretBox, owner: DefinitionOwner, steps: readonly Step[]): Step[] {
  return mapSensitiveStepFields(steps, (value, ref) =>
    isSealedValue(value)
      ? (JSON.parse(box.open(value.$sealed, sensitiveFieldContext(owner.agencyId, owner.workflowId, ref))) as unknown)
      : value,
  );
}

/**
 * For key rotation: plaintext values sealed, values sealed under a previous key (or in an older format)
 * sealed again under the current key. `changed` is false when every value was already current.
 */
export function resealSteps(
  box: SecretBox,
  owner: DefinitionOwner,
  steps: readonly Step[],
): { steps: Step[]; changed: boolean } {
  let changed = false;
  const resealed = mapSensitiveStepFields(steps, (value, ref) => {
    const context = sensitiveFieldContext(owner.agencyId, owner.workflowId, ref);
    if (!isSealedValue(value)) {
      changed = true;
      return { [SEALED_KEY]: box.seal(JSON.stringify(value), context) };
    }
    if (!box.isStale(value.$sealed)) return value;
    changed = true;
    return { [SEALED_KEY]: box.reseal(value.$sealed, context) };
  });
  return { steps: resealed, changed };
}

export function sealDefinition<T extends Pick<WorkflowDefinition, 'steps'>>(
  box: SecretBox,
  owner: DefinitionOwner,
  definition: T,
): T {
  return { ...definition, steps: sealSteps(box, owner, definition.steps) };
}

export function openDefinition<T extends Pick<WorkflowDefinition, 'steps'>>(
  box: SecretBox,
  owner: DefinitionOwner,
  definition: T,
): T {
  return { ...definition, steps: openSteps(box, owner, definition.steps) };
}
