import {
  isPlainObject,
  type BuiltinTemplate,
  type TemplateCategory,
  type TemplateDefinition,
  type TemplatePlaceholder,
  type TemplateSource,
} from '@automations/domain';
import type { AutomationTemplateEntity, TemplateShareEntity } from '@automations/persistence';
import type { TemplateDto } from './dto/template.dto';

/** The `createdAt` of every built-in template: they ship with the product, not with a row. */
export const BUILTIN_TEMPLATES_RELEASED_AT = new Date('2026-12-01T00:00:00.000Z');

/** A template of the library, whichever its source: built-in (code) or stored (the agency's own or imported). */
export interface LibraryTemplate {
  id: string;
  source: TemplateSource;
  name: string;
  description: string;
  category: TemplateCategory;
  definition: TemplateDefinition;
  placeholders: TemplatePlaceholder[];
  createdAt: Date;
  sharedFromAgencyName: string | null;
  /** Automations this agency created from it. */
  usageCount: number;
}

export function fromBuiltin(template: BuiltinTemplate, usageCount: number): LibraryTemplate {
  return {
    ...template,
    placeholders: [...template.placeholders],
    source: 'builtin',
    createdAt: BUILTIN_TEMPLATES_RELEASED_AT,
    sharedFromAgencyName: null,
    usageCount,
  };
}

export function fromStored(entity: AutomationTemplateEntity): LibraryTemplate {
  return {
    id: entity.id,
    source: entity.source,
    name: entity.name,
    description: entity.description,
    category: entity.category,
    definition: entity.definition,
    placeholders: entity.placeholders,
    createdAt: entity.createdAt,
    sharedFromAgencyName: entity.sharedFromAgencyName,
    usageCount: entity.usageCount,
  };
}

function triggerTypesOf(definition: TemplateDefinition): string[] {
  const triggers = Array.isArray(definition.triggers) ? definition.triggers : [];
  return triggers.flatMap((trigger) =>
    isPlainObject(trigger) && typeof trigger.type === 'string' ? [trigger.type] : [],
  );
}

/** Distinct step types in order of appearance, walking into branches. */
function actionTypesOf(definition: TemplateDefinition): string[] {
  const found = new Set<string>();
  const walk = (steps: unknown): void => {
    if (!Array.isArray(steps)) return;
    for (const step of steps) {
      if (!isPlainObject(step)) continue;
      if (typeof step.type === 'string') found.add(step.type);
      walk(step.then);
      walk(step.else);
    }
  };
  walk(definition.steps);
  return [...found];
}

export function toTemplateDto(template: LibraryTemplate, liveShare: TemplateShareEntity | null): TemplateDto {
  return {
    id: template.id,
    name: template.name,
    description: template.description,
    category: template.category,
    source: template.source,
    definition: template.definition,
    placeholders: template.placeholders,
    usageCount: template.usageCount,
    createdAt: template.createdAt.toISOString(),
    sharedFrom: template.sharedFromAgencyName === null ? null : { agencyName: template.sharedFromAgencyName },
    triggerTypes: triggerTypesOf(template.definition),
    actionTypes: actionTypesOf(template.definition),
    share: liveShare
      ? { expiresAt: liveShare.expiresAt.toISOString(), createdAt: liveShare.createdAt.toISOString() }
      : null,
  };
}
