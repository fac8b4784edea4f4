import type { DataSource, EntityManager } from 'typeorm';
import { decideToNextAction, renderStepConfig, type ActionStep, type WorkflowDefinition } from '@automations/domain';
import {
  addToWorkflowCounters,
  ApprovalEntity,
  entityPatch,
  EventCausation,
  rowsOf,
  type SecretBox,
} from '@automations/persistence';
import { emittedErrors } from '@automations/persistence';
import type { ActionExecutorRegistry } from '../actions/action-executor.registry';
import type { ActionExecution, EmittedEvent, StepEffect } from '../actions/action-executor';
import { conditionContextOf, templateContextOf, type ClientSnapshot } from '../context/client-snapshot';
import { AdminNotifier } from '../notifications/admin-notifier';
import type { EngineQueues } from '../queues/engine-queues';
import type { ApprovalNotifier } from './approval-notifier';
import { classifyStepError } from './error-classifier';
import { decideAfterFailure } from './retry-policy';
import { StaleLeaseError } from './stale-lease.error';
import { editorRefusal } from './editor-permission';
import type { RunChangeListener } from '../live/run-change-listener';
import { leaseRun, type LeasedRun, type StepRow } from './run-lease';
import { RunDefinitionCache } from './run-definition.cache';
import { writeStepRows } from './step-rows.writer';
import type { EmittedEventSettler } from './emitted-event-settler';

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
  /** Opens the sealed (sensitive) values of the definitions the runs execute. */
  secretBox: SecretBox;
}

/** One job's view of its run: what is recorded, and the decisions still to be written with the next commit. */
interface Drive {
  run: LeasedRun;
  definition: WorkflowDefinition;
  rows: Map<string, StepRow>;
  /** Branch decisions, condition skips and failures of continue-on-failure steps, written by the next transaction. */
  pending: StepRow[];
  snapshot: ClientSnapshot;
  trigger: Record<string, unknown>;
  /** Action steps executed by this job (the run yields its slot after `chunkSize`). */
  executed: number;
}

type RunOutcome = 'completed' | 'failed' | 'cancelled';

/** What a step transaction committed: the first step's effect, whether the run ended, and events to match. */
interface CommittedSteps {
  effect: StepEffect;
  finished: boolean;
  emitted: string[];
}

/** Most database-only steps one transaction commits together. */
const BATCH_LIMIT = 10;

const FENCE_SQL = `UPDATE workflow_runs SET lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
  WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING id`;
/**
 * The fence, then the run's client locked for update, in one statement. Database steps take the client's strongest
 * lock first and in the order run → client: a task insert key-shares the client and a later update of it would
 * otherwise deadlock with the client's other runs. (The client row always exists: runs reference it.)
 */
const FENCE_AND_LOCK_CLIENT_SQL = `WITH fenced AS (
    UPDATE workflow_runs SET lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
     WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING agency_id, client_id)
  SELECT c.id FROM clients c JOIN fenced f ON c.id = f.client_id AND c.agency_id = f.agency_id FOR UPDATE OF c`;
const PARK_SQL = `UPDATE workflow_runs SET status = $3, next_attempt_at = $4, lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
  WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING id`;
/** Ends the run and writes its audit line in one statement; nothing is written when the lease is lost. */
const FINISH_SQL = `WITH finished AS (
    UPDATE workflow_runs SET status = $3, reason = $4, error = $5::jsonb, finished_at = now(), next_attempt_at = NULL,
           lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
     WHERE id = $1 AND lease_token = $2 AND status = 'running'
    RETURNING id, agency_id, workflow_id, client_id)
  INSERT INTO audit_events (agency_id, workflow_id, client_id, event_type, actor_type, actor_id, details, at)
  SELECT agency_id, workflow_id, client_id, $6, 'system', NULL, $7::jsonb, now() FROM finished
  RETURNING id`;

const AUDIT_EVENT_OF: Record<RunOutcome, string> = {
  completed: 'run.executed',
  failed: 'run.failed',
  cancelled: 'run.cancelled',
};

/**
 * Advances one run as far as it can go in one job: leases it (fencing token), walks its steps from
 * what they recorded, executes actions (effect + completion in one fenced transaction), and parks
 * it for delays, approvals and retry backoff. Terminal states are never overwritten.
 *
 * Round trips are the cost that matters here: the lease reads everything the job needs in one
 * statement, decisions without I/O (branches, skipped conditions) ride along with the next commit,
 * a database-only action commits its effect and completion together without a `running` mark first,
 * and the run finishes in the same transaction as its last step.
 */
