import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ApproveOutcome, RunActor, RunControl } from '@automations/engine';
import {
  AgencyScopedRepository,
  ApprovalEntity,
  ClientEntity,
  CommunicationDraftEntity,
  openDefinition,
  Page,
  RunStepEntity,
  SecretBox,
  WorkflowEntity,
  WorkflowRunEntity,
  WorkflowVersionEntity,
} from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import type {
  ApprovalQueueItemDto,
  ApprovalsQuery,
  ApproveRunDto,
  BulkApproveResultDto,
  BulkSkippedDto,
  RunDetailDto,
  RunsQuery,
  RunSummaryDto,
  WorkflowRunsQuery,
} from './run.dto';
import {
  ApprovalDraftColumns,
  ApprovalRow,
  orderStepsByDefinition,
  RunRow,
  toApprovalQueueItem,
  toRunApprovalDto,
  toRunSummary,
  toStepDto,
} from './run.mapper';
import { buildRunTimeline } from './run-timeline';

const RUN_COLUMNS = [
  'id',
  'workflowId',
  'workflowVersion',
  'clientId',
  'mode',
  'status',
  'reason',
  'attempt',
  'error',
  'startedAt',
  'finishedAt',
] as const;
const RUN_PAYLOAD_COLUMNS = ['triggerEvent', 'clientSnapshot'] as const;
const APPROVAL_COLUMNS = [
  'id',
  'runId',
  'stepId',
  'actionType',
  'renderedConfig',
  'status',
  'expiresAt',
  'createdAt',
  'decidedAt',
  'decidedByUserId',
  'decidedByApiKeyId',
  'reason',
  'draftId',
  'edits',
] as const;
const DRAFT_COLUMNS = {
  platform: 'draftPlatform',
  tone: 'draftTone',
  generator: 'draftGenerator',
  subject: 'draftSubject',
  content: 'draftContent',
  status: 'draftStatus',
  editedAt: 'draftEditedAt',
} as const;
export const EDITS_WITHOUT_DRAFT = 'edits: only the approval of a draft (draft_communication) takes edits';
export const SUBJECT_NOT_ALLOWED = 'edits.subject: a Slack draft has no subject';

export const RETRY_CONFLICT = (status: string) => `Only failed runs can be retried (this run is ${status})`;
export const NOT_PENDING_CONFLICT = 'This run has no pending approval';
export const EXPIRED_CONFLICT = 'The approval expired; the run was rejected (timeout)';

function actorOfPrincipal(principal: Principal): RunActor {
  return {
    actorType: principal.actorType,
    actorId: principal.actorId,
    userId: principal.userId,
    apiKeyId: principal.apiKeyId,
  };
}

