import { AgencyEntity } from './agency.entity';
import { AlertEntity } from './alert.entity';
import { ApiKeyEntity } from './api-key.entity';
import { ApprovalEntity } from './approval.entity';
import { AuditEventEntity } from './audit-event.entity';
import { AutomationTemplateEntity } from './automation-template.entity';
import { BuiltinTemplateUsageEntity } from './builtin-template-usage.entity';
import { ClientMetricEntity } from './client-metric.entity';
import { ClientEntity } from './client.entity';
import { CommunicationDraftEntity } from './communication-draft.entity';
import { EventEntity } from './event.entity';
import { IntegrationEntity } from './integration.entity';
import { NotificationEntity } from './notification.entity';
import { RunStepEntity } from './run-step.entity';
import { TaskEntity } from './task.entity';
import { TemplateShareEntity } from './template-share.entity';
import { TicketEntity } from './ticket.entity';
import { UserEntity } from './user.entity';
import { WorkflowRunEntity } from './workflow-run.entity';
import { WorkflowVersionEntity } from './workflow-version.entity';
import { WorkflowEntity } from './workflow.entity';

export * from './agency.entity';
export * from './alert.entity';
export * from './api-key.entity';
export * from './approval.entity';
export * from './audit-event.entity';
export * from './automation-template.entity';
export * from './builtin-template-usage.entity';
export * from './client-metric.entity';
export * from './client.entity';
export * from './communication-draft.entity';
export * from './event.entity';
export * from './integration.entity';
export * from './notification.entity';
export * from './run-step.entity';
export * from './task.entity';
export * from './template-share.entity';
export * from './ticket.entity';
export * from './user.entity';
export * from './workflow-run.entity';
export * from './workflow-version.entity';
export * from './workflow.entity';

/** Explicit list (no globs: globs break inside bundles). */
export const ALL_ENTITIES = [
  AgencyEntity,
  UserEntity,
  ApiKeyEntity,
  ClientEntity,
  ClientMetricEntity,
  EventEntity,
  WorkflowEntity,
  WorkflowVersionEntity,
  WorkflowRunEntity,
  RunStepEntity,
  ApprovalEntity,
  AuditEventEntity,
  TaskEntity,
  TicketEntity,
  AlertEntity,
  CommunicationDraftEntity,
  NotificationEntity,
  IntegrationEntity,
  AutomationTemplateEntity,
  TemplateShareEntity,
  BuiltinTemplateUsageEntity,
];
