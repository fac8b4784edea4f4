import { MAX_TRIGGERS, MIN_TRIGGERS, TRIGGER_TYPES } from '../constants/workflow.constants';
import { childPath, indexPath } from '../shared/field-path.util';
import { describeJsonType, isPlainObject } from '../shared/plain-object.util';
import { checkTriggerConfig, isTriggerType } from '../triggers/trigger-catalog';
import type { TriggerDefinition } from '../types/workflow-definition.types';
import type { FieldError } from '../types/validation.types';

const TRIGGER_KEYS = ['type', 'config'];

function validateTrigger(input: unknown, path: string, errors: FieldError[]): TriggerDefinition | undefined {
  if (!isPlainObject(input)) {
    errors.push({ path, message: `must be a trigger object {type, config}, got ${describeJsonType(input)}` });
    return undefined;
  }
  for (const key of Object.keys(input)) {
    if (!TRIGGER_KEYS.includes(key)) {
      errors.push({
        path: childPath(path, key),
        message: `unknown property '${key}' on a trigger (allowed: ${TRIGGER_KEYS.join(', ')})`,
      });
    }
  }
  const typePath = childPath(path, 'type');
  if (input.type === undefined) {
    errors.push({ path: typePath, message: 'is required' });
    return undefined;
  }
  if (!isTriggerType(input.type)) {
    errors.push({
      path: typePath,
      message: `unknown trigger type ${JSON.stringify(input.type)} (expected one of: ${TRIGGER_TYPES.join(', ')})`,
    });
    return undefined;
  }
  const configPath = childPath(path, 'config');
  if (input.config === undefined) {
    errors.push({ path: configPath, message: 'is required' });
    return undefined;
  }
  const checked = checkTriggerConfig(input.type, input.config, configPath);
  errors.push(...checked.errors);
  return { type: input.type, config: checked.value } as TriggerDefinition;
}

/** Validates `triggers`: 1 or 2 triggers (AND), known types, configs per type, at most one `scheduled`. */
export function validateTriggerList(input: unknown, errors: FieldError[]): TriggerDefinition[] {
  const path = 'triggers';
  if (input === undefined) {
    errors.push({ path, message: `is required (${MIN_TRIGGERS} or ${MAX_TRIGGERS} triggers)` });
    return [];
  }
  if (!Array.isArray(input)) {
    errors.push({
      path,
      message: `must be an array of ${MIN_TRIGGERS} or ${MAX_TRIGGERS} triggers, got ${describeJsonType(input)}`,
    });
    return [];
  }
  if (input.length < MIN_TRIGGERS || input.length > MAX_TRIGGERS) {
    errors.push({ path, message: `must contain ${MIN_TRIGGERS} or ${MAX_TRIGGERS} triggers, got ${input.length}` });
  }
  const triggers = input.flatMap((item, index) => validateTrigger(item, indexPath(path, index), errors) ?? []);
  const scheduledIndexes = input.flatMap((item, index) =>
    isPlainObject(item) && item.type === 'scheduled' ? [index] : [],
  );
  for (const index of scheduledIndexes.slice(1)) {
    errors.push({
      path: childPath(indexPath(path, index), 'type'),
      message: "at most one 'scheduled' trigger is allowed",
    });
  }
  return triggers;
}
