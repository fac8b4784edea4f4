import type { Draft } from '../builder/draft';
import { definitionFromDraft } from '../builder/draftConversion';
import { replacePlaceholders, resolvedPlaceholderValues, type PlaceholderValues } from './placeholderValues';
import { draftFromDefinition } from './templateDraft';
import type { Template } from './templateModel';

/** What the builder needs of the template it starts from. */
export type TemplateToFill = Pick<Template, 'id' | 'name' | 'definition' | 'placeholders'>;

/** The builder's draft of a template with these values filled in (defaults where left empty). */
export function fillTemplateDraft(template: TemplateToFill, values: PlaceholderValues): Draft {
  const resolved = resolvedPlaceholderValues(template.placeholders, values);
  return draftFromDefinition(replacePlaceholders(template.definition, (key) => resolved[key]));
}

/**
 * Whether the draft is still the filled template (its name aside, which instantiating takes as well):
 * then saving instantiates the template, so its usage counts; after other edits it is saved as any new automation.
 */
export function isUnchangedTemplate(draft: Draft, filled: Draft): boolean {
  const comparable = (candidate: Draft) =>
    JSON.stringify(definitionFromDraft({ ...candidate, name: '', isActive: true }));
  return comparable(draft) === comparable(filled);
}

/** Errors of `POST /templates/{id}/instantiate` on the builder's paths: `definition.steps[0]…` → `steps[0]…`; `values.<key>` stays. */
export function instantiationErrorsOnDraft(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path.startsWith('definition.') ? path.slice('definition.'.length) : path,
      message,
    ]),
  );
}
