import type { Step } from '@automations/domain';

/**
 * The failed steps a retry runs again, in the order given: every failed step except those marked
 * `continueOnFailure` (at any depth of branches), whose failure the run already went past.
 */
export function stepsToRetry(steps: readonly Step[], failedStepIds: readonly string[]): string[] {
  const continuing = new Set<string>();
  const collect = (level: readonly Step[]): void => {
    for (const step of level) {
      if (step.type === 'branch') {
        collect(step.then);
        collect(step.else ?? []);
      } else if (step.continueOnFailure) {
        continuing.add(step.id);
      }
    }
  };
  collect(steps);
  return failedStepIds.filter((stepId) => !continuing.has(stepId));
}