/** Run history, run detail, the approval queue, and the decisions (retry, approve, reject) taken through the engine's RunControl. */
@Injectable()
export class RunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runControl: RunControl,
    private readonly secretBox: SecretBox,
  ) {}

  private scoped<T extends ObjectLiteral & { agencyId: string }>(
    target: EntityTarget<T>,
    agencyId: string,
  ): AgencyScopedRepository<T> {
    return AgencyScopedRepository.for(this.dataSource.manager, target, agencyId);
  }

  /** Runs of the agency with their workflow's and client's names, in one query. */
  private runsQuery(agencyId: string, withPayload = false): SelectQueryBuilder<WorkflowRunEntity> {
    const qb = this.scoped(WorkflowRunEntity, agencyId)
      .query('r')
      .innerJoin(WorkflowEntity, 'w', 'w.id = r.workflowId AND w.agencyId = r.agencyId')
      .innerJoin(ClientEntity, 'c', 'c.id = r.clientId AND c.agencyId = r.agencyId')
      .select('w.name', 'workflowName')
      .addSelect('c.name', 'clientName');
    for (const column of withPayload ? [...RUN_COLUMNS, ...RUN_PAYLOAD_COLUMNS] : RUN_COLUMNS)
      qb.addSelect(`r.${column}`, column);
    return qb;
  }

  async listForWorkflow(
    principal: Principal,
    workflowId: string,
    query: WorkflowRunsQuery,
  ): Promise<Page<RunSummaryDto>> {
    // Runs of a deleted workflow stay readable (history is kept): only an unknown id is a 404.
    const workflow = await this.scoped(WorkflowEntity, principal.agencyId).findById(workflowId);
    if (!workflow) throw ApiError.notFound('Workflow');
    return this.list(principal, { ...query, workflowId });
  }

  async list(principal: Principal, query: RunsQuery): Promise<Page<RunSummaryDto>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw ApiError.validation([{ path: 'to', message: 'must not be before from' }]);
    const qb = this.runsQuery(principal.agencyId);
    if (query.workflowId) qb.andWhere('r.workflowId = :workflowId', { workflowId: query.workflowId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.clientId) qb.andWhere('r.clientId = :clientId', { clientId: query.clientId });
    if (from) qb.andWhere('r.startedAt >= :from', { from });
    if (to) qb.andWhere('r.startedAt <= :to', { to });
    const [rows, total] = await Promise.all([
      qb
        .clone()
        .orderBy('r.startedAt', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getRawMany<RunRow>(),
      qb.getCount(),
    ]);
    return { items: rows.map(toRunSummary), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(principal: Principal, runId: string): Promise<RunDetailDto> {
    const row = await this.runsQuery(principal.agencyId, true).andWhere('r.id = :runId', { runId }).getRawOne<RunRow>();
    if (!row) throw ApiError.notFound('Run');
    const [steps, approvals, version, drafts] = await Promise.all([
      this.scoped(RunStepEntity, principal.agencyId).find({ runId }),
      this.scoped(ApprovalEntity, principal.agencyId).find({ runId }, { createdAt: 'ASC', id: 'ASC' }),
      this.scoped(WorkflowVersionEntity, principal.agencyId).findOne({
        workflowId: row.workflowId,
        version: row.workflowVersion,
      }),
      this.scoped(CommunicationDraftEntity, principal.agencyId).find({ runId }),
    ]);
    const draftById = new Map<string, ApprovalDraftColumns>(drafts.map((draft) => [draft.id, draft]));
    // The version the run executed, its sealed values (email recipients) opened for the agency's own caller.
    const definition = version
      ? openDefinition(
          this.secretBox,
          { agencyId: version.agencyId, workflowId: version.workflowId },
          version.definition,
        )
      : null;
    const ordered = orderStepsByDefinition(definition, steps);
    const triggerEvent = row.triggerEvent ?? null;
    return {
      ...toRunSummary(row),
      triggerEvent,
      clientSnapshot: row.clientSnapshot ?? null,
      definition: definition as unknown as Record<string, unknown> | null,
      steps: ordered.map(toStepDto),
      approvals: approvals.map((approval) =>
        toRunApprovalDto(approval, approval.draftId ? (draftById.get(approval.draftId) ?? null) : null),
      ),
      timeline: buildRunTimeline({ ...row, triggerEvent }, ordered, approvals),
    };
  }

  async retry(principal: Principal, runId: string): Promise<RunDetailDto> {
    const outcome = await this.runControl.retry({
      agencyId: principal.agencyId,
      runId,
      actor: actorOfPrincipal(principal),
    });
    if (outcome === 'not_found') throw ApiError.notFound('Run');
    if (outcome === 'purged')
      throw ApiError.conflict(
        'This run is older than the retention period: its client snapshot was purged, so it cannot be retried',
      );
    if (outcome === 'not_failed') {
      const run = await this.scoped(WorkflowRunEntity, principal.agencyId).findById(runId);
      if (!run) throw ApiError.notFound('Run');
      throw ApiError.conflict(RETRY_CONFLICT(run.status));
    }
    return this.detail(principal, runId);
  }

  async approve(principal: Principal, runId: string, body: ApproveRunDto = {}): Promise<RunDetailDto> {
    const edits = body.edits;
    if (edits && edits.subject === undefined && edits.body === undefined)
      throw ApiError.validation([{ path: 'edits', message: 'give subject and/or body, or leave edits out' }]);
    const outcome = await this.runControl.approve({
      agencyId: principal.agencyId,
      runId,
      actor: actorOfPrincipal(principal),
      edits: edits ? { subject: edits.subject?.trim(), body: edits.body?.trim() } : undefined,
    });
    if (outcome === 'edits_without_draft')
      throw ApiError.validation([{ path: 'edits', message: EDITS_WITHOUT_DRAFT.replace(/^edits: /, '') }]);
    if (outcome === 'subject_not_allowed')
      throw ApiError.validation([
        { path: 'edits.subject', message: SUBJECT_NOT_ALLOWED.replace(/^edits\.subject: /, '') },
      ]);
    this.assertDecided(outcome);
    return this.detail(principal, runId);
  }

  /** Approves each run's pending step as it is, one decision (and one audit line) per run; repeating it approves nothing more. */
  async bulkApprove(principal: Principal, runIds: string[]): Promise<BulkApproveResultDto> {
    const skipped: BulkSkippedDto[] = [];
    let done = 0;
    for (const runId of runIds) {
      const outcome = await this.runControl.approve({
        agencyId: principal.agencyId,
        runId,
        actor: actorOfPrincipal(principal),
      });
      if (outcome === 'approved') done += 1;
      else skipped.push({ runId, reason: outcome === 'not_found' || outcome === 'expired' ? outcome : 'not_pending' });
    }
    return { matched: runIds.length, done, skipped };
  }

  async reject(principal: Principal, runId: string, reason: string | undefined): Promise<RunDetailDto> {
    const outcome = await this.runControl.reject({
      agencyId: principal.agencyId,
      runId,
      actor: actorOfPrincipal(principal),
      reason,
    });
    this.assertDecided(outcome);
    return this.detail(principal, runId);
  }

  private assertDecided(outcome: ApproveOutcome): void {
    if (outcome === 'not_found') throw ApiError.notFound('Run');
    if (outcome === 'not_pending') throw ApiError.conflict(NOT_PENDING_CONFLICT);
    if (outcome === 'expired') throw ApiError.conflict(EXPIRED_CONFLICT);
  }

  /**
   * The approval queue (pending: oldest first, and only for runs still awaiting approval, so a run
   * cancelled meanwhile does not linger in it) or its history (most recently decided first).
   */
  async approvals(principal: Principal, query: ApprovalsQuery): Promise<Page<ApprovalQueueItemDto>> {
    const qb = this.scoped(ApprovalEntity, principal.agencyId)
      .query('a')
      .innerJoin(WorkflowRunEntity, 'r', 'r.id = a.runId AND r.agencyId = a.agencyId')
      .innerJoin(WorkflowEntity, 'w', 'w.id = r.workflowId AND w.agencyId = r.agencyId')
      .innerJoin(ClientEntity, 'c', 'c.id = r.clientId AND c.agencyId = r.agencyId')
      .select('r.workflowId', 'workflowId')
      .addSelect('w.name', 'workflowName')
      .addSelect('r.clientId', 'clientId')
      .addSelect('c.name', 'clientName')
      .andWhere('a.status = :status', { status: query.status });
    for (const column of APPROVAL_COLUMNS) qb.addSelect(`a.${column}`, column);
    qb.leftJoin(CommunicationDraftEntity, 'd', 'd.id = a.draftId AND d.agencyId = a.agencyId');
    for (const [column, alias] of Object.entries(DRAFT_COLUMNS)) qb.addSelect(`d.${column}`, alias);
    if (query.status === 'pending') {
      qb.andWhere("r.status = 'awaiting_approval'").orderBy('a.createdAt', 'ASC').addOrderBy('a.id', 'ASC');
    } else {
      qb.orderBy('a.decidedAt', 'DESC', 'NULLS LAST').addOrderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC');
    }
    const [rows, total] = await Promise.all([
      qb
        .clone()
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getRawMany<ApprovalRow>(),
      qb.getCount(),
    ]);
    return { items: rows.map(toApprovalQueueItem), total, page: query.page, pageSize: query.pageSize };
  }
}
