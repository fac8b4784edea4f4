import { actionCatalog } from '../actions/action-catalog';
import { sensitivePropertiesOf } from '../json-schema/sensitive-fields';
import { cloneJson, isPlainObject } from '../shared/plain-object.util';
import type { Step } from '../types/workflow-definition.types';
import { walkSteps } from './step-walker';

/** Action type → its config's `x-sensitive` properties (only types that have some). */
const SENSITIVE_ACTION_FIELDS: ReadonlyMap<string, readonly string[]> = new Map(
  actionCatalog
    .map((descriptor) => [descriptor.type, sensitivePropertiesOf(descriptor.configSchema)] as const)
    .filter(([, fields]) => fields.length > 0),
);

/** `x-sensitive` properties of an action type's config (`send_notification` → `['recipients']`). */
export function sensitiveActionFields(type: string): readonly string[] {
  return SENSITIVE_ACTION_FIELDS.get(type) ?? [];
}

/** Where a sensitive value sits: the step (ids are unique in a definition) and the config property. */
export interface SensitiveFieldRef {
  stepId: string;
  field: string;
}

/**
 * A copy of `steps` (branches included) in which every present `x-sensitive` config value is replaced by
 * `transform(value, ref)`. `steps` itself is left untouched. Values of any shape are handed over as
 * stored (plaintext or an encrypted form), so the same walk seals, opens and re-seals.
 */
export function mapSensitiveStepFields(
  steps: readonly Step[],
  transform: (value: unknown, ref: SensitiveFieldRef) => unknown,
): Step[] {
  const copy = cloneJson(steps as Step[]);
  walkSteps(copy, (step) => {
    const fields = sensitiveActionFields(step.type);
    const config = (step as { config?: unknown }).config;
    if (fields.length === 0 || !isPlainObject(config)) return;
    for (const field of fields) {
      if (config[field] !== undefined) config[field] = transform(config[field], { stepId: step.id, field });
    }
  });
  return copy;
}
