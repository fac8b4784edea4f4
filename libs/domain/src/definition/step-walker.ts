import type { ActionStep, BranchStep, Step } from '../types/workflow-definition.types';
import { indexPath } from '../shared/field-path.util';
import { isActionStep, isBranchStep } from './step-guards';

export interface StepVisit {
  /** Dot/bracket path of the step, e.g. `steps[1].then[0]`. */
  path: string;
  /** Number of branches around the step (0 at the top level). */
  depth: number;
  /** The branch whose `then` / `else` holds the step. */
  parent?: BranchStep;
}

export type StepVisitor = (step: Step, visit: StepVisit) => void;

/** Visits every step depth-first, in document order: a branch, then its `then` steps, then its `else` steps. */
export function walkSteps(steps: readonly Step[], visitor: StepVisitor, basePath = 'steps'): void {
  const visitList = (list: readonly Step[], listPath: string, depth: number, parent?: BranchStep): void => {
    list.forEach((step, index) => {
      const path = indexPath(listPath, index);
      visitor(step, { path, depth, parent });
      if (isBranchStep(step)) {
        visitList(step.then, `${path}.then`, depth + 1, step);
        if (step.else) visitList(step.else, `${path}.else`, depth + 1, step);
      }
    });
  };
  visitList(steps, basePath, 0);
}

/** All action steps of the tree, depth-first. */
export function listActionSteps(steps: readonly Step[]): ActionStep[] {
  const actions: ActionStep[] = [];
  walkSteps(steps, (step) => {
    if (isActionStep(step)) actions.push(step);
  });
  return actions;
}

/** Number of action steps, counting those inside branches. */
export function countActionSteps(steps: readonly Step[]): number {
  return listActionSteps(steps).length;
}
