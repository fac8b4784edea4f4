import { walkSteps, WorkflowDefinition } from '@automations/domain';
import type { ApprovalEntity, CommunicationDraftEntity, RunStepEntity } from '@automations/persistence';
import type { RunStatus } from '@automations/domain';
import type {
  ApprovalDraftDto,
  ApprovalQueueItemDto,
  ApprovalStatusFilter,
  DecidedByDto,
  RunApprovalDto,
  RunStepDto,
  RunSummaryDto,
} from './run.dto';

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
  /** The draft's columns (left join; null without a draft). */
  draftPlatform: string | null;
  draftTone: string | null;
  draftGenerator: string | null;
  draftSubject: string | null;
  draftContent: string | null;
  draftStatus: string | null;
  draftEditedAt: Date | null;
}

/** The draft columns an approval shows. */
export type ApprovalDraftColumns = Pick<
  CommunicationDraftEntity,
  'id' | 'platform' | 'tone' | 'generator' | 'subject' | 'content' | 'status' | 'editedAt'
>;

export function toApprovalDraftDto(draft: ApprovalDraftColumns | null | undefined): ApprovalDraftDto | null {
  if (!draft) return null;
  return {
    id: draft.id,
    platform: draft.platform,
    tone: draft.tone,
    generator: draft.generator,
    subject: draft.subject,
    body: draft.content,
    status: draft.status,
    editedAt: iso(draft.editedAt),
  };
}

function draftOfRow(row: ApprovalRow): ApprovalDraftColumns | null {
  if (!row.draftId || row.draftContent === null) return null;
  return {
    id: row.draftId,
    platform: row.draftPlatform ?? 'email',
    tone: row.draftTone ?? '',
    generator: (row.draftGenerator ?? 'template') as ApprovalDraftColumns['generator'],
    subject: row.draftSubject,
    content: row.draftContent,
    status: (row.draftStatus ?? 'pending_approval') as ApprovalDraftColumns['status'],
    editedAt: row.draftEditedAt,
  };
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
const duration = (start: Date | null, end: Date | null): number | null =>
  start && end ? Math.max(0, end.getTime() - start.getTime()) : null;

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

export function toRunApprovalDto(approval: ApprovalEntity, draft: ApprovalDraftColumns | null = null): RunApprovalDto {
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
    draft: toApprovalDraftDto(draft),
    edits: (approval.edits as Record<string, unknown> | null) ?? null,
  };
}

export function toApprovalQueueItem(row: ApprovalRow): ApprovalQueueItemDto {
  const { id, ...rest } = toRunApprovalDto(row, draftOfRow(row));
  return {
    id,
    runId: row.runId,
    workflowId: row.workflowId,
    workflowName: row.workflowName,
    clientId: row.clientId,
    clientName: row.clientName,
    ...rest,
  };
}

/**
 * Step rows in the definition's depth-first order (a branch, its `then`, its `else`). Rows whose
 * step is not in the definition (not expected) come last, oldest first; steps without a row are absent.
 */
export function orderStepsByDefinition<T extends Pick<RunStepEntity, 'stepId' | 'createdAt'>>(
  definition: Pick<WorkflowDefinition, 'steps'> | null,
  rows: readonly T[],
): T[] {
  const position = new Map<string, number>();
  if (definition) walkSteps(definition.steps, (step) => position.set(step.id, position.size));
  const rank = (row: T) => position.get(row.stepId) ?? Number.MAX_SAFE_INTEGER;
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.createdAt.getTime() - b.createdAt.getTime());
}
