export const WIZARD_STEPS = [
  { id: 'basics', label: 'Basics', description: 'Name and approval' },
  { id: 'triggers', label: 'Triggers', description: 'When it runs, or its schedule' },
  { id: 'actions', label: 'Actions', description: 'What it does' },
  { id: 'review', label: 'Review & test', description: 'Preview and save' },
] as const;

export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];

/**
 * The wizard step whose form shows the field at an API error path. A schedule is a trigger, so
 * its times are edited (and their errors shown) with the trigger.
 */
export function wizardStepOf(path: string): WizardStepId {
  if (path === 'name' || path === 'description' || path === 'requiresApproval' || path === 'isActive') return 'basics';
  if (path.startsWith('steps')) return 'actions';
  if (path.startsWith('triggers')) return 'triggers';
  return 'review';
}

/** The first wizard step (in order) that has one of these errors, if any. */
export function firstStepWithErrors(errors: Record<string, string>): WizardStepId | null {
  const steps = new Set(Object.keys(errors).map(wizardStepOf));
  return WIZARD_STEPS.find((step) => steps.has(step.id))?.id ?? null;
}
