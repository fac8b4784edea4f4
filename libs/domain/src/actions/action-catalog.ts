import type { ActionType } from '../constants/workflow.constants';
import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { ConfigSchemaRegistry, type ConfigValidation } from '../json-schema/config-schema.registry';
import { checkConfigTemplates } from '../templates/config-template.checker';
import type { FieldError, TypeDescriptor } from '../types/validation.types';
import { addAlertAction } from './add-alert.action-schema';
import { createTaskAction } from './create-task.action-schema';
import { createTicketAction } from './create-ticket.action-schema';
import { draftCommunicationAction } from './draft-communication.action-schema';
import { sendNotificationAction } from './send-notification.action-schema';
import { updateClientAction } from './update-client.action-schema';

const ACTION_DEFINITIONS: readonly ConfigTypeDefinition<ActionType>[] = [
  createTaskAction,
  sendNotificationAction,
  draftCommunicationAction,
  createTicketAction,
  updateClientAction,
  addAlertAction,
];

/** Every action type with its label, description, config JSON Schema and examples. */
export const actionCatalog: TypeDescriptor<ActionType>[] = ACTION_DEFINITIONS.map(
  (definition) => definition.descriptor,
);

const actionConfigRegistry = new ConfigSchemaRegistry<ActionType>(ACTION_DEFINITIONS);

export function isActionType(type: unknown): type is ActionType {
  return actionConfigRegistry.has(type);
}

export function getActionDescriptor(type: ActionType): TypeDescriptor<ActionType> | undefined {
  return actionCatalog.find((descriptor) => descriptor.type === type);
}

/** Schema, semantic rules and templates of one action config; paths are prefixed with `basePath`. */
export function checkActionConfig(type: ActionType, config: unknown, basePath: string): ConfigValidation {
  const result = actionConfigRegistry.validate(type, config, basePath);
  return { value: result.value, errors: [...result.errors, ...checkConfigTemplates(result.value, basePath)] };
}

/** Validates one action config (schema, semantic rules, templates). Paths are relative to the config. */
export function validateActionConfig(type: ActionType, config: unknown): FieldError[] {
  return checkActionConfig(type, config, '').errors;
}
