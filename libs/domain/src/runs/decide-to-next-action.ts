import { evaluateCondition, type ConditionContext } from '../conditions/condition-evaluator';
import type { ActionStep } from '../types/workflow-definition.types';
import { planNextStep, type StepProgress } from './step-planner';
import type { Step } from '../types/workflow-definition.types';

/** A decision taken without I/O: a branch went one way, or an action step's condition did not hold. */
export type StepDecision =
  | { stepId: string; kind: 'branch'; taken: 'then' | 'else' }
  | { stepId: string; kind: 'skipped'; type: ActionStep['type'] };

/**
 * Takes every decision that needs no I/O from where the run is (branches, and conditions of action steps not yet
 * started), recording each in `progress`, and says what comes next: an action step to execute, or the end.
 * The executor writes the decisions with its next commit, so they cost no transaction of their own.
 */
export function decideToNextAction(
  steps: Step[],
  progress: Map<string, StepProgress>,
  context: ConditionContext,
): { decisions: StepDecision[]; next: { kind: 'action'; step: ActionStep } | { kind: 'done' } } {
  const decisions: StepDecision[] = [];
  for (;;) {
    const next = planNextStep(steps, progress);
    if (next.kind === 'done') return { decisions, next };
    if (next.kind === 'branch') {
      const taken = evaluateCondition(next.step.condition, context) ? 'then' : 'else';
      progress.set(next.step.id, { status: 'completed', branch: taken });
      decisions.push({ stepId: next.step.id, kind: 'branch', taken });
      continue;
    }
    const step = next.step;
    if (!progress.has(step.id) && step.condition && !evaluateCondition(step.condition, context)) {
      progress.set(step.id, { status: 'skipped' });
      decisions.push({ stepId: step.id, kind: 'skipped', type: step.type });
      continue;
    }
    return { decisions, next: { kind: 'action', step } };
  }
}
