import type { DataSource, EntityManager } from 'typeorm';
import { evaluateCondition, planNextStep, renderStepConfig, type ActionStep, type WorkflowDefinition } from '@automations/domain';
import { addToWorkflowCounters, ApprovalEntity, AuditEventEntity, entityPatch, EventCausation, NotificationEntity, RunStepEntity, UserEntity, WorkflowEntity, WorkflowRunEntity } from '@automations/persistence';
import type { ActionExecutorRegistry } from '../actions/action-executor.registry';
import type { StepEffect } from '../actions/action-executor';
import { conditionContextOf, templateContextOf, type ClientSnapshot } from '../context/client-snapshot';
import type { EngineQueues } from '../queues/engine-queues';
import type { ApprovalNotifier } from './approval-notifier';
import { backoffDelayMs, classifyStepError } from './error-classifier';
import { loadRunDefinition, loadRunProgress } from './run-definition.loader';
import { StaleLeaseError } from './stale-lease.error';
import { assertEditorMayRun } from './editor-permission';
import type { RunChangeListener } from '../live/run-change-listener';

/**
 * Decides whether a run may start now (per-agency quotas): runs over the quota are deferred to the
 * time they may start, never dropped. Asked once per run, before its first step.
 */
export interface RunAdmission {
  admit(run: { id: string; agencyId: string }): Promise<{ admitted: true } | { admitted: false; retryAt: Date }>;
}

export interface RunExecutorOptions {
  workerId: string;
  leaseMs: number;
  /** Steps per job before the run yields its worker slot (long chains run in chunks). */
  chunkSize: number;
  maxAttempts: number;
  retryBackoffMs: number;
  approvalTimeoutMinutes: number;
}

type LeasedRun = WorkflowRunEntity;

