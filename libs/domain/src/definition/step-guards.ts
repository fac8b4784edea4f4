import type { ActionStep, BranchStep, Step } from '../types/workflow-definition.types';

export function isBranchStep(step: Step): step is BranchStep {
  return step.type === 'branch';
}

export function isActionStep(step: Step): step is ActionStep {
  return step.type !== 'branch';
}
