import { walkSteps, WorkflowDefinition } from '@automations/domain';
import type { ApprovalEntity, RunStepEntity } from '@automations/persistence';
import type { RunStatus } from '@automations/domain';
import type { ApprovalQueueItemDto, ApprovalStatusFilter, DecidedByDto, RunApprovalDto, RunStepDto, RunSummaryDto } from './run.dto';

/** One row of the runs query: the run's columns with its workflow's and client's names joined in. */
export interface RunRow {
  id: string;
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  clientId: string;
  clientName: string;
  mode: 'live' | 'test';
  status: RunStatus;
  reason: string | null;
  attempt: number;
  error: Record<string, unknown> | null;
  startedAt: Date;
  finishedAt: Date | null;
  triggerEvent?: Record<string, unknown> | null;
  clientSnapshot?: Record<string, unknown> | null;
}

/** One row of the approvals query: the approval with its run's workflow and client. */
export interface ApprovalRow extends ApprovalEntity {
  workflowId: string;
  workflowName: string;
  clientId: string;
  clientName: string;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
const duration = (start: Date | null, end: Date | null): number | null => (start && end ? Math.max(0, end.getTime() - start.getTime()) : null);

export function toRunSummary(row: RunRow): RunSummaryDto {
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowName: row.workflowName,
    workflowVersion: row.workflowVersion,
    clientId: row.clientId,
    clientName: row.clientName,
    mode: row.mode,
    status: row.status,
    reason: row.reason,
    attempt: row.attempt,
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    durationMs: duration(row.startedAt, row.finishedAt),
  };
}

export function toStepDto(step: RunStepEntity): RunStepDto {
  return {
    stepId: step.stepId,
    type: step.type,
    status: step.status,
    attempts: step.attempts,
    input: step.input,
    output: step.output,
    error: step.error,
    scheduledFor: iso(step.scheduledFor),
    startedAt: iso(step.startedAt),
    finishedAt: iso(step.finishedAt),
    durationMs: duration(step.startedAt, step.finishedAt),
  };
}

function decidedBy(approval: ApprovalEntity): DecidedByDto | null {
  if (approval.decidedByUserId) return { type: 'user', id: approval.decidedByUserId };
  if (approval.decidedByApiKeyId) return { type: 'api_key', id: approval.decidedByApiKeyId };
  return null;
}

export function toRunApprovalDto(approval: ApprovalEntity): RunApprovalDto {
  return {
    id: approval.id,
    stepId: approval.stepId,
    actionType: approval.actionType,
    renderedConfig: approval.renderedConfig,
    status: approval.status as ApprovalStatusFilter,
    expiresAt: approval.expiresAt.toISOString(),
    createdAt: approval.createdAt.toISOString(),
    decidedAt: iso(approval.decidedAt),
    decidedBy: decidedBy(approval),
    reason: approval.reason,
  };
}

export function toApprovalQueueItem(row: ApprovalRow): ApprovalQueueItemDto {
  const { id, ...rest } = toRunApprovalDto(row);
  return { id, runId: row.runId, workflowId: row.workflowId, workflowName: row.workflowName, clientId: row.clientId, clientName: row.clientName, ...rest };
}

/**
 * Step rows in the definition's depth-first order (a branch, its `then`, its `else`). Rows whose
 * step is not in the definition (not expected) come last, oldest first; steps without a row are absent.
 */
export function orderStepsByDefinition<T extends Pick<RunStepEntity, 'stepId' | 'createdAt'>>(definition: Pick<WorkflowDefinition, 'steps'> | null, rows: readonly T[]): T[] {
  const position = new Map<string, number>();
  if (definition) walkSteps(definition.steps, (step) => position.set(step.id, position.size));
  const rank = (row: T) => position.get(row.stepId) ?? Number.MAX_SAFE_INTEGER;
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.createdAt.getTime() - b.createdAt.getTime());
}
