import type { StepStatus } from '../constants/workflow.constants';
import type { ActionStep, BranchStep, Step } from '../types/workflow-definition.types';

export interface StepProgress {
  status: StepStatus;
  /** For a branch: which way it went. */
  branch?: 'then' | 'else';
}

export type NextStep = { kind: 'branch'; step: BranchStep } | { kind: 'action'; step: ActionStep } | { kind: 'done' };

/** Statuses after which the run moves past a step (a failed step only ends the run without continueOnFailure, which the executor decides). */
const SETTLED: ReadonlySet<StepStatus> = new Set<StepStatus>([
  'completed',
  'skipped',
  'failed',
  'cancelled',
  'rejected',
]);

function find(steps: Step[], progress: ReadonlyMap<string, StepProgress>): NextStep | null {
  for (const step of steps) {
    const state = progress.get(step.id);
    if (step.type === 'branch') {
      if (!state || state.status !== 'completed' || !state.branch) return { kind: 'branch', step };
      const taken = state.branch === 'then' ? step.then : (step.else ?? []);
      const inner = find(taken, progress);
      if (inner) return inner;
      continue;
    }
    if (state && SETTLED.has(state.status)) continue;
    return { kind: 'action', step };
  }
  return null;
}

/**
 * What a run does next, from the definition it runs and what its steps recorded: branches follow
 * their recorded decision, so a resumed run never re-decides and never repeats a settled step.
 */
export function planNextStep(steps: Step[], progress: ReadonlyMap<string, StepProgress>): NextStep {
  return find(steps, progress) ?? { kind: 'done' };
}

/** Action steps the run would still reach (undecided branches contribute nothing): cancelled when the run stops early. */
export function remainingActionSteps(steps: Step[], progress: ReadonlyMap<string, StepProgress>): ActionStep[] {
  const remaining: ActionStep[] = [];
  for (const step of steps) {
    const state = progress.get(step.id);
    if (step.type === 'branch') {
      if (state?.status === 'completed' && state.branch)
        remaining.push(...remainingActionSteps(state.branch === 'then' ? step.then : (step.else ?? []), progress));
      continue;
    }
    if (!state || !SETTLED.has(state.status)) remaining.push(step);
  }
  return remaining;
}
