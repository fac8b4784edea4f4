import type { Step } from '../types/workflow-definition.types';

/**
 * Names steps that came without an id, in document order: `<type>-<n>` with a counter per
 * type (`create_task-1`, `create_task-2`, `branch-1`), skipping every id already taken, so
 * the same definition always gets the same ids.
 */
export function assignMissingStepIds(stepsWithoutId: readonly Step[], takenIds: Iterable<string>): void {
  const taken = new Set(takenIds);
  const counters = new Map<string, number>();
  for (const step of stepsWithoutId) {
    let counter = counters.get(step.type) ?? 0;
    let id: string;
    do {
      counter += 1;
      id = `${step.type}-${counter}`;
    } while (taken.has(id));
    counters.set(step.type, counter);
    taken.add(id);
    step.id = id;
  }
}
