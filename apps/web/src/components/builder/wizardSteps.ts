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

/** The first step of a wizard started from a template: only the values the template asks for. */
export const FILL_IN_STEP = { id: 'fill', label: 'Fill in', description: 'What this template needs' } as const;

export type BuilderStep = (typeof WIZARD_STEPS)[number] | typeof FILL_IN_STEP;
export type BuilderStepId = BuilderStep['id'];

/** The wizard's steps: with "Fill in" first when it starts from a template. */
export function builderStepsFor(fromTemplate: boolean): readonly BuilderStep[] {
  return fromTemplate ? [FILL_IN_STEP, ...WIZARD_STEPS] : WIZARD_STEPS;
}

/** Like `wizardStepOf`, with a template's values (`values.<key>`, as `POST /templates/{id}/instantiate` names them) on "Fill in". */
export function builderStepOf(path: string): BuilderStepId {
  if (path === 'values' || path.startsWith('values.')) return FILL_IN_STEP.id;
  return wizardStepOf(path);
}

/** The first of `steps` (in order) that has one of these errors, if any. */
export function firstBuilderStepWithErrors(
  errors: Record<string, string>,
  steps: readonly BuilderStep[],
): BuilderStepId | null {
  const withErrors = new Set(Object.keys(errors).map(builderStepOf));
  return steps.find((step) => withErrors.has(step.id))?.id ?? null;
}
