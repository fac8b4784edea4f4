import type { RunStatus, StepStatus } from '@automations/domain';

export const TIMELINE_KINDS = [
  'run.triggered',
  'step.started',
  'step.completed',
  'step.failed',
  'step.skipped',
  'step.waiting',
  'approval.requested',
  'approval.approved',
  'approval.rejected',
  'approval.expired',
  'run.completed',
  'run.failed',
  'run.skipped',
  'run.cancelled',
  'run.rejected',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  stepId?: string;
  message: string;
}

/** What the timeline reads of a run (a subset of workflow_runs). */
export interface TimelineRun {
  status: RunStatus;
  reason: string | null;
  attempt: number;
  error: Record<string, unknown> | null;
  triggerEvent: Record<string, unknown> | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** What the timeline reads of a step row, given in the order the steps should be told. */
export interface TimelineStep {
  stepId: string;
  type: string;
  status: StepStatus;
  attempts: number;
  output: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  scheduledFor: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
}

/** What the timeline reads of an approval row. */
export interface TimelineApproval {
  stepId: string;
  /** Set when the approval decides a draft written before it. */
  draftId?: string | null;
  /** The reviewer's edit of that draft (the fields that changed). */
  edits?: object | null;
  actionType: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  expiresAt: Date;
  createdAt: Date;
  decidedAt: Date | null;
  decidedByUserId: string | null;
  decidedByApiKeyId: string | null;
  reason: string | null;
}

/** `{message}` / `{code}` of an error column, as one line. */
export function describeError(error: Record<string, unknown> | null): string | null {
  if (!error) return null;
  if (typeof error.message === 'string' && error.message) return error.message;
  if (typeof error.code === 'string' && error.code) return error.code;
  return JSON.stringify(error);
}

const withDetail = (text: string, detail: string | null | undefined): string => (detail ? `${text}: ${detail}` : text);

function deciderOf(approval: TimelineApproval): string {
  if (approval.decidedByUserId) return ` by user ${approval.decidedByUserId}`;
  if (approval.decidedByApiKeyId) return ` by API key ${approval.decidedByApiKeyId}`;
  return '';
}

function triggeredMessage(run: TimelineRun): string {
  const type = run.triggerEvent && typeof run.triggerEvent.type === 'string' ? run.triggerEvent.type : null;
  const text = type ? `Triggered by ${type}` : 'Run triggered';
  return run.attempt > 1 ? `${text} (now on attempt ${run.attempt})` : text;
}

function stepEntries(step: TimelineStep, approval: TimelineApproval | undefined): Omit<TimelineEntry, 'stepId'>[] {
  const entries: Omit<TimelineEntry, 'stepId'>[] = [];
  const label = step.type === 'branch' ? 'branch' : step.type;
  if (step.scheduledFor) {
    const since = step.startedAt && step.startedAt < step.createdAt ? step.startedAt : step.createdAt;
    entries.push({
      at: since.toISOString(),
      kind: 'step.waiting',
      message: `Waiting until ${step.scheduledFor.toISOString()} before ${label}`,
    });
  }
  if (step.startedAt)
    entries.push({ at: step.startedAt.toISOString(), kind: 'step.started', message: `Started ${label}` });
  if (approval) {
    const what = approval.draftId ? `the draft of ${approval.actionType}` : approval.actionType;
    entries.push({
      at: approval.createdAt.toISOString(),
      kind: 'approval.requested',
      message: `Approval requested for ${what} (expires ${approval.expiresAt.toISOString()})`,
    });
    if (approval.status !== 'pending') {
      const at = (approval.decidedAt ?? approval.expiresAt).toISOString();
      const edited = Object.keys(approval.edits ?? {});
      const withEdits = edited.length ? `, with edits to the ${edited.join(' and ')}` : '';
      if (approval.status === 'approved')
        entries.push({ at, kind: 'approval.approved', message: `Approved${deciderOf(approval)}${withEdits}` });
      if (approval.status === 'rejected')
        entries.push({
          at,
          kind: 'approval.rejected',
          message: withDetail(`Rejected${deciderOf(approval)}`, approval.reason),
        });
      if (approval.status === 'expired')
        entries.push({
          at,
          kind: 'approval.expired',
          message: `Expired: no decision by ${approval.expiresAt.toISOString()}`,
        });
    }
  }
  const endedAt = (step.finishedAt ?? step.startedAt ?? step.createdAt).toISOString();
  if (step.status === 'completed') {
    const branch = step.type === 'branch' && typeof step.output?.branch === 'string' ? step.output.branch : null;
    entries.push({
      at: endedAt,
      kind: 'step.completed',
      message: branch ? `Condition evaluated: took the ${branch} path` : `Completed ${label}`,
    });
  } else if (step.status === 'failed') {
    const attempts = step.attempts > 1 ? ` after ${step.attempts} attempts` : '';
    entries.push({
      at: endedAt,
      kind: 'step.failed',
      message: withDetail(`Failed ${label}${attempts}`, describeError(step.error)),
    });
  } else if (step.status === 'skipped') {
    const why = typeof step.output?.reason === 'string' ? step.output.reason : describeError(step.error);
    entries.push({ at: endedAt, kind: 'step.skipped', message: withDetail(`Skipped ${label}`, why) });
  }
  return entries;
}

function runEndEntry(run: TimelineRun, lastAt: string): Omit<TimelineEntry, 'stepId'> | null {
  const at = run.finishedAt?.toISOString() ?? lastAt;
  switch (run.status) {
    case 'completed':
      return { at, kind: 'run.completed', message: 'Run completed' };
    case 'failed':
      return { at, kind: 'run.failed', message: withDetail('Run failed', describeError(run.error) ?? run.reason) };
    case 'skipped':
      return { at, kind: 'run.skipped', message: withDetail('Run skipped', run.reason) };
    case 'cancelled':
      return { at, kind: 'run.cancelled', message: withDetail('Run cancelled', run.reason) };
    case 'rejected':
      return { at, kind: 'run.rejected', message: withDetail('Run rejected', run.reason) };
    default:
      return null;
  }
}

/**
 * The story of a run, derived at read time from the run row, its step rows (in definition order)
 * and its approvals: chronological, and where two moments coincide, in the order things happen
 * (trigger, then each step's wait, start, approval and outcome, then the run's end).
 * Cancelled and rejected steps are told by the run's end and the approval, not repeated per step.
 */
export function buildRunTimeline(
  run: TimelineRun,
  steps: readonly TimelineStep[],
  approvals: readonly TimelineApproval[],
): TimelineEntry[] {
  const approvalByStep = new Map(approvals.map((approval) => [approval.stepId, approval]));
  const entries: TimelineEntry[] = [
    { at: run.startedAt.toISOString(), kind: 'run.triggered', message: triggeredMessage(run) },
  ];
  const told = new Set<string>();
  for (const step of steps) {
    told.add(step.stepId);
    for (const entry of stepEntries(step, approvalByStep.get(step.stepId)))
      entries.push({ ...entry, stepId: step.stepId });
  }
  // An approval whose step has no row (should not happen) is still part of the story.
  for (const approval of approvals) {
    if (told.has(approval.stepId)) continue;
    const orphan = stepEntries(
      {
        stepId: approval.stepId,
        type: approval.actionType,
        status: 'awaiting_approval',
        attempts: 0,
        output: null,
        error: null,
        scheduledFor: null,
        startedAt: null,
        finishedAt: null,
        createdAt: approval.createdAt,
      },
      approval,
    );
    for (const entry of orphan) entries.push({ ...entry, stepId: approval.stepId });
  }
  const lastAt = entries.reduce((latest, entry) => (entry.at > latest ? entry.at : latest), entries[0].at);
  const end = runEndEntry(run, lastAt);
  if (end) entries.push(end);
  // Array.prototype.sort is stable: equal instants keep the causal order they were pushed in.
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index)
    .map(({ entry }) => entry);
}
