import type { TriggerType } from '../constants/workflow.constants';
import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { ConfigSchemaRegistry, type ConfigValidation } from '../json-schema/config-schema.registry';
import type { FieldError, TypeDescriptor } from '../types/validation.types';
import { TRIGGER_TYPE_DEFINITIONS } from './trigger-type.registry';

const TRIGGER_DEFINITIONS: readonly ConfigTypeDefinition<TriggerType>[] = TRIGGER_TYPE_DEFINITIONS;

/** Every trigger type with its label, description, config JSON Schema and examples. */
export const triggerCatalog: TypeDescriptor<TriggerType>[] = TRIGGER_DEFINITIONS.map(
  (definition) => definition.descriptor,
);

const triggerConfigRegistry = new ConfigSchemaRegistry<TriggerType>(TRIGGER_DEFINITIONS);

export function isTriggerType(type: unknown): type is TriggerType {
  return triggerConfigRegistry.has(type);
}

export function getTriggerDescriptor(type: TriggerType): TypeDescriptor<TriggerType> | undefined {
  return triggerCatalog.find((descriptor) => descriptor.type === type);
}

/** Schema and semantic rules of one trigger config; paths are prefixed with `basePath`. */
export function checkTriggerConfig(type: TriggerType, config: unknown, basePath: string): ConfigValidation {
  return triggerConfigRegistry.validate(type, config, basePath);
}

/** Validates one trigger config (schema and semantic rules). Paths are relative to the config. */
export function validateTriggerConfig(type: TriggerType, config: unknown): FieldError[] {
  return checkTriggerConfig(type, config, '').errors;
}
