import type { TemplateCategory } from './templateModel';

/** The gallery's shelves, in gallery order, with the words staff read. */
export const TEMPLATE_CATEGORIES: readonly { value: TemplateCategory; label: string }[] = [
  { value: 'onboarding', label: 'Onboarding' },
  { value: 'retention', label: 'Retention' },
  { value: 'performance', label: 'Performance' },
  { value: 'support', label: 'Support' },
  { value: 'reporting', label: 'Reporting' },
  { value: 'communication', label: 'Communication' },
];

export function categoryLabel(category: string): string {
  return TEMPLATE_CATEGORIES.find((entry) => entry.value === category)?.label ?? category;
}

export function isTemplateCategory(value: string | null): value is TemplateCategory {
  return TEMPLATE_CATEGORIES.some((entry) => entry.value === value);
}
