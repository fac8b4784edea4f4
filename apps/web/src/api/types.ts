import type { components, paths } from './schema';

/** Names for the generated API types, so app code never restates a shape by hand. */
type Schemas = components['schemas'];

export type LoginRequest = Schemas['LoginDto'];
export type LoginResponse = Schemas['LoginResponseDto'];
export type Agency = Schemas['AgencyDto'];
export type Me = Schemas['MeDto'];
export type Role = Me['role'];
export type WorkflowPage = Schemas['WorkflowPageDto'];
// Taken from the page rather than by name, so a rename of the item schema does not break the app.
export type WorkflowListItem = WorkflowPage['items'][number];
export type WorkflowDetail = Schemas['WorkflowDetailDto'];
export type WorkflowWarning = WorkflowDetail['warnings'][number];
export type ErrorResponse = Schemas['ErrorResponseDto'];
export type ValidationDetail = NonNullable<ErrorResponse['details']>[number];
export type TypeDescriptor = Schemas['TypeDescriptorDto'];
export type Client = Schemas['ClientDto'];

export type WorkflowListQuery = NonNullable<paths['/api/v1/workflows']['get']['parameters']['query']>;
export type WorkflowSort = NonNullable<WorkflowListQuery['sort']>;
export type WorkflowUpdate = paths['/api/v1/workflows/{id}']['patch']['requestBody']['content']['application/json'];

/** The workflow definition as the API accepts it (PRODUCT.md §2). */
export type WorkflowDefinition = Schemas['WorkflowDefinition'];
export type TriggerDefinition = WorkflowDefinition['triggers'][number];
export type TriggerType = TriggerDefinition['type'];
export type StepDefinition = WorkflowDefinition['steps'][number];
export type BranchStepDefinition = Extract<StepDefinition, { type: 'branch' }>;
export type ActionStepDefinition = Exclude<StepDefinition, { type: 'branch' }>;
export type ActionType = ActionStepDefinition['type'];
export type ConditionDefinition = BranchStepDefinition['condition'];
export type ConditionRuleDefinition = NonNullable<ConditionDefinition['all']>[number];
export type ConditionOperator = ConditionRuleDefinition['operator'];
