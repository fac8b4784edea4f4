import { scheduledTriggerIndex, type Draft } from './draft';

export const WIZARD_STEPS = [
  { id: 'basics', label: 'Basics', description: 'Name and approval' },
  { id: 'triggers', label: 'Triggers', description: 'When it runs' },
  { id: 'actions', label: 'Actions', description: 'What it does' },
  { id: 'schedule', label: 'Schedule', description: 'Timing' },
  { id: 'review', label: 'Review & test', description: 'Preview and save' },
] as const;

export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];

/** The wizard step whose form shows the field at an API error path. */
export function wizardStepOf(path: string, draft: Draft): WizardStepId {
  if (path === 'name' || path === 'description' || path === 'requiresApproval' || path === 'isActive') return 'basics';
  if (path.startsWith('steps')) return 'actions';
  const scheduled = scheduledTriggerIndex(draft);
  if (scheduled >= 0 && new RegExp(`^triggers\\[${scheduled}\\]\\.config\\.(cron|timezone)$`).test(path)) return 'schedule';
  if (path.startsWith('triggers')) return 'triggers';
  return 'review';
}

/** The first wizard step (in order) that has one of these errors, if any. */
export function firstStepWithErrors(errors: Record<string, string>, draft: Draft): WizardStepId | null {
  const steps = new Set(Object.keys(errors).map((path) => wizardStepOf(path, draft)));
  return WIZARD_STEPS.find((step) => steps.has(step.id))?.id ?? null;
}
