import { countActionSteps, DefinitionWarning, WorkflowDefinition } from '@automations/domain';
import {
  NO_RUNS,
  type WorkflowCounts,
  type WorkflowEntity,
  type WorkflowVersionEntity,
} from '@automations/persistence';
import type { ActorRefDto, WorkflowDetailDto, WorkflowSummaryDto, WorkflowVersionDto } from './workflow.dto';

function actorRef(userId: string | null, apiKeyId: string | null): ActorRefDto | null {
  if (userId) return { type: 'user', id: userId };
  if (apiKeyId) return { type: 'api_key', id: apiKeyId };
  return null;
}

/** What a workflow's runs add to its summary: counters and failed runs not yet retried. */
export interface WorkflowStats {
  counts: WorkflowCounts;
  failedRunsNeedingAttention: number;
}

export const STATS_OF_NEW_WORKFLOW: WorkflowStats = { counts: NO_RUNS, failedRunsNeedingAttention: 0 };

export function successRate(counts: Pick<WorkflowCounts, 'successCount' | 'failureCount'>): number | null {
  const finished = counts.successCount + counts.failureCount;
  return finished === 0 ? null : Math.round((counts.successCount / finished) * 10000) / 10000;
}

export function toWorkflowSummary(
  workflow: WorkflowEntity,
  { counts, failedRunsNeedingAttention }: WorkflowStats,
): WorkflowSummaryDto {
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
    runCount: counts.runCount,
    successCount: counts.successCount,
    failureCount: counts.failureCount,
    skipCount: counts.skipCount,
    successRate: successRate(counts),
    lastRunAt: counts.lastRunAt?.toISOString() ?? null,
    failedRunsNeedingAttention,
    createdAt: workflow.createdAt.toISOString(),
    updatedAt: workflow.updatedAt.toISOString(),
  };
}

export function toWorkflowDetail(
  workflow: WorkflowEntity,
  stats: WorkflowStats,
  warnings: DefinitionWarning[] = [],
): WorkflowDetailDto {
  return {
    ...toWorkflowSummary(workflow, stats),
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