function rowsOf<T>(result: unknown): T[] {
  // TypeORM answers UPDATE … RETURNING with [rows, count].
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/**
 * Advances one run as far as it can go in one job: leases it (fencing token), walks its steps from
 * what they recorded, executes actions (effect + completion in one fenced transaction), and parks
 * it for delays, approvals and retry backoff. Terminal states are never overwritten.
 */
export class RunExecutor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: EngineQueues,
    private readonly actions: ActionExecutorRegistry,
    private readonly options: RunExecutorOptions,
    private readonly admission: RunAdmission | null = null,
    private readonly approvalNotifier: ApprovalNotifier | null = null,
    private readonly changes: RunChangeListener | null = null,
  ) {}

  async advance(runId: string): Promise<void> {
    const run = await this.acquire(runId);
    if (!run) return this.wakeLater(runId);
    await this.changes?.runChanged(run, 'running');
    try {
      await this.drive(run);
    } catch (error) {
      if (error instanceof StaleLeaseError) return;
      throw error;
    }
  }

  private async acquire(runId: string): Promise<LeasedRun | null> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE workflow_runs SET status = 'running', lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3),
                lease_token = lease_token + 1, updated_at = now()
          WHERE id = $1 AND (
                (status IN ('queued', 'waiting') AND (next_attempt_at IS NULL OR next_attempt_at <= now() + interval '50 milliseconds'))
             OR (status = 'running' AND lease_expires_at < now()))
          RETURNING id`,
        [runId, this.options.workerId, this.options.leaseMs / 1000],
      ),
    );
    if (rows.length === 0) return null;
    return this.dataSource.getRepository(WorkflowRunEntity).findOneOrFail({ where: { id: runId } });
  }

  /** A job that arrived before its run is due re-arms itself for the remaining time. */
  private async wakeLater(runId: string): Promise<void> {
    const run = await this.dataSource.getRepository(WorkflowRunEntity).findOne({ where: { id: runId } });
    if (run && (run.status === 'queued' || run.status === 'waiting') && run.nextAttemptAt && run.nextAttemptAt.getTime() > Date.now()) {
      await this.queues.enqueueRun(runId, run.nextAttemptAt.getTime() - Date.now());
    }
  }

  private async drive(run: LeasedRun): Promise<void> {
    const workflow = await this.dataSource.getRepository(WorkflowEntity).findOneOrFail({ where: { id: run.workflowId } });
    if (workflow.deletedAt || !workflow.isActive) {
      await this.finish(run, 'cancelled', { reason: workflow.deletedAt ? 'workflow deleted' : 'workflow disabled' });
      return;
    }
    const definition = await loadRunDefinition(this.dataSource.manager, run);
    const { rows, progress } = await loadRunProgress(this.dataSource.manager, run.id);
    if (this.admission && rows.size === 0 && run.attempt === 1) {
      const decision = await this.admission.admit(run);
      if (!decision.admitted) return this.park(run, 'queued', decision.retryAt, decision.retryAt.getTime() - Date.now());
    }
    const snapshot = run.clientSnapshot as unknown as ClientSnapshot;
    const trigger = this.triggerFields(run);
    let executed = 0;

    for (;;) {
      const next = planNextStep(definition.steps, progress);
      if (next.kind === 'done') return this.finish(run, 'completed', {});
      if (executed >= this.options.chunkSize) return this.park(run, 'queued', new Date(), 0);
      executed += 1;

      if (next.kind === 'branch') {
        const taken = evaluateCondition(next.step.condition, conditionContextOf(snapshot, trigger, new Date())) ? 'then' : 'else';
        const row = await this.saveStep(run, this.stepRow(run, rows, next.step.id, 'branch', { status: 'completed', output: { branch: taken }, startedAt: new Date(), finishedAt: new Date() }));
        rows.set(row.stepId, row);
        progress.set(row.stepId, { status: 'completed', branch: taken });
        continue;
      }

      const step = next.step;
      const row = rows.get(step.id);
      if (!row && step.condition && !evaluateCondition(step.condition, conditionContextOf(snapshot, trigger, new Date()))) {
        const skipped = await this.saveStep(run, this.stepRow(run, rows, step.id, step.type, { status: 'skipped', output: { reason: 'condition not met' }, finishedAt: new Date() }));
        rows.set(step.id, skipped);
        progress.set(step.id, { status: 'skipped' });
        continue;
      }

      if (step.delayMinutes && (!row || (row.status === 'pending' && !row.scheduledFor))) {
        const due = new Date(Date.now() + step.delayMinutes * 60_000);
        await this.saveStep(run, this.stepRow(run, rows, step.id, step.type, { status: 'waiting', scheduledFor: due }));
        return this.park(run, 'waiting', due, due.getTime() - Date.now());
      }
      if (row?.status === 'waiting' && row.scheduledFor && row.scheduledFor.getTime() > Date.now() + 50) {
        return this.park(run, 'waiting', row.scheduledFor, row.scheduledFor.getTime() - Date.now());
      }

      if (step.requiresApproval || definition.requiresApproval) {
        const approval = await this.dataSource.getRepository(ApprovalEntity).findOne({ where: { runId: run.id, stepId: step.id } });
        if (!approval) return this.requestApproval(run, rows, step, workflow.name, snapshot, trigger);
        if (approval.status !== 'approved') return this.park(run, 'awaiting_approval', null, null);
      }

      const settled = await this.executeStep(run, rows, step, workflow, snapshot, trigger);
      if (settled === 'parked') return;
      if (settled === 'halted') return;
      progress.set(step.id, { status: rows.get(step.id)!.status });
    }
  }

  private async executeStep(run: LeasedRun, rows: Map<string, RunStepEntity>, step: ActionStep, workflow: WorkflowEntity, snapshot: ClientSnapshot, trigger: Record<string, unknown>): Promise<'done' | 'parked' | 'halted'> {
    const workflowName = workflow.name;
    const config = renderStepConfig(step, templateContextOf(snapshot, trigger, workflowName));
    const attempts = (rows.get(step.id)?.attempts ?? 0) + 1;
    let row = await this.saveStep(run, this.stepRow(run, rows, step.id, step.type, { status: 'running', attempts, input: config, error: null, startedAt: new Date(), finishedAt: null }));
    rows.set(step.id, row);
    let effect: StepEffect;
    try {
      await assertEditorMayRun(this.dataSource, workflow);
      effect = await this.actions.get(step.type).execute({
        agencyId: run.agencyId,
        runId: run.id,
        workflowId: run.workflowId,
        workflowName,
        step,
        clientId: run.clientId,
        snapshot,
        config,
        trigger,
        causation: this.causationFor(run),
        dataSource: this.dataSource,
        commit: (fn) => this.commitStep(run, row, fn),
      });
    } catch (error) {
      if (error instanceof StaleLeaseError) throw error;
      const failure = classifyStepError(error);
      if (failure.transient && attempts < this.options.maxAttempts) {
        const delay = backoffDelayMs(attempts, this.options.retryBackoffMs, (failure as { retryAfterMs?: number }).retryAfterMs);
        row = await this.saveStep(run, { ...row, status: 'pending', error: failure.toJSON(), scheduledFor: new Date(Date.now() + delay) });
        rows.set(step.id, row);
        await this.park(run, 'queued', new Date(Date.now() + delay), delay);
        return 'parked';
      }
      row = await this.saveStep(run, { ...row, status: 'failed', error: failure.toJSON(), finishedAt: new Date() });
      rows.set(step.id, row);
      if (step.continueOnFailure) return 'done';
      await this.finish(run, 'failed', { error: { stepId: step.id, ...failure.toJSON() } });
      return 'halted';
    }
    rows.set(step.id, { ...row, status: 'completed', output: effect.output, finishedAt: new Date() });
    if (effect.emittedEventIds?.length) await this.queues.enqueueEvents(effect.emittedEventIds).catch(() => undefined);
    return 'done';
  }

  /** The action's effect and the step's completion, in one transaction fenced by the lease token. */
  private commitStep(run: LeasedRun, row: RunStepEntity, effect: (manager: EntityManager) => Promise<StepEffect>): Promise<StepEffect> {
    return this.dataSource.transaction(async (manager) => {
      await this.fence(manager, run);
      const result = await effect(manager);
      await manager.update(RunStepEntity, { id: row.id }, entityPatch<RunStepEntity>({ status: 'completed', output: result.output, error: null, finishedAt: new Date() }));
      return result;
    });
  }

  private async fence(manager: EntityManager, run: LeasedRun): Promise<void> {
    const rows = rowsOf<{ id: string }>(
      await manager.query(
        `UPDATE workflow_runs SET lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
          WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING id`,
        [run.id, run.leaseToken, this.options.leaseMs / 1000],
      ),
    );
    if (rows.length === 0) throw new StaleLeaseError(run.id);
  }

  private stepRow(run: LeasedRun, rows: Map<string, RunStepEntity>, stepId: string, type: string, patch: Partial<RunStepEntity>): RunStepEntity {
    const existing = rows.get(stepId);
    return {
      ...(existing ?? { agencyId: run.agencyId, runId: run.id, stepId, type, status: 'pending', attempts: 0, input: null, output: null, error: null, scheduledFor: null, startedAt: null, finishedAt: null }),
      ...patch,
    } as RunStepEntity;
  }

  /** Upserts a step row under the lease. */
  private saveStep(run: LeasedRun, row: RunStepEntity): Promise<RunStepEntity> {
    return this.dataSource.transaction(async (manager) => {
      await this.fence(manager, run);
      const { id: _id, createdAt: _c, updatedAt: _u, ...values } = row;
      await manager.upsert(RunStepEntity, entityPatch<RunStepEntity>(values), ['runId', 'stepId']);
      return manager.getRepository(RunStepEntity).findOneOrFail({ where: { runId: run.id, stepId: row.stepId } });
    });
  }

  /** Gives the run back (delay, backoff, approval, next chunk) and re-enqueues it when it has a due time. */
  private async park(run: LeasedRun, status: 'queued' | 'waiting' | 'awaiting_approval', due: Date | null, delayMs: number | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.fence(manager, run);
      await manager.update(WorkflowRunEntity, { id: run.id }, { status, nextAttemptAt: due, leaseOwner: null, leaseExpiresAt: null });
    });
    await this.changes?.runChanged(run, status);
    if (delayMs !== null) await this.queues.enqueueRun(run.id, delayMs);
  }

  private async finish(run: LeasedRun, status: 'completed' | 'failed' | 'cancelled', details: { reason?: string; error?: Record<string, unknown> }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.fence(manager, run);
      await manager.update(WorkflowRunEntity, { id: run.id }, entityPatch<WorkflowRunEntity>({ status, reason: details.reason ?? null, error: details.error ?? null, finishedAt: new Date(), nextAttemptAt: null, leaseOwner: null, leaseExpiresAt: null }));
      if (status !== 'cancelled') await addToWorkflowCounters(manager, run.agencyId, run.workflowId, status === 'completed' ? { successes: 1 } : { failures: 1 });
      const eventType = status === 'completed' ? 'run.executed' : status === 'failed' ? 'run.failed' : 'run.cancelled';
      await manager.insert(
        AuditEventEntity,
        entityPatch<AuditEventEntity>({
          agencyId: run.agencyId,
          workflowId: run.workflowId,
          clientId: run.clientId,
          eventType,
          actorType: 'system',
          actorId: null,
          details: { runId: run.id, ...(details.reason ? { reason: details.reason } : {}), ...(details.error ? { stepId: details.error.stepId, code: details.error.code } : {}) },
          at: new Date(),
        }),
      );
    });
    await this.changes?.runChanged(run, status);
  }

  private async requestApproval(run: LeasedRun, rows: Map<string, RunStepEntity>, step: ActionStep, workflowName: string, snapshot: ClientSnapshot, trigger: Record<string, unknown>): Promise<void> {
    const renderedConfig = renderStepConfig(step, templateContextOf(snapshot, trigger, workflowName));
    const approvalId = await this.dataSource.transaction(async (manager) => {
      await this.fence(manager, run);
      const { id: _id, createdAt: _c, updatedAt: _u, ...stepValues } = this.stepRow(run, rows, step.id, step.type, { status: 'awaiting_approval', input: renderedConfig });
      await manager.upsert(RunStepEntity, entityPatch<RunStepEntity>(stepValues), ['runId', 'stepId']);
      const approval = await manager.insert(
        ApprovalEntity,
        entityPatch<ApprovalEntity>({
          agencyId: run.agencyId,
          runId: run.id,
          stepId: step.id,
          actionType: step.type,
          renderedConfig,
          status: 'pending',
          expiresAt: new Date(Date.now() + this.options.approvalTimeoutMinutes * 60_000),
        }),
      );
      const admins = await manager.getRepository(UserEntity).find({ where: { agencyId: run.agencyId, role: 'admin', active: true } });
      for (const admin of admins) {
        await manager.insert(NotificationEntity, {
          agencyId: run.agencyId,
          clientId: run.clientId,
          runId: run.id,
          workflowId: run.workflowId,
          stepId: step.id,
          userId: admin.id,
          channel: 'in_app',
          recipients: [admin.email],
          subject: 'Approval required',
          message: `"${workflowName}" wants to run ${step.type} for ${snapshot.client.name}: review it in the approval queue.`,
          status: 'sent',
          sentAt: new Date(),
        });
      }
      await manager.update(WorkflowRunEntity, { id: run.id }, { status: 'awaiting_approval', nextAttemptAt: null, leaseOwner: null, leaseExpiresAt: null });
      return approval.identifiers[0].id as string;
    });
    await this.changes?.runChanged(run, 'awaiting_approval');
    await this.changes?.approvalChanged({ id: approvalId, agencyId: run.agencyId, runId: run.id }, 'pending');
    await this.approvalNotifier
      ?.notify({ agencyId: run.agencyId, runId: run.id, stepId: step.id, actionType: step.type, workflowName, clientName: snapshot.client.name })
      .catch(() => undefined);
  }

  private triggerFields(run: LeasedRun): Record<string, unknown> {
    const trigger = (run.triggerEvent ?? {}) as { data?: Record<string, unknown>; occurredAt?: string };
    return { ...(trigger.data ?? {}), date: trigger.occurredAt };
  }

  /** Events emitted by this run extend the chain of the event that triggered it. */
  private causationFor(run: LeasedRun): EventCausation {
    const trigger = (run.triggerEvent ?? {}) as { eventId?: string | null; causation?: EventCausation };
    const parent = trigger.causation;
    return {
      rootEventId: parent?.rootEventId ?? trigger.eventId ?? run.id,
      chain: [...(parent?.chain ?? []), { workflowId: run.workflowId, clientId: run.clientId }],
      depth: (parent?.depth ?? 0) + 1,
    };
  }
}

export type { WorkflowDefinition };
