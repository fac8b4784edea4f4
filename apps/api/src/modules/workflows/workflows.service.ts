import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, IsNull } from 'typeorm';
import {
  collectReferencedUserIds,
  collectStageReferences,
  DefinitionWarning,
  findTriggerCycles,
  validateWorkflowDefinition,
  WorkflowDefinition,
} from '@automations/domain';
import {
  AgencyScopedRepository,
  containsPattern,
  loadWorkflowCounts,
  NO_RUNS,
  openDefinition,
  openSteps,
  sealSteps,
  SecretBox,
  UserEntity,
  WorkflowEntity,
  WorkflowVersionEntity,
} from '@automations/persistence';
import { actorOf } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import { assertKnownStages } from '../../common/pipeline-stages';
import type { Principal } from '../../common/principal';
import { AuditLog } from '../audit/audit-log.service';
import { NOTHING_CANCELLED, type CancelledRuns } from '@automations/engine';
import { PendingRunsCanceller } from './pending-runs.canceller';
import { WorkflowChangeNotifier } from './workflow-change.notifier';
import type { ListWorkflowsQuery, WorkflowDetailDto, WorkflowPageDto, WorkflowVersionDto } from './workflow.dto';
import {
  STATS_OF_NEW_WORKFLOW,
  toDefinition,
  toVersionDto,
  toWorkflowDetail,
  toWorkflowSummary,
  type WorkflowStats,
} from './workflow.mapper';

const DEFINITION_KEYS = ['name', 'description', 'isActive', 'requiresApproval', 'triggers', 'steps'] as const;

