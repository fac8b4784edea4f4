import { DataSource, EntityManager } from 'typeorm';
import { remainingActionSteps } from '@automations/domain';
import {
  addToWorkflowCounters,
  emittedErrors,
  ApprovalEntity,
  AuditEventEntity,
  CommunicationDraftEntity,
  RunStepEntity,
  WorkflowRunEntity,
} from '@automations/persistence';
import type { ChangedApproval, ChangedRun, RunChangeListener } from '../live/run-change-listener';
import { AdminNotifier } from '../notifications/admin-notifier';
import type { EngineQueues } from '../queues/engine-queues';
import { isApprovalExpired } from './approval-expiry';
import type { ApprovalExpiry } from './approval-notifier';
import { decisionGate, type ReviewDecision } from './decision-gate';
import { type DraftEditInput, draftEdits } from './draft-edits';
import { cancelRunsById, NOTHING_CANCELLED } from './parked-runs';
import { retryGate } from './retry-gate';
import type { RunActor } from './run-actor';
import { loadRunDefinition, loadRunProgress } from './run-definition.loader';
import { stepsToRetry } from './steps-to-retry';

export type { DraftEditInput } from './draft-edits';

export type DecisionOutcome = 'approved' | 'rejected' | 'expired' | 'not_found' | 'not_pending';
/** Also: edits sent for an approval that decides no draft, or a subject for a draft that has none (Slack). */
export type ApproveOutcome = DecisionOutcome | 'edits_without_draft' | 'subject_not_allowed';
export type RetryOutcome = 'retried' | 'not_found' | 'not_failed' | 'purged';

/** What a committed decision changed, announced after the commit. */
interface Decided {
  run: ChangedRun;
  approval: ChangedApproval;
  status: 'approved' | 'rejected' | 'expired';
  /** What the admins are told outside the app when the approval expired. */
  expiry?: ApprovalExpiry;
}

/** Tells admins outside the app that an approval expired (Slack, email): `ApprovalNotifier`. */
export interface ApprovalExpiryNotifier {
  notifyExpired(expiry: ApprovalExpiry): Promise<void>;
}

/**
 * Decisions taken on a run from outside the executor: approve, reject, approval expiry, retry.
 * Each one locks the row it decides on and changes it only from the state it expects, so an
 * approve racing the expiry has exactly one outcome and repeating a decision changes nothing.
 * Committed changes are announced to the optional listener (live updates).
 */
