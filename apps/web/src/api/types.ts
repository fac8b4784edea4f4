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

export type RunPage = Schemas['RunPageDto'];
export type RunSummary = Schemas['RunSummaryDto'];
export type RunDetail = Schemas['RunDetailDto'];
export type RunStep = Schemas['RunStepDto'];
export type RunApproval = Schemas['RunApprovalDto'];
export type TimelineEntry = Schemas['TimelineEntryDto'];
export type RunStatus = RunSummary['status'];
export type StepStatus = RunStep['status'];
export type RunListQuery = NonNullable<paths['/api/v1/workflows/runs']['get']['parameters']['query']>;
export type BulkRunsRequest = Schemas['BulkRunsDto'];
export type BulkRunFilter = Schemas['BulkRunFilterDto'];
export type BulkRunsResult = Schemas['BulkRunsResultDto'];
export type BulkRunSkipReason = Schemas['BulkRunSkippedDto']['reason'];

export type ApprovalPage = Schemas['ApprovalPageDto'];
export type ApprovalItem = Schemas['ApprovalQueueItemDto'];

export type WorkflowAnalytics = Schemas['WorkflowAnalyticsDto'];
export type AnalyticsDay = WorkflowAnalytics['perDay'][number];

export type WorkflowPreview = Schemas['WorkflowPreviewDto'];
export type StepPreview = WorkflowPreview['steps'][number];
export type PreviewRequest = Schemas['PreviewDefinitionDto'];

export type EventPage = Schemas['EventPageDto'];
export type EventSummary = Schemas['EventDto'];
export type EventDetail = Schemas['EventDetailDto'];
export type EventType = EventSummary['type'];
export type EventListQuery = NonNullable<paths['/api/v1/events']['get']['parameters']['query']>;

export type ClientPage = Schemas['ClientPageDto'];
export type ClientMetrics = Schemas['ClientMetricsDto'];
export type Task = Schemas['TaskDto'];
export type Ticket = Schemas['TicketDto'];
export type AlertRecord = Schemas['AlertDto'];
export type Draft = Schemas['DraftDto'];

export type User = Schemas['UserDto'];
export type CreateUserRequest = Schemas['CreateUserDto'];
export type UpdateUserRequest = Schemas['UpdateUserDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
export type Integration = Schemas['IntegrationDto'];
export type IntegrationKind = Integration['kind'];
export type SlackIntegrationRequest = Schemas['PutSlackIntegrationDto'];
export type EmailIntegrationRequest = Schemas['PutEmailIntegrationDto'];
export type OpenAiIntegrationRequest = Schemas['PutOpenAiIntegrationDto'];
export type AgencyUpdate = Schemas['UpdateAgencyDto'];
export type MetricName = Schemas['MetricNameDto'];
export type SlackDirectory = Schemas['SlackDirectoryDto'];

export type Template = Schemas['TemplateDto'];
export type TemplatePage = Schemas['TemplatePageDto'];
export type TemplatePlaceholder = Schemas['TemplatePlaceholderDto'];
export type TemplateCategory = Template['category'];
export type TemplateSource = Template['source'];
export type TemplateShareCode = Schemas['TemplateShareCodeDto'];
export type TemplateListQuery = NonNullable<paths['/api/v1/templates']['get']['parameters']['query']>;
export type PortableWorkflowDocument = Schemas['PortableWorkflowDocumentDto'];
export type SaveAsTemplateRequest = Schemas['CreateTemplateFromWorkflowDto'];
