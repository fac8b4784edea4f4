import type { BuiltinTemplate } from '../template.types';
import { onboardingKickoffTemplate } from './onboarding-kickoff.template';

/** The library that ships with the product, in the order the gallery shows it (the first ones are offered on an empty dashboard). */
export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [onboardingKickoffTemplate];

export function getBuiltinTemplate(id: string): BuiltinTemplate | undefined {
  return BUILTIN_TEMPLATES.find((template) => template.id === id);
}