export class RunControl {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: EngineQueues,
    private readonly changes: RunChangeListener | null = null,
    private readonly expiryNotifier: ApprovalExpiryNotifier | null = null,
  ) {}

  private readonly notifying = new Set<Promise<void>>();
  private readonly admins = new AdminNotifier();

  /**
   * Approves the run's pending step. An approval of a draft approves that draft (`approved`), with the reviewer's
   * `edits` applied to it; the fields that changed are kept on the approval (original and edited) and in the audit line.
   */
  async approve({
    agencyId,
    runId,
    actor,
    edits: input,
  }: {
    agencyId: string;
    runId: string;
    actor: RunActor;
    edits?: DraftEditInput;
  }): Promise<ApproveOutcome> {
    let decided: Decided | null = null;
    const outcome = await this.dataSource.transaction(async (manager): Promise<ApproveOutcome> => {
      const { approval, run, gate } = await this.judge(manager, 'approve', agencyId, runId);
      if (!approval || !run || gate === 'not_found' || gate === 'not_pending')
        return gate === 'not_found' ? 'not_found' : 'not_pending';
      if (gate === 'expired') {
        decided = await this.close(manager, approval, 'expired', SYSTEM_ACTOR_FOR_EXPIRY, 'timeout');
        return 'expired';
      }
      const draft = approval.draftId
        ? await manager
            .getRepository(CommunicationDraftEntity)
            .findOne({ where: { agencyId, id: approval.draftId }, lock: { mode: 'pessimistic_write' } })
        : null;
      const changes = draftEdits(draft, input);
      if (!changes.ok) return changes.outcome;
      const { edits } = changes;
      const now = new Date();
      if (draft) {
        await manager.update(
          CommunicationDraftEntity,
          { id: draft.id, agencyId },
          {
            status: 'approved',
            ...(edits?.subject ? { subject: edits.subject.edited } : {}),
            ...(edits?.body ? { content: edits.body.edited } : {}),
            ...(edits ? { editedAt: now } : {}),
          },
        );
      }
      await manager.update(
        ApprovalEntity,
        { id: approval.id },
        { status: 'approved', decidedAt: now, decidedByUserId: actor.userId, decidedByApiKeyId: actor.apiKeyId, edits },
      );
      await manager.update(
        RunStepEntity,
        { runId, stepId: approval.stepId, status: 'awaiting_approval' },
        { status: 'pending' },
      );
      await manager.update(
        WorkflowRunEntity,
        { id: runId, status: 'awaiting_approval' },
        { status: 'queued', nextAttemptAt: new Date() },
      );
      await this.audit(manager, approval, 'run.approved', actor, {
        stepId: approval.stepId,
        actionType: approval.actionType,
        ...(draft ? { draftId: draft.id, edited: edits ? Object.keys(edits) : [] } : {}),
        ...(edits ? { edits } : {}),
      });
      decided = { run: changedRun(run), approval: changedApproval(approval), status: 'approved' };
      return 'approved' as const;
    });
    await this.announce(decided);
    if (outcome === 'approved') await this.queues.enqueueRun(runId);
    return outcome;
  }

  async reject({
    agencyId,
    runId,
    actor,
    reason,
  }: {
    agencyId: string;
    runId: string;
    actor: RunActor;
    reason?: string;
  }): Promise<DecisionOutcome> {
    let decided: Decided | null = null;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const { approval, gate } = await this.judge(manager, 'reject', agencyId, runId);
      if (!approval || gate !== 'decidable') return gate === 'not_found' ? 'not_found' : 'not_pending';
      decided = await this.close(manager, approval, 'rejected', actor, reason?.trim() || 'rejected by reviewer');
      return 'rejected' as const;
    });
    await this.announce(decided);
    return outcome;
  }

  /** Expires every pending approval past its `expiresAt` (any agency); returns how many. */
  async expireDueApprovals(now = new Date()): Promise<number> {
    const due = await this.dataSource
      .getRepository(ApprovalEntity)
      .createQueryBuilder('a')
      .select(['a.id', 'a.agencyId', 'a.runId'])
      .where("a.status = 'pending'")
      .andWhere('a.expiresAt <= :now', { now })
      .limit(500)
      .getMany();
    let expired = 0;
    for (const candidate of due) {
      const decided = await this.dataSource.transaction(async (manager) => {
        const approval = await this.lockPendingApproval(manager, candidate.agencyId, candidate.runId);
        if (!approval || !isApprovalExpired(approval, now)) return null;
        return this.close(manager, approval, 'expired', SYSTEM_ACTOR_FOR_EXPIRY, 'timeout');
      });
      await this.announce(decided);
      if (decided) expired += 1;
    }
    return expired;
  }

  /** Resumes a failed run from its failed step; completed steps are never executed again. */
  async retry({ agencyId, runId, actor }: { agencyId: string; runId: string; actor: RunActor }): Promise<RetryOutcome> {
    let retried: ChangedRun | null = null;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const run = await manager
        .getRepository(WorkflowRunEntity)
        .findOne({ where: { id: runId, agencyId }, lock: { mode: 'pessimistic_write' } });
      const gate = retryGate(run);
      if (gate !== 'retryable') return gate;
      if (!run) return 'not_found';
      const definition = await loadRunDefinition(manager, run);
      const failed = await manager.getRepository(RunStepEntity).find({ where: { runId, status: 'failed' } });
      const retrying = new Set(
        stepsToRetry(
          definition.steps,
          failed.map((step) => step.stepId),
        ),
      );
      const halting = failed.filter((step) => retrying.has(step.stepId));
      for (const step of halting)
        await manager.update(
          RunStepEntity,
          { id: step.id },
          { status: 'pending', attempts: 0, error: null, finishedAt: null },
        );
      await manager.update(
        WorkflowRunEntity,
        { id: runId, status: 'failed' },
        {
          status: 'queued',
          attempt: run.attempt + 1,
          error: null,
          reason: null,
          finishedAt: null,
          nextAttemptAt: new Date(),
        },
      );
      await addToWorkflowCounters(manager, agencyId, run.workflowId, { failures: -1 });
      await manager.insert(AuditEventEntity, {
        agencyId,
        workflowId: run.workflowId,
        clientId: run.clientId,
        eventType: 'run.retried',
        actorType: actor.actorType,
        actorId: actor.actorId,
        details: { runId, attempt: run.attempt + 1, fromSteps: halting.map((step) => step.stepId) },
        at: new Date(),
      });
      retried = changedRun(run);
      return 'retried' as const;
    });
    if (retried) await this.changes?.runChanged(retried, 'queued');
    if (outcome === 'retried') await this.queues.enqueueRun(runId);
    return outcome;
  }

  /**
   * Cancels the named runs that are queued, waiting or awaiting approval, in one transaction (the caller keeps the
   * list short: a bulk cancel chunks it), as a stopped workflow's are: pending approvals and their drafts rejected, a
   * queued job finds the run no longer queued and does nothing. One `run.cancelled` audit line per run; returns the
   * ids cancelled — the others were not the agency's or not pending any more.
   */
  async cancel({
    agencyId,
    runIds,
    actor,
    reason,
  }: {
    agencyId: string;
    runIds: readonly string[];
    actor: RunActor;
    reason: string;
  }): Promise<string[]> {
    if (runIds.length === 0) return [];
    const cancelled = await this.dataSource.transaction((manager) =>
      cancelRunsById(manager, agencyId, runIds, reason, actor),
    );
    if (cancelled !== NOTHING_CANCELLED && this.changes) {
      for (const approval of cancelled.approvals) await this.changes.approvalChanged(approval, 'rejected');
      for (const run of cancelled.runs) await this.changes.runChanged(run, 'cancelled');
    }
    return cancelled.runs.map((run) => run.id);
  }

  /**
   * After the commit: the approval's new status, then the run's (queued when approved, rejected otherwise); an expiry
   * is also sent to the admins on Slack/email (best effort, after the in-app notice committed with it).
   */
  private async announce(decided: Decided | null): Promise<void> {
    if (!decided) return;
    if (this.changes) {
      await this.changes.approvalChanged(decided.approval, decided.status);
      await this.changes.runChanged(decided.run, decided.status === 'approved' ? 'queued' : 'rejected');
    }
    if (decided.status === 'expired' && this.expiryNotifier && decided.expiry) {
      // Not awaited: a slow Slack or SMTP (15 s timeouts) must not hold the sweep, and the reconciler after it.
      const sending = this.expiryNotifier
        .notifyExpired(decided.expiry)
        .catch((error: unknown) => emittedErrors.report('engine:approval-notifier', error));
      this.notifying.add(sending);
      void sending.finally(() => this.notifying.delete(sending));
    }
  }

  /** Waits for the expiry messages still being sent (at shutdown, and in tests). */
  async notificationsSettled(): Promise<void> {
    while (this.notifying.size > 0) await Promise.allSettled([...this.notifying]);
  }

  private lockPendingApproval(manager: EntityManager, agencyId: string, runId: string): Promise<ApprovalEntity | null> {
    return manager
      .getRepository(ApprovalEntity)
      .findOne({ where: { agencyId, runId, status: 'pending' }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Loads what a reviewer's decision is judged on: the pending approval (locked), then the run — locked when an
   * approve will change it, only read (status) when there is no pending approval to decide.
   */
  private async judge(manager: EntityManager, decision: ReviewDecision, agencyId: string, runId: string) {
    const approval = await this.lockPendingApproval(manager, agencyId, runId);
    const runs = manager.getRepository(WorkflowRunEntity);
    let run: WorkflowRunEntity | null = null;
    if (!approval) run = await runs.findOne({ select: { id: true, status: true }, where: { id: runId, agencyId } });
    else if (decision === 'approve')
      run = await runs.findOne({ where: { id: runId }, lock: { mode: 'pessimistic_write' } });
    return { approval, run, gate: decisionGate(decision, { approval, run, now: new Date() }) };
  }

  /** Rejection and expiry end the run the same way: step rejected, later steps cancelled, run rejected. */
  private async close(
    manager: EntityManager,
    approval: ApprovalEntity,
    status: 'rejected' | 'expired',
    actor: RunActor,
    reason: string,
  ): Promise<Decided> {
    const now = new Date();
    await manager.update(
      ApprovalEntity,
      { id: approval.id },
      { status, decidedAt: now, decidedByUserId: actor.userId, decidedByApiKeyId: actor.apiKeyId, reason },
    );
    // The draft behind the approval shares its outcome: rejected, or expired.
    if (approval.draftId)
      await manager.update(CommunicationDraftEntity, { id: approval.draftId, agencyId: approval.agencyId }, { status });
    await manager.update(
      RunStepEntity,
      { runId: approval.runId, stepId: approval.stepId },
      { status: 'rejected', finishedAt: now, error: { code: status, message: reason } },
    );
    const run = await manager
      .getRepository(WorkflowRunEntity)
      .findOneOrFail({ where: { id: approval.runId }, lock: { mode: 'pessimistic_write' } });
    const definition = await loadRunDefinition(manager, run);
    const { progress } = await loadRunProgress(manager, run.id);
    for (const step of remainingActionSteps(definition.steps, progress)) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(RunStepEntity)
        .values({
          agencyId: run.agencyId,
          runId: run.id,
          stepId: step.id,
          type: step.type,
          status: 'cancelled',
          attempts: 0,
          finishedAt: now,
          error: {
            code: 'run_rejected',
            message: `run ${status === 'expired' ? 'expired' : 'rejected'} before this step`,
          },
        })
        .orUpdate(['status', 'finished_at', 'error'], ['run_id', 'step_id'])
        .execute();
    }
    await manager.update(
      WorkflowRunEntity,
      { id: run.id, status: 'awaiting_approval' },
      { status: 'rejected', reason: status === 'expired' ? 'timeout' : reason, finishedAt: now },
    );
    await this.audit(manager, approval, status === 'expired' ? 'run.expired' : 'run.rejected', actor, {
      stepId: approval.stepId,
      actionType: approval.actionType,
      reason,
    });
    if (status === 'expired') await this.notifyAdminsOfExpiry(manager, approval, run);
    const expiry =
      status === 'expired'
        ? { agencyId: approval.agencyId, runId: run.id, stepId: approval.stepId, actionType: approval.actionType }
        : undefined;
    return { run: changedRun(run), approval: changedApproval(approval), status, expiry };
  }

  private notifyAdminsOfExpiry(
    manager: EntityManager,
    approval: ApprovalEntity,
    run: WorkflowRunEntity,
  ): Promise<void> {
    return this.admins.notifyInApp(manager, {
      agencyId: approval.agencyId,
      clientId: run.clientId,
      runId: run.id,
      workflowId: run.workflowId,
      stepId: approval.stepId,
      subject: 'Approval expired',
      message: `The ${approval.actionType} step waited too long for approval and the run was rejected (timeout).`,
    });
  }

  private async audit(
    manager: EntityManager,
    approval: ApprovalEntity,
    eventType: string,
    actor: RunActor,
    details: Record<string, unknown>,
  ): Promise<void> {
    const run = await manager.getRepository(WorkflowRunEntity).findOneOrFail({ where: { id: approval.runId } });
    await manager.insert(AuditEventEntity, {
      agencyId: approval.agencyId,
      workflowId: run.workflowId,
      clientId: run.clientId,
      eventType,
      actorType: actor.actorType,
      actorId: actor.actorId,
      details: { runId: run.id, ...details },
      at: new Date(),
    });
  }
}

const changedRun = (run: WorkflowRunEntity): ChangedRun => ({
  id: run.id,
  agencyId: run.agencyId,
  workflowId: run.workflowId,
  clientId: run.clientId,
});
const changedApproval = (approval: ApprovalEntity): ChangedApproval => ({
  id: approval.id,
  agencyId: approval.agencyId,
  runId: approval.runId,
});

const SYSTEM_ACTOR_FOR_EXPIRY: RunActor = { actorType: 'system', actorId: null, userId: null, apiKeyId: null };
