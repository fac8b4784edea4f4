import { decideToNextAction, type ActionStep, type WorkflowDefinition } from '@automations/domain';
import type { EventCausation } from '@automations/persistence';
import { conditionContextOf, type ClientSnapshot } from '../context/client-snapshot';
import type { LeasedRun, StepRow } from './run-lease';

/** One job's view of its run: what is recorded, and the decisions still to be written with the next commit. */
export interface Drive {
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

export type NextStep = ReturnType<typeof decideToNextAction>['next'];

export function newDrive(run: LeasedRun, definition: WorkflowDefinition): Drive {
  return {
    run,
    definition,
    rows: run.steps,
    pending: [],
    snapshot: run.clientSnapshot as unknown as ClientSnapshot,
    trigger: triggerFields(run),
    executed: 0,
  };
}

/** The row of `stepId` as `rows` record it (or a new pending one), with `patch` applied (not written yet). */
export function stepRow(
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

/** The row of a new attempt at `step` (not written yet). */
export function attemptRow(
  drive: Drive,
  rows: Map<string, StepRow>,
  step: ActionStep,
  config: Record<string, unknown>,
): StepRow {
  const attempts = (rows.get(step.id)?.attempts ?? 0) + 1;
  return stepRow(
    drive,
    step.id,
    step.type,
    { status: 'running', attempts, input: config, error: null, startedAt: new Date(), finishedAt: null },
    rows,
  );
}

/**
 * Takes the decisions that need no I/O from what `rows` record (the planner's progress is derived from them), records
 * them in `rows` and appends their rows to `writes` (written with the next commit), and says what comes next.
 */
export function decideUpToNextAction(drive: Drive, rows: Map<string, StepRow>, writes: StepRow[]): NextStep {
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
        ? stepRow(
            drive,
            decision.stepId,
            'branch',
            { status: 'completed', output: { branch: decision.taken }, startedAt: now, finishedAt: now },
            rows,
          )
        : stepRow(
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

function triggerFields(run: LeasedRun): Record<string, unknown> {
  const trigger = (run.triggerEvent ?? {}) as { data?: Record<string, unknown>; occurredAt?: string };
  return { ...(trigger.data ?? {}), date: trigger.occurredAt };
}

/** Events emitted by this run extend the chain of the event that triggered it. */
export function causationFor(run: LeasedRun): EventCausation {
  const trigger = (run.triggerEvent ?? {}) as { eventId?: string | null; causation?: EventCausation };
  const parent = trigger.causation;
  return {
    rootEventId: parent?.rootEventId ?? trigger.eventId ?? run.id,
    chain: [...(parent?.chain ?? []), { workflowId: run.workflowId, clientId: run.clientId }],
    depth: (parent?.depth ?? 0) + 1,
  };
}