export class RunExecutor {
  private readonly definitions: RunDefinitionCache;
  private readonly admins = new AdminNotifier();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: EngineQueues,
    private readonly actions: ActionExecutorRegistry,
    private readonly options: RunExecutorOptions,
    private readonly admission: RunAdmission | null = null,
    private readonly approvalNotifier: ApprovalNotifier | null = null,
    private readonly changes: RunChangeListener | null = null,
    private readonly emittedEvents: EmittedEventSettler | null = null,
  ) {
    this.definitions = new RunDefinitionCache(dataSource, options.secretBox);
  }

  async advance(runId: string): Promise<void> {
    const run = await leaseRun(this.dataSource, runId, this.options.workerId, this.options.leaseMs / 1000);
    if (!run) return this.wakeLater(runId);
    await this.changes?.runChanged(run, 'running');
    try {
      await this.drive(run);
    } catch (error) {
      if (error instanceof StaleLeaseError) return;
      throw error;
    }
  }

  /** A job that arrived before its run is due re-arms itself for the remaining time. */
  private async wakeLater(runId: string): Promise<void> {
    const [run]: { status: string; next_attempt_at: Date | null }[] = await this.dataSource.query(
      `SELECT status, next_attempt_at FROM workflow_runs WHERE id = $1`,
      [runId],
    );
    if (
      run &&
      (run.status === 'queued' || run.status === 'waiting') &&
      run.next_attempt_at &&
      run.next_attempt_at.getTime() > Date.now()
    ) {
      await this.queues.enqueueRun(runId, run.next_attempt_at.getTime() - Date.now());
    }
  }

  private async drive(run: LeasedRun): Promise<void> {
    const drive: Drive = {
      run,
      definition: await this.definitions.get(run.workflowId, run.workflowVersion),
      rows: run.steps,
      pending: [],
      snapshot: run.clientSnapshot as unknown as ClientSnapshot,
      trigger: this.triggerFields(run),
      executed: 0,
    };
    if (run.workflow.deleted || !run.workflow.isActive)
      return this.finish(drive, 'cancelled', {
        reason: run.workflow.deleted ? 'workflow deleted' : 'workflow disabled',
      });
    if (this.admission && drive.rows.size === 0 && run.attempt === 1) {
      const decision = await this.admission.admit(run);
      if (!decision.admitted)
        return this.park(drive, 'queued', decision.retryAt, decision.retryAt.getTime() - Date.now());
    }
    for (;;) {
      const next = this.decideUpToNextAction(drive, drive.rows, drive.pending);
      if (next.kind === 'done') return this.finish(drive, 'completed', {});
      if (drive.executed >= this.options.chunkSize) return this.park(drive, 'queued', new Date(), 0);

      const step = next.step;
      const row = drive.rows.get(step.id);
      if (step.delayMinutes && (!row || (row.status === 'pending' && !row.scheduledFor))) {
        const due = new Date(Date.now() + step.delayMinutes * 60_000);
        return this.park(drive, 'waiting', due, due.getTime() - Date.now(), [
          this.stepRow(drive, step.id, step.type, { status: 'waiting', scheduledFor: due }),
        ]);
      }
      if (row?.status === 'waiting' && row.scheduledFor && row.scheduledFor.getTime() > Date.now() + 50) {
        return this.park(drive, 'waiting', row.scheduledFor, row.scheduledFor.getTime() - Date.now());
      }

      let approvedDraft = false;
      if (step.requiresApproval || drive.definition.requiresApproval) {
        const [approval]: { status: string; draft_id: string | null }[] = await this.dataSource.query(
          `SELECT status, draft_id FROM approvals WHERE run_id = $1 AND step_id = $2`,
          [run.id, step.id],
        );
        if (!approval) {
          // PRODUCT §8.7: a draft is approved as written (the draft first, then the wait); other actions before they run.
          if (step.type === 'draft_communication') {
            // Parked (or retrying, or failed); a failure with continueOnFailure goes on with the next step.
            if ((await this.executeStep(drive, step, 1, 'approval')) !== 'next') return;
            continue;
          }
          return this.requestApproval(drive, step);
        }
        if (approval.status !== 'approved') return this.park(drive, 'awaiting_approval', null, null);
        approvedDraft = approval.draft_id !== null;
      }

      const settled = await this.executeStep(drive, step, BATCH_LIMIT, approvedDraft ? 'approved_draft' : 'run');
      if (settled !== 'next') return;
    }
  }

  /**
   * Takes the decisions that need no I/O from what `rows` record (the planner's progress is derived from them), records
   * them in `rows` and appends their rows to `writes` (written with the next commit), and says what comes next.
   */
  private decideUpToNextAction(
    drive: Drive,
    rows: Map<string, StepRow>,
    writes: StepRow[],
  ): ReturnType<typeof decideToNextAction>['next'] {
    const progress = new Map(
      [...rows.values()].map((row) => [
        row.stepId,
        { status: row.status, branch: (row.output as { branch?: 'then' | 'else' } | null)?.branch },
      ]),
    );
    const { decisions, next } = decideToNextAction(
      drive.definition.steps,
      progress,
      conditionContextOf(drive.snapshot, drive.trigger, new Date()),
    );
    const now = new Date();
    for (const decision of decisions) {
      const row =
        decision.kind === 'branch'
          ? this.stepRow(
              drive,
              decision.stepId,
              'branch',
              { status: 'completed', output: { branch: decision.taken }, startedAt: now, finishedAt: now },
              rows,
            )
          : this.stepRow(
              drive,
              decision.stepId,
              decision.type,
              { status: 'skipped', output: { reason: 'condition not met' }, finishedAt: now },
              rows,
            );
      rows.set(row.stepId, row);
      writes.push(row);
    }
    return next;
  }

  /**
   * 'next': go on with the next step; 'stopped': the run was parked, finished or failed.
   * `mode` 'approval': the action's result is parked for an approval instead of completing the step (a draft written
   * before its approval); 'approved_draft': the step completes with the draft its approval approved (no new attempt).
   */
  private async executeStep(
    drive: Drive,
    step: ActionStep,
    batchLimit = BATCH_LIMIT,
    mode: 'run' | 'approval' | 'approved_draft' = 'run',
  ): Promise<'next' | 'stopped'> {
    const { run } = drive;
    const config = renderStepConfig(step, templateContextOf(drive.snapshot, drive.trigger, run.workflow.name));
    const attempt =
      mode === 'approved_draft'
        ? this.stepRow(drive, step.id, step.type, {
            status: 'running',
            input: config,
            error: null,
            finishedAt: null,
            attempts: Math.max(1, drive.rows.get(step.id)?.attempts ?? 0),
          })
        : this.attemptRow(drive, drive.rows, step, config);
    const action = this.actions.get(step.type);
    if (action.effects === 'external' && mode !== 'approved_draft') await this.write(drive, [attempt]);
    let attempted = 0;
    let committed: CommittedSteps | undefined;
    try {
      const refusal = editorRefusal(run.workflow.editor);
      if (refusal) throw refusal;
      const onAttempted = (count: number) => (attempted = count);
      if (mode === 'approval') {
        await action.execute({
          ...this.execution(drive, step, config, async (effectOf) => {
            committed = {
              effect: await this.parkForApproval(drive, step, attempt, effectOf),
              finished: false,
              emitted: [],
            };
            return committed.effect;
          }),
          forApproval: true,
        });
        return 'stopped';
      }
      if (action.effects === 'database') {
        const effectOf = (manager: EntityManager) =>
          action.execute(this.execution(drive, step, config, (effect) => effect(manager)));
        committed = await this.commitSteps(
          drive,
          attempt,
          effectOf,
          Math.min(batchLimit, this.options.chunkSize - drive.executed),
          onAttempted,
        );
      } else {
        // The action calls out first, then commits through `commit`: its step alone.
        await action.execute(
          this.execution(drive, step, config, async (effectOf) => {
            committed = await this.commitSteps(drive, attempt, effectOf, 1, onAttempted);
            return committed.effect;
          }),
        );
      }
    } catch (error) {
      if (error instanceof StaleLeaseError) throw error;
      // A batch rolled back as a whole: run its first step alone, so a failure is recorded against the step that failed.
      if (attempted > 1) return this.executeStep(drive, step, 1, mode);
      drive.executed += 1;
      const failure = classifyStepError(error);
      const decision = decideAfterFailure(
        { failure, attempt: attempt.attempts, continueOnFailure: Boolean(step.continueOnFailure) },
        this.options,
      );
      if (decision.kind === 'retry') {
        const delay = decision.delayMs;
        const retry = {
          ...attempt,
          status: 'pending' as const,
          error: failure.toJSON(),
          scheduledFor: new Date(Date.now() + delay),
        };
        drive.rows.set(step.id, retry);
        await this.park(drive, 'queued', new Date(Date.now() + delay), delay, [retry]);
        return 'stopped';
      }
      const failed = { ...attempt, status: 'failed' as const, error: failure.toJSON(), finishedAt: new Date() };
      drive.rows.set(step.id, failed);
      drive.pending.push(failed);
      if (decision.kind === 'continue') return 'next';
      await this.finish(drive, 'failed', { error: { stepId: step.id, ...failure.toJSON() } });
      return 'stopped';
    }
    const { finished, emitted } = committed!;
    // Not fatal: the reconciler re-enqueues unprocessed events from Postgres.
    if (emitted.length)
      await this.queues
        .enqueueEvents(emitted)
        .catch((error: unknown) => emittedErrors.report('engine:enqueue-emitted-events', error));
    if (finished) await this.changes?.runChanged(run, 'completed');
    return finished ? 'stopped' : 'next';
  }

  private execution(
    drive: Drive,
    step: ActionStep,
    config: Record<string, unknown>,
    commit: ActionExecution['commit'],
  ): ActionExecution {
    const { run } = drive;
    return {
      agencyId: run.agencyId,
      runId: run.id,
      workflowId: run.workflowId,
      workflowName: run.workflow.name,
      step,
      clientId: run.clientId,
      snapshot: drive.snapshot,
      config,
      trigger: drive.trigger,
      causation: this.causationFor(run),
      dataSource: this.dataSource,
      commit,
    };
  }

  /** The row of a new attempt at `step` (not written yet). */
  private attemptRow(
    drive: Drive,
    rows: Map<string, StepRow>,
    step: ActionStep,
    config: Record<string, unknown>,
  ): StepRow {
    const attempts = (rows.get(step.id)?.attempts ?? 0) + 1;
    return this.stepRow(
      drive,
      step.id,
      step.type,
      { status: 'running', attempts, input: config, error: null, startedAt: new Date(), finishedAt: null },
      rows,
    );
  }

  /**
   * Commits a step's effect with its completion in one transaction fenced by the lease, together with the pending
   * decisions, those that follow it without I/O and, when nothing is left, the run's end. Database-only steps that follow
   * (no delay or approval, never attempted) join it, up to `limit`. Any failure rolls the whole transaction back
   * (`onAttempted` says how many steps it began).
   */
  private async commitSteps(
    drive: Drive,
    firstAttempt: StepRow,
    firstEffectOf: (manager: EntityManager) => Promise<StepEffect>,
    limit: number,
    onAttempted: (count: number) => void,
  ): Promise<CommittedSteps> {
    const { run } = drive;
    const rows = new Map(drive.rows);
    const writes: StepRow[] = [...drive.pending];
    const emitted: string[] = [];
    let executed = 0;
    let finished = false;
    let firstEffect: StepEffect | undefined;
    await this.dataSource.transaction(async (manager) => {
      const fenced = rowsOf<{ id: string }>(
        await manager.query(FENCE_AND_LOCK_CLIENT_SQL, [run.id, run.leaseToken, this.options.leaseMs / 1000]),
      );
      if (fenced.length === 0) throw new StaleLeaseError(run.id);
      let attempt: StepRow | null = firstAttempt;
      let effectOf = firstEffectOf;
      while (attempt) {
        onAttempted(executed + 1);
        const effect = await effectOf(manager);
        firstEffect ??= effect;
        executed += 1;
        const completed: StepRow = {
          ...attempt,
          status: 'completed',
          output: effect.output,
          error: null,
          finishedAt: new Date(),
        };
        rows.set(completed.stepId, completed);
        writes.push(completed);
        emitted.push(...(await this.settleEmitted(manager, effect.emitted ?? [])));
        const next = this.decideUpToNextAction(drive, rows, writes);
        finished = next.kind === 'done';
        attempt = null;
        if (next.kind === 'action' && executed < limit && this.batchable(drive, rows, next.step)) {
          const step = next.step;
          const config = renderStepConfig(step, templateContextOf(drive.snapshot, drive.trigger, run.workflow.name));
          attempt = this.attemptRow(drive, rows, step, config);
          effectOf = (inner) =>
            this.actions
              .get(step.type)
              .execute(this.execution(drive, step, config, (effectInside) => effectInside(inner)));
        }
      }
      await writeStepRows(manager, writes);
      if (finished) await this.writeOutcome(manager, run, 'completed', {});
    });
    drive.rows = rows;
    drive.pending = [];
    drive.executed += executed;
    return { effect: firstEffect!, finished, emitted };
  }

  private batchable(drive: Drive, rows: Map<string, StepRow>, step: ActionStep): boolean {
    return (
      this.actions.get(step.type).effects === 'database' &&
      !step.delayMinutes &&
      !step.requiresApproval &&
      !drive.definition.requiresApproval &&
      !rows.has(step.id)
    );
  }

  /** Emitted events no workflow fires on are settled in the step's transaction; the ids of the others are enqueued after it. */
  private async settleEmitted(manager: EntityManager, events: EmittedEvent[]): Promise<string[]> {
    const toEnqueue: string[] = [];
    for (const event of events) if (!(await this.emittedEvents?.settleInline(manager, event))) toEnqueue.push(event.id);
    return toEnqueue;
  }

  private async fence(manager: EntityManager, run: LeasedRun): Promise<void> {
    const rows = rowsOf<{ id: string }>(
      await manager.query(FENCE_SQL, [run.id, run.leaseToken, this.options.leaseMs / 1000]),
    );
    if (rows.length === 0) throw new StaleLeaseError(run.id);
  }

  private stepRow(
    drive: Drive,
    stepId: string,
    type: string,
    patch: Partial<StepRow>,
    rows: Map<string, StepRow> = drive.rows,
  ): StepRow {
    const existing = rows.get(stepId);
    return {
      ...(existing ?? {
        agencyId: drive.run.agencyId,
        runId: drive.run.id,
        stepId,
        type,
        status: 'pending',
        attempts: 0,
        input: null,
        output: null,
        error: null,
        scheduledFor: null,
        startedAt: null,
        finishedAt: null,
      }),
      ...patch,
    };
  }

  /** Writes step rows (and the pending decisions) under the lease. */
  private async write(drive: Drive, rows: StepRow[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.fence(manager, drive.run);
      await writeStepRows(manager, [...drive.pending, ...rows]);
    });
    drive.pending = [];
    for (const row of rows) drive.rows.set(row.stepId, row);
  }

  /** Gives the run back (delay, backoff, approval, next chunk) and re-enqueues it when it has a due time. */
  private async park(
    drive: Drive,
    status: 'queued' | 'waiting' | 'awaiting_approval',
    due: Date | null,
    delayMs: number | null,
    rows: StepRow[] = [],
  ): Promise<void> {
    const { run } = drive;
    await this.dataSource.transaction(async (manager) => {
      const parked = rowsOf<{ id: string }>(await manager.query(PARK_SQL, [run.id, run.leaseToken, status, due]));
      if (parked.length === 0) throw new StaleLeaseError(run.id);
      await writeStepRows(manager, [...drive.pending, ...rows]);
    });
    drive.pending = [];
    await this.changes?.runChanged(run, status);
    if (delayMs !== null) await this.queues.enqueueRun(run.id, delayMs);
  }

  private async finish(
    drive: Drive,
    status: RunOutcome,
    details: { reason?: string; error?: Record<string, unknown> },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.writeOutcome(manager, drive.run, status, details);
      await writeStepRows(manager, drive.pending);
    });
    drive.pending = [];
    await this.changes?.runChanged(drive.run, status);
  }

  /** The run's end, its audit line and its workflow's counters, inside the caller's transaction (fenced). */
  private async writeOutcome(
    manager: EntityManager,
    run: LeasedRun,
    status: RunOutcome,
    details: { reason?: string; error?: Record<string, unknown> },
  ): Promise<void> {
    const audit = {
      runId: run.id,
      ...(details.reason ? { reason: details.reason } : {}),
      ...(details.error ? { stepId: details.error.stepId, code: details.error.code } : {}),
    };
    const written = rowsOf<{ id: string }>(
      await manager.query(FINISH_SQL, [
        run.id,
        run.leaseToken,
        status,
        details.reason ?? null,
        details.error ? JSON.stringify(details.error) : null,
        AUDIT_EVENT_OF[status],
        JSON.stringify(audit),
      ]),
    );
    if (written.length === 0) throw new StaleLeaseError(run.id);
    if (status !== 'cancelled')
      await addToWorkflowCounters(
        manager,
        run.agencyId,
        run.workflowId,
        status === 'completed' ? { successes: 1 } : { failures: 1 },
      );
  }

  /**
   * A draft written before its approval: the draft (inserted by `effectOf`), the step `awaiting_approval` with the
   * draft in its output, the run parked and the approval pointing at the draft commit together, fenced by the lease —
   * a worker that dies before this commit leaves no draft behind, and the draft exists once per run and step.
   */
  private async parkForApproval(
    drive: Drive,
    step: ActionStep,
    attempt: StepRow,
    effectOf: (manager: EntityManager) => Promise<StepEffect>,
  ): Promise<StepEffect> {
    const { run } = drive;
    let effect: StepEffect | undefined;
    const approvalId = await this.dataSource.transaction(async (manager) => {
      const parked = rowsOf<{ id: string }>(
        await manager.query(PARK_SQL, [run.id, run.leaseToken, 'awaiting_approval', null]),
      );
      if (parked.length === 0) throw new StaleLeaseError(run.id);
      effect = await effectOf(manager);
      await writeStepRows(manager, [
        ...drive.pending,
        { ...attempt, status: 'awaiting_approval', output: effect.output, error: null },
      ]);
      return this.insertApproval(manager, drive, step, attempt.input ?? {}, String(effect.output.draftId));
    });
    drive.pending = [];
    drive.executed += 1;
    await this.announceApproval(drive, step, approvalId, true);
    return effect!;
  }

  private async requestApproval(drive: Drive, step: ActionStep): Promise<void> {
    const { run, snapshot } = drive;
    const renderedConfig = renderStepConfig(step, templateContextOf(snapshot, drive.trigger, run.workflow.name));
    const approvalId = await this.dataSource.transaction(async (manager) => {
      const parked = rowsOf<{ id: string }>(
        await manager.query(PARK_SQL, [run.id, run.leaseToken, 'awaiting_approval', null]),
      );
      if (parked.length === 0) throw new StaleLeaseError(run.id);
      await writeStepRows(manager, [
        ...drive.pending,
        this.stepRow(drive, step.id, step.type, { status: 'awaiting_approval', input: renderedConfig }),
      ]);
      return this.insertApproval(manager, drive, step, renderedConfig, null);
    });
    drive.pending = [];
    await this.announceApproval(drive, step, approvalId);
  }

  /** The pending approval and the admins' in-app notices, inside the parking transaction. */
  private async insertApproval(
    manager: EntityManager,
    drive: Drive,
    step: ActionStep,
    renderedConfig: Record<string, unknown>,
    draftId: string | null,
  ): Promise<string> {
    const { run, snapshot } = drive;
    const workflowName = run.workflow.name;
    const approval = await manager.insert(
      ApprovalEntity,
      entityPatch<ApprovalEntity>({
        agencyId: run.agencyId,
        runId: run.id,
        stepId: step.id,
        actionType: step.type,
        renderedConfig,
        status: 'pending',
        draftId,
        expiresAt: new Date(Date.now() + this.options.approvalTimeoutMinutes * 60_000),
      }),
    );
    await this.admins.notifyInApp(manager, {
      agencyId: run.agencyId,
      clientId: run.clientId,
      runId: run.id,
      workflowId: run.workflowId,
      stepId: step.id,
      subject: 'Approval required',
      message: draftId
        ? `"${workflowName}" wrote a draft for ${snapshot.client.name}: review, edit and approve it in the approval queue.`
        : `"${workflowName}" wants to run ${step.type} for ${snapshot.client.name}: review it in the approval queue.`,
    });
    return approval.identifiers[0].id as string;
  }

  private async announceApproval(drive: Drive, step: ActionStep, approvalId: string, draft = false): Promise<void> {
    const { run, snapshot } = drive;
    const workflowName = run.workflow.name;
    await this.changes?.runChanged(run, 'awaiting_approval');
    await this.changes?.approvalChanged({ id: approvalId, agencyId: run.agencyId, runId: run.id }, 'pending');
    await this.approvalNotifier
      ?.notify({
        agencyId: run.agencyId,
        runId: run.id,
        stepId: step.id,
        actionType: step.type,
        workflowName,
        clientName: snapshot.client.name,
        ...(draft ? { draft: { platform: String((step.config as { platform?: unknown }).platform ?? 'email') } } : {}),
      })
      .catch((error: unknown) => emittedErrors.report('engine:approval-notifier', error));
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
