// Constants and the types derived from them
export * from './constants/workflow.constants';

// Definition types
export type { FieldError, DefinitionWarning, JsonSchema, TypeDescriptor } from './types/validation.types';
export type * from './types/trigger-config.types';
export type * from './types/action-config.types';
export type * from './types/workflow-definition.types';

// Catalogs of trigger and action types
export { triggerCatalog, getTriggerDescriptor, isTriggerType, validateTriggerConfig } from './triggers/trigger-catalog';
export { actionCatalog, getActionDescriptor, isActionType, validateActionConfig } from './actions/action-catalog';
export { KPI_THRESHOLD_OPERATORS } from './triggers/kpi-threshold.trigger';
export { MESSAGE_PLATFORMS } from './triggers/new-message.trigger';
export {
  TRIGGER_TYPE_DEFINITIONS,
  triggerTypeDefinition,
  scheduleTriggerOf,
  type AnyTriggerTypeDefinition,
} from './triggers/trigger-type.registry';
export type {
  TriggerTypeDefinition,
  EventTriggerTypeDefinition,
  SourcedTriggerTypeDefinition,
  TriggerRouteField,
} from './triggers/trigger-type.definition';
export { inactivityTriggerData } from './triggers/inactivity.trigger';
export { missesClientFilter } from './triggers/scheduled.trigger';
export { CLIENT_ASSIGNEE } from './actions/create-task.action-schema';
export { NOTIFICATION_CHANNELS } from './actions/send-notification.action-schema';
export { DRAFT_PLATFORMS, DRAFT_TONES } from './actions/draft-communication.action-schema';

// Whole definition
export {
  validateWorkflowDefinition,
  type WorkflowDefinitionValidationResult,
} from './definition/workflow-definition.validator';
export { workflowDefinitionJsonSchema } from './definition/workflow-definition.json-schema';
export { workflowDefinitionExample } from './definition/workflow-definition.example';
export {
  walkSteps,
  countActionSteps,
  listActionSteps,
  type StepVisit,
  type StepVisitor,
} from './definition/step-walker';
export { isActionStep, isBranchStep } from './definition/step-guards';
export { collectReferencedUserIds } from './definition/referenced-user-ids';
export { collectStageReferences, type StageReference } from './definition/referenced-stages';
export {
  PICKER_KEYWORD,
  PICKER_KINDS,
  pickedValues,
  type PickerKind,
  type PickedValue,
} from './json-schema/picker-fields';
export { SENSITIVE_KEYWORD, sensitivePropertiesOf } from './json-schema/sensitive-fields';
export {
  sensitiveActionFields,
  mapSensitiveStepFields,
  type SensitiveFieldRef,
} from './definition/sensitive-step-fields';

// Conditions
export { evaluateCondition, evaluateConditionRule, type ConditionContext } from './conditions/condition-evaluator';
export { CONDITION_FIELDS, describeConditionFieldProblem } from './conditions/condition-fields';
export { zonedHourAndWeekday } from './conditions/zoned-time';

// Templates
export { extractTemplateVariables, checkTemplate } from './templates/template-checker';
export { renderTemplate, type TemplateContext } from './templates/template-renderer';
export { escapeTemplateValue, type TemplateEscape } from './templates/template-escaping';
export { TEMPLATE_VARIABLES, describeTemplateVariableProblem } from './templates/template-variables';

// Cron and time zones
export { describeCronValidity, nextCronRuns } from './cron/cron-schedule';
export { isValidTimeZone } from './cron/time-zone';

// Patterns shared with the API and the SPA
export { METRIC_NAME_PATTERN, SLACK_ID_PATTERN, STEP_ID_PATTERN, isUuid } from './shared/patterns';

// Execution: trigger forms and the run's step planner
export * from './triggers/trigger-forms';
export { triggerRoute, eventRoutes } from './triggers/trigger-routes';
export * from './runs/step-planner';
export { decideToNextAction, type StepDecision } from './runs/decide-to-next-action';
export * from './runs/step-config-renderer';

// Loop prevention: run-time rules and the save-time cycle warning
export * from './loops/loop-rules';
export * from './loops/trigger-cycles';

// Automation templates: placeholders, saving a workflow as a template, portable documents
export * from './automation-templates/template.types';
export { isPlainObject } from './shared/plain-object.util';
export {
  isPlaceholderRef,
  placeholderRef,
  findPlaceholderUses,
  fillPlaceholders,
  type PlaceholderUse,
} from './automation-templates/placeholder-refs';
export { checkPlaceholderSchema, checkPlaceholderValue } from './automation-templates/placeholder-schema';
export {
  validateTemplateContent,
  checkTemplateDefinition,
  type TemplateContentResult,
} from './automation-templates/template-content.validator';
export {
  resolvePlaceholderValues,
  instantiateTemplate,
  type InstantiationResult,
  type PlaceholderValuesResult,
} from './automation-templates/template-instantiation';
export {
  templatizeDefinition,
  type TemplatizeOptions,
  type TemplatizedDefinition,
} from './automation-templates/definition-templatizer';
export {
  PORTABLE_WORKFLOW_FORMAT,
  createPortableDocument,
  parsePortableDocument,
  type PortableWorkflowDocument,
} from './automation-templates/portable-workflow';
export { BUILTIN_TEMPLATES, getBuiltinTemplate } from './automation-templates/builtin';

// Version diff (PRODUCT.md §8.3)
export {
  diffDefinitions,
  type DefinitionDiff,
  type ValueChange,
  type SettingChange,
  type TriggerEntry,
  type TriggerChange,
  type StepEntry,
  type StepChange,
  type StepMove,
} from './definition/definition-diff';