@Injectable()
export class WorkflowsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly changes: WorkflowChangeNotifier,
    private readonly pendingRuns: PendingRunsCanceller,
    private readonly secretBox: SecretBox,
  ) {}

  private workflows(agencyId: string, manager: EntityManager = this.dataSource.manager) {
    return AgencyScopedRepository.for(manager, WorkflowEntity, agencyId);
  }

  async list(principal: Principal, query: ListWorkflowsQuery): Promise<WorkflowPageDto> {
    const qb = this.workflows(principal.agencyId).query('w').andWhere('w.deletedAt IS NULL');
    if (query.status) qb.andWhere('w.isActive = :active', { active: query.status === 'active' });
    if (query.search) {
      const pattern = containsPattern(query.search);
      qb.andWhere(
        new Brackets((or) =>
          or.where('w.name ILIKE :pattern', { pattern }).orWhere('w.description ILIKE :pattern', { pattern }),
        ),
      );
    }
    const sort = query.sort ?? '-updatedAt';
    const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
    const sortField = sort.replace(/^-/, '');
    if (sortField === 'runCount' || sortField === 'lastRunAt') {
      // Counters are summed from their shards only when the list is sorted by them.
      qb.leftJoin(
        (totals) =>
          totals
            .select('c.workflow_id', 'workflow_id')
            .addSelect('sum(c.run_count)', 'run_count')
            .addSelect('max(c.last_run_at)', 'last_run_at')
            .from('workflow_counters', 'c')
            .where('c.agency_id = :agencyId')
            .groupBy('c.workflow_id'),
        'totals',
        'totals.workflow_id = w.id',
        { agencyId: principal.agencyId },
      );
      qb.orderBy(
        sortField === 'runCount' ? 'COALESCE(totals.run_count, 0)' : 'totals.last_run_at',
        direction,
        direction === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST',
      );
    } else {
      qb.orderBy(`w.${sortField}`, direction, direction === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST');
    }
    qb.addOrderBy('w.id', 'ASC');
    qb.offset((query.page - 1) * query.pageSize).limit(query.pageSize);
    const [workflows, total] = await qb.getManyAndCount();
    const stats = await this.stats(
      principal.agencyId,
      workflows.map((w) => w.id),
    );
    return {
      items: workflows.map((w) => toWorkflowSummary(w, stats.get(w.id)!)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(principal: Principal, id: string): Promise<WorkflowDetailDto> {
    const workflow = await this.findOrFail(principal.agencyId, id);
    const stats = await this.stats(principal.agencyId, [id]);
    return toWorkflowDetail(this.opened(workflow), stats.get(id)!);
  }

  /** `alsoInTransaction` runs in the creating transaction (e.g. a template's usage count and its audit event). */
  async create(
    principal: Principal,
    body: unknown,
    alsoInTransaction?: (manager: EntityManager, workflowId: string) => Promise<void>,
  ): Promise<WorkflowDetailDto> {
    const { definition, warnings } = await this.validate(principal.agencyId, body);
    // The id is chosen here: sensitive values are sealed bound to it before the row is first written.
    const id = randomUUID();
    const workflow = await this.dataSource.transaction(async (manager) => {
      const created = await this.workflows(principal.agencyId, manager).insert({
        id,
        name: definition.name,
        description: definition.description ?? null,
        isActive: definition.isActive ?? true,
        requiresApproval: definition.requiresApproval ?? false,
        triggers: definition.triggers,
        steps: sealSteps(this.secretBox, { agencyId: principal.agencyId, workflowId: id }, definition.steps),
        version: 1,
        pausedReason: null,
        deletedAt: null,
        createdByUserId: principal.userId,
        createdByApiKeyId: principal.apiKeyId,
        updatedByUserId: principal.userId,
        updatedByApiKeyId: principal.apiKeyId,
      });
      await this.saveVersion(manager, principal, created);
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'workflow.created',
          actor: actorOf(principal),
          workflowId: created.id,
          details: { version: 1, name: created.name },
        },
        manager,
      );
      if (alsoInTransaction) await alsoInTransaction(manager, created.id);
      return created;
    });
    await this.changes.changed(workflow);
    return toWorkflowDetail({ ...workflow, steps: definition.steps }, STATS_OF_NEW_WORKFLOW, warnings);
  }

  /**
   * `auditedAs` replaces the `workflow.updated` audit event of a save made on the caller's behalf by another
   * operation (a version restore), in the same transaction.
   */
  async update(
    principal: Principal,
    id: string,
    body: unknown,
    auditedAs?: (version: number) => { eventType: string; details: Record<string, unknown> },
  ): Promise<WorkflowDetailDto> {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw ApiError.validation([{ path: '', message: 'body must be a JSON object' }]);
    const { expectedVersion, ...patch } = body as Record<string, unknown>;
    if (expectedVersion !== undefined && !Number.isInteger(expectedVersion))
      throw ApiError.validation([{ path: 'expectedVersion', message: 'must be an integer' }]);
    if (Object.keys(patch).length === 0) throw ApiError.validation([{ path: '', message: 'nothing to update' }]);

    const current = await this.findOrFail(principal.agencyId, id);
    const merged = { ...toDefinition(this.opened(current)), ...patch };
    const { definition, warnings } = await this.validate(principal.agencyId, merged, id);
    const changed = Object.keys(patch).filter((key) => (DEFINITION_KEYS as readonly string[]).includes(key));

    let cancelled: CancelledRuns = NOTHING_CANCELLED;
    const saved = await this.dataSource.transaction(async (manager) => {
      const locked = await manager.getRepository(WorkflowEntity).findOne({
        where: { id, agencyId: principal.agencyId, deletedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked) throw ApiError.notFound('Workflow');
      if (expectedVersion !== undefined && locked.version !== expectedVersion) {
        throw ApiError.conflict(
          `Workflow is at version ${locked.version}, not ${expectedVersion}: reload and apply your change again`,
        );
      }
      const reactivated = definition.isActive === true && !locked.isActive;
      Object.assign(locked, {
        name: definition.name,
        description: definition.description ?? null,
        isActive: definition.isActive ?? locked.isActive,
        requiresApproval: definition.requiresApproval ?? false,
        triggers: definition.triggers,
        steps: sealSteps(this.secretBox, { agencyId: principal.agencyId, workflowId: id }, definition.steps),
        version: locked.version + 1,
        pausedReason: reactivated ? null : locked.pausedReason,
        updatedByUserId: principal.userId,
        updatedByApiKeyId: principal.apiKeyId,
      });
      const updated = await manager.save(locked);
      await this.saveVersion(manager, principal, updated);
      if (definition.isActive === false && current.isActive)
        cancelled = await this.pendingRuns.cancel(manager, principal.agencyId, id, 'workflow disabled');
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          actor: actorOf(principal),
          workflowId: id,
          ...(auditedAs?.(updated.version) ?? {
            eventType: 'workflow.updated',
            details: { version: updated.version, changed },
          }),
        },
        manager,
      );
      return updated;
    });
    await this.pendingRuns.announce(cancelled);
    await this.changes.changed(saved);
    const stats = await this.stats(principal.agencyId, [id]);
    return toWorkflowDetail({ ...saved, steps: definition.steps }, stats.get(id)!, warnings);
  }

  async toggle(principal: Principal, id: string, isActive: boolean | undefined): Promise<WorkflowDetailDto> {
    let cancelled: CancelledRuns = NOTHING_CANCELLED;
    const saved = await this.dataSource.transaction(async (manager) => {
      const workflow = await manager.getRepository(WorkflowEntity).findOne({
        where: { id, agencyId: principal.agencyId, deletedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!workflow) throw ApiError.notFound('Workflow');
      const target = isActive ?? !workflow.isActive;
      if (target === workflow.isActive) return workflow;
      // Activating an automation that names a stage removed from the pipeline since it was switched off: fix it first.
      if (target)
        await assertKnownStages(
          manager,
          principal.agencyId,
          collectStageReferences({ triggers: workflow.triggers, steps: workflow.steps }),
        );
      Object.assign(workflow, {
        isActive: target,
        pausedReason: target ? null : workflow.pausedReason,
        version: workflow.version + 1,
        updatedByUserId: principal.userId,
        updatedByApiKeyId: principal.apiKeyId,
      });
      const updated = await manager.save(workflow);
      await this.saveVersion(manager, principal, updated);
      if (!target) cancelled = await this.pendingRuns.cancel(manager, principal.agencyId, id, 'workflow disabled');
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'workflow.toggled',
          actor: actorOf(principal),
          workflowId: id,
          details: { isActive: target, version: updated.version, cancelledRuns: cancelled.runs.length },
        },
        manager,
      );
      return updated;
    });
    await this.pendingRuns.announce(cancelled);
    await this.changes.changed(saved);
    const stats = await this.stats(principal.agencyId, [id]);
    return toWorkflowDetail(this.opened(saved), stats.get(id)!);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const cancelled = await this.dataSource.transaction(async (manager) => {
      const workflow = await manager.getRepository(WorkflowEntity).findOne({
        where: { id, agencyId: principal.agencyId, deletedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!workflow) throw ApiError.notFound('Workflow');
      await manager.update(
        WorkflowEntity,
        { id, agencyId: principal.agencyId },
        {
          deletedAt: new Date(),
          isActive: false,
          updatedByUserId: principal.userId,
          updatedByApiKeyId: principal.apiKeyId,
        },
      );
      const cancelledRuns = await this.pendingRuns.cancel(manager, principal.agencyId, id, 'workflow deleted');
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'workflow.deleted',
          actor: actorOf(principal),
          workflowId: id,
          details: { name: workflow.name, cancelledRuns: cancelledRuns.runs.length },
        },
        manager,
      );
      return cancelledRuns;
    });
    await this.pendingRuns.announce(cancelled);
    await this.changes.changed({
      id,
      agencyId: principal.agencyId,
      isActive: false,
      deletedAt: new Date(),
      triggers: [],
    });
  }

  async versions(principal: Principal, id: string): Promise<WorkflowVersionDto[]> {
    await this.findOrFail(principal.agencyId, id);
    const versions = await AgencyScopedRepository.for(
      this.dataSource.manager,
      WorkflowVersionEntity,
      principal.agencyId,
    ).find({ workflowId: id }, { version: 'DESC' });
    return versions.map((found) => toVersionDto(this.openedVersion(found)));
  }

  async version(principal: Principal, id: string, version: number): Promise<WorkflowVersionDto> {
    await this.findOrFail(principal.agencyId, id);
    const found = await AgencyScopedRepository.for(
      this.dataSource.manager,
      WorkflowVersionEntity,
      principal.agencyId,
    ).findOne({ workflowId: id, version });
    if (!found) throw ApiError.notFound('Workflow version');
    return toVersionDto(this.openedVersion(found));
  }

  /**
   * Sensitive config values (email recipients) are stored sealed; they are opened only here, for a caller of the
   * workflow's own agency (every read above is agency-scoped), so the editor shows them. Plaintext rows read as is.
   */
  private opened(workflow: WorkflowEntity): WorkflowEntity {
    return {
      ...workflow,
      steps: openSteps(this.secretBox, { agencyId: workflow.agencyId, workflowId: workflow.id }, workflow.steps),
    };
  }

  private openedVersion(version: WorkflowVersionEntity): WorkflowVersionEntity {
    return {
      ...version,
      definition: openDefinition(
        this.secretBox,
        { agencyId: version.agencyId, workflowId: version.workflowId },
        version.definition,
      ),
    };
  }

  private async findOrFail(agencyId: string, id: string): Promise<WorkflowEntity> {
    const workflow = await this.workflows(agencyId).findOne({ id, deletedAt: IsNull() });
    if (!workflow) throw ApiError.notFound('Workflow');
    return workflow;
  }

  /**
   * Domain validation, then the checks that need the database (stages are the agency's pipeline stages,
   * referenced users belong to the agency),
   * then the save-time loop warning: a cycle of action → event → trigger through this workflow and the
   * agency's other active workflows is a `possible_loop` warning, never a rejection. `workflowId` is
   * the workflow being updated (its stored version is left out of the graph).
   */
  private async validate(
    agencyId: string,
    body: unknown,
    workflowId?: string,
  ): Promise<{ definition: WorkflowDefinition; warnings: DefinitionWarning[] }> {
    const result = validateWorkflowDefinition(body);
    if (!result.ok) throw ApiError.validation(result.errors);
    await assertKnownStages(
      this.dataSource.manager,
      agencyId,
      collectStageReferences(result.value).map((reference) => ({ path: reference.path, stage: reference.stage })),
    );
    const referenced = collectReferencedUserIds(result.value);
    if (referenced.length) {
      const found = await AgencyScopedRepository.for(this.dataSource.manager, UserEntity, agencyId).find({
        id: In(referenced),
      });
      const known = new Set(found.map((user) => user.id));
      const unknown = referenced.filter((userId) => !known.has(userId));
      if (unknown.length)
        throw ApiError.validation(
          unknown.map((userId) => ({ path: 'steps', message: `user ${userId} is not a user of this agency` })),
        );
    }
    const warnings = [...result.warnings];
    const others = this.workflows(agencyId)
      .query('w')
      .select(['w.id', 'w.name', 'w.triggers', 'w.steps'])
      .andWhere('w.isActive = true')
      .andWhere('w.deletedAt IS NULL');
    if (workflowId) others.andWhere('w.id <> :workflowId', { workflowId });
    const savedId = workflowId ?? '(this workflow)';
    const graph = [
      { id: savedId, name: result.value.name, triggers: result.value.triggers, steps: result.value.steps },
      ...(await others.getMany()),
    ];
    for (const cycle of findTriggerCycles(graph, savedId)) {
      warnings.push({
        code: 'possible_loop',
        message: `${cycle.description}. At run time such a loop is stopped: the run is skipped and the workflow paused.`,
      });
    }
    return { definition: result.value, warnings };
  }

  private async saveVersion(manager: EntityManager, principal: Principal, workflow: WorkflowEntity): Promise<void> {
    await manager.insert(WorkflowVersionEntity, {
      agencyId: workflow.agencyId,
      workflowId: workflow.id,
      version: workflow.version,
      definition: toDefinition(workflow),
      createdByUserId: principal.userId,
      createdByApiKeyId: principal.apiKeyId,
    });
  }

  private async stats(agencyId: string, workflowIds: string[]): Promise<Map<string, WorkflowStats>> {
    const [counts, attention] = await Promise.all([
      loadWorkflowCounts(this.dataSource.manager, agencyId, workflowIds),
      this.failedRunsNeedingAttention(agencyId, workflowIds),
    ]);
    return new Map(
      workflowIds.map((id) => [
        id,
        { counts: counts.get(id) ?? NO_RUNS, failedRunsNeedingAttention: attention.get(id) ?? 0 },
      ]),
    );
  }

  private async failedRunsNeedingAttention(agencyId: string, workflowIds: string[]): Promise<Map<string, number>> {
    if (workflowIds.length === 0) return new Map();
    const rows: { workflow_id: string; failed: string }[] = await this.dataSource.query(
      `SELECT workflow_id, count(*) AS failed FROM workflow_runs
        WHERE agency_id = $1 AND workflow_id = ANY($2) AND status = 'failed' AND mode = 'live'
        GROUP BY workflow_id`,
      [agencyId, workflowIds],
    );
    return new Map(rows.map((row) => [row.workflow_id, Number(row.failed)]));
  }
}
