import type { DataSource, EntityManager } from 'typeorm';
import { renderStepConfig, type ActionStep, type WorkflowDefinition } from '@automations/domain';
import { emittedErrors, type SecretBox } from '@automations/persistence';
import type { ActionExecutorRegistry } from '../actions/action-executor.registry';
import type { ActionExecution, StepEffect } from '../actions/action-executor';
import { templateContextOf } from '../context/client-snapshot';
import type { RunChangeListener } from '../live/run-change-listener';
import type { EngineQueues } from '../queues/engine-queues';
import type { ApprovalNotifier } from './approval-notifier';
import { ApprovalRequester } from './approval-requester';
import { editorRefusal } from './editor-permission';
import type { EmittedEventSettler } from './emitted-event-settler';
import { classifyStepError } from './error-classifier';
import { decideAfterFailure } from './retry-policy';
import { RunDefinitionCache } from './run-definition.cache';
import { attemptRow, causationFor, decideUpToNextAction, newDrive, stepRow, type Drive } from './run-drive';
import { MicroBatcher } from '../batching/micro-batcher';
import { leaseRuns, type LeasedRun, type StepRow } from './run-lease';
import {
  RunStateWriter,
  type OutcomeDetails,
  type ParkedStatus,
  type RunOutcome,
  type SettledEvent,
} from './run-state-writer';
import { StaleLeaseError } from './stale-lease.error';

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
  /** Most runs leased by one statement (concurrent jobs lease together); default 1, one statement per job. */
  leaseBatch?: number;
}

/** What a RunExecutor works with; the optional parts are left out where a worker (or a test) does without them. */
export interface RunExecutorDependencies {
  dataSource: DataSource;
  queues: EngineQueues;
  actions: ActionExecutorRegistry;
  options: RunExecutorOptions;
  /** Per-agency quotas; without it every run starts at once. */
  admission?: RunAdmission | null;
  /** The admins' Slack and email notices of pending approvals. */
  approvalNotifier?: ApprovalNotifier | null;
  /** Run and approval changes for the live stream. */
  changes?: RunChangeListener | null;
  /** Settles emitted events no workflow fires on inside the step's transaction (else they are all enqueued). */
  emittedEvents?: EmittedEventSettler | null;
}

/** What a step transaction committed: the first step's effect, whether the run ended, and events to match. */
interface CommittedSteps {
  effect: StepEffect;
  finished: boolean;
  emitted: string[];
}

