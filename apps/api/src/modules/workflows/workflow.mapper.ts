import { countActionSteps, DefinitionWarning, WorkflowDefinition } from '@automations/domain';
import type { WorkflowEntity, WorkflowVersionEntity } from '@automations/persistence';
import type { ActorRefDto, WorkflowDetailDto, WorkflowSummaryDto, WorkflowVersionDto } from './workflow.dto';

function actorRef(userId: string | null, apiKeyId: string | null): ActorRefDto | null {
  if (userId) return { type: 'user', id: userId };
  if (apiKeyId) return { type: 'api_key', id: apiKeyId };
  return null;
}

export function successRate(workflow: Pick<WorkflowEntity, 'successCount' | 'failureCount'>): number | null {
  const finished = workflow.successCount + workflow.failureCount;
  return finished === 0 ? null : Math.round((workflow.successCount / finished) * 10000) / 10000;
}

export function toWorkflowSummary(workflow: WorkflowEntity, failedRunsNeedingAttention: number): WorkflowSummaryDto {
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    isActive: workflow.isActive,
    pausedReason: workflow.pausedReason,
    requiresApproval: workflow.requiresApproval,
    version: workflow.version,
    triggerTypes: workflow.triggers.map((trigger) => trigger.type),
    actionCount: countActionSteps(workflow.steps),
    runCount: workflow.runCount,
    successCount: workflow.successCount,
    failureCount: workflow.failureCount,
    skipCount: workflow.skipCount,
    successRate: successRate(workflow),
    lastRunAt: workflow.lastRunAt?.toISOString() ?? null,
    failedRunsNeedingAttention,
    createdAt: workflow.createdAt.toISOString(),
    updatedAt: workflow.updatedAt.toISOString(),
  };
}

export function toWorkflowDetail(workflow: WorkflowEntity, failedRunsNeedingAttention: number, warnings: DefinitionWarning[] = []): WorkflowDetailDto {
  return {
    ...toWorkflowSummary(workflow, failedRunsNeedingAttention),
    triggers: workflow.triggers as unknown as Record<string, unknown>[],
    steps: workflow.steps as unknown as Record<string, unknown>[],
    createdBy: actorRef(workflow.createdByUserId, workflow.createdByApiKeyId),
    updatedBy: actorRef(workflow.updatedByUserId, workflow.updatedByApiKeyId),
    warnings,
  };
}

export function toDefinition(workflow: WorkflowEntity): WorkflowDefinition {
  return {
    name: workflow.name,
    description: workflow.description ?? undefined,
    isActive: workflow.isActive,
    requiresApproval: workflow.requiresApproval,
    triggers: workflow.triggers,
    steps: workflow.steps,
  };
}

export function toVersionDto(version: WorkflowVersionEntity): WorkflowVersionDto {
  return {
    version: version.version,
    definition: version.definition as unknown as Record<string, unknown>,
    createdBy: actorRef(version.createdByUserId, version.createdByApiKeyId),
    createdAt: version.createdAt.toISOString(),
  };
}
