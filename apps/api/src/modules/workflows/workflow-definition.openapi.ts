export const WORKFLOW_DEFINITION_SCHEMA_NAME = 'WorkflowDefinition';