/** Most database-only steps one transaction commits together. */
const BATCH_LIMIT = 10;

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
  private readonly dataSource: DataSource;
  private readonly queues: EngineQueues;
  private readonly actions: ActionExecutorRegistry;
  private readonly options: RunExecutorOptions;
  private readonly admission: RunAdmission | null;
  private readonly changes: RunChangeListener | null;
  private readonly emittedEvents: EmittedEventSettler | null;
  private readonly definitions: RunDefinitionCache;
  private readonly writer: RunStateWriter;
  private readonly approvals: ApprovalRequester;
  private readonly leases: MicroBatcher<string, LeasedRun | null>;

  constructor(dependencies: RunExecutorDependencies) {
    const { dataSource, options, approvalNotifier = null } = dependencies;
    this.dataSource = dataSource;
    this.queues = dependencies.queues;
    this.actions = dependencies.actions;
    this.options = options;
    this.admission = dependencies.admission ?? null;
    this.changes = dependencies.changes ?? null;
    this.emittedEvents = dependencies.emittedEvents ?? null;
    this.definitions = new RunDefinitionCache(dataSource, options.secretBox);
    this.writer = new RunStateWriter(dataSource, options.leaseMs);
    this.approvals = new ApprovalRequester(dataSource, this.writer, options, this.changes, approvalNotifier);
    this.leases = new MicroBatcher({
      handle: async (runIds) => {
        const leased = await leaseRuns(dataSource, runIds, options.workerId, options.leaseMs / 1000);
        return runIds.map((runId) => leased.get(runId) ?? null);
      },
      maxBatch: Math.max(1, options.leaseBatch ?? 1),
      maxWaitMs: 0,
      // Batches of one (the default) lease as before, one statement per job, as many at once as jobs run.
      maxInFlight: (options.leaseBatch ?? 1) > 1 ? 2 : Number.MAX_SAFE_INTEGER,
    });
  }

  async advance(runId: string): Promise<void> {
    const run = await this.leases.add(runId);
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
    const drive = newDrive(run, await this.definitions.get(run.workflowId, run.workflowVersion));
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
      const next = decideUpToNextAction(drive, drive.rows, drive.pending);
      if (next.kind === 'done') return this.finish(drive, 'completed', {});
      if (drive.executed >= this.options.chunkSize) return this.park(drive, 'queued', new Date(), 0);

      const step = next.step;
      const row = drive.rows.get(step.id);
      if (step.delayMinutes && (!row || (row.status === 'pending' && !row.scheduledFor))) {
        const due = new Date(Date.now() + step.delayMinutes * 60_000);
        return this.park(drive, 'waiting', due, due.getTime() - Date.now(), [
          stepRow(drive, step.id, step.type, { status: 'waiting', scheduledFor: due }),
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
          return this.approvals.request(drive, step);
        }
        if (approval.status !== 'approved') return this.park(drive, 'awaiting_approval', null, null);
        approvedDraft = approval.draft_id !== null;
      }

      const settled = await this.executeStep(drive, step, BATCH_LIMIT, approvedDraft ? 'approved_draft' : 'run');
      if (settled !== 'next') return;
    }
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
        ? stepRow(drive, step.id, step.type, {
            status: 'running',
            input: config,
            error: null,
            finishedAt: null,
            attempts: Math.max(1, drive.rows.get(step.id)?.attempts ?? 0),
          })
        : attemptRow(drive, drive.rows, step, config);
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
              effect: await this.approvals.parkForApproval(drive, step, attempt, effectOf),
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
      return this.recordFailure(drive, step, attempt, error);
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

  /** A failed attempt: parked for a retry, or the step failed and the run going on (`'next'`) or failed with it. */
  private async recordFailure(
    drive: Drive,
    step: ActionStep,
    attempt: StepRow,
    error: unknown,
  ): Promise<'next' | 'stopped'> {
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
      causation: causationFor(run),
      dataSource: this.dataSource,
      commit,
    };
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
    const settled: SettledEvent[] = [];
    let executed = 0;
    let finished = false;
    let firstEffect: StepEffect | undefined;
    await this.dataSource.transaction(async (manager) => {
      await this.writer.fenceAndLockClient(manager, run);
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
        for (const event of effect.emitted ?? []) {
          const verdicts = this.emittedEvents?.screenInline(event) ?? null;
          if (verdicts) settled.push({ id: event.id, processing: verdicts });
          else emitted.push(event.id);
        }
        const next = decideUpToNextAction(drive, rows, writes);
        finished = next.kind === 'done';
        attempt = null;
        if (next.kind === 'action' && executed < limit && this.batchable(drive, rows, next.step)) {
          const step = next.step;
          const config = renderStepConfig(step, templateContextOf(drive.snapshot, drive.trigger, run.workflow.name));
          attempt = attemptRow(drive, rows, step, config);
          effectOf = (inner) =>
            this.actions
              .get(step.type)
              .execute(this.execution(drive, step, config, (effectInside) => effectInside(inner)));
        }
      }
      // One statement ends the commit: the step rows, the settled events and, when nothing is left, the run's end.
      if (finished) await this.writer.finish(manager, run, 'completed', {}, writes, settled);
      else await this.writer.writeSteps(manager, writes, settled);
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

  /** Writes step rows (and the pending decisions) under the lease. */
  private async write(drive: Drive, rows: StepRow[]): Promise<void> {
    await this.writer.fenceAndWriteSteps(drive.run, [...drive.pending, ...rows]);
    drive.pending = [];
    for (const row of rows) drive.rows.set(row.stepId, row);
  }

  /** Gives the run back (delay, backoff, approval, next chunk) and re-enqueues it when it has a due time. */
  private async park(
    drive: Drive,
    status: ParkedStatus,
    due: Date | null,
    delayMs: number | null,
    rows: StepRow[] = [],
  ): Promise<void> {
    const { run } = drive;
    await this.writer.parkWithSteps(run, status, due, [...drive.pending, ...rows]);
    drive.pending = [];
    await this.changes?.runChanged(run, status);
    if (delayMs !== null) await this.queues.enqueueRun(run.id, delayMs);
  }

  private async finish(drive: Drive, status: RunOutcome, details: OutcomeDetails): Promise<void> {
    await this.writer.finishWithSteps(drive.run, status, details, drive.pending);
    drive.pending = [];
    await this.changes?.runChanged(drive.run, status);
  }
}

export type { WorkflowDefinition };
