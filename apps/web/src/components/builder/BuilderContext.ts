import { createContext, useContext } from 'react';
import type { TemplateVariableGroup } from './templateVariables';
import type { Catalogs } from './validateDraft';

/** What every part of the wizard needs, without threading it through each level of nesting. */
export interface BuilderContextValue {
  catalogs: Catalogs;
  /** Errors keyed by API path (`steps[1].config.title`), from the builder's checks and the server. */
  errors: Record<string, string>;
  /** Forget the server's error at `path` (and below) once the user edits that field. */
  clearError: (path: string) => void;
  variableGroups: TemplateVariableGroup[];
  /** Suggestions for condition fields (`client.health`, `metrics.roas`…). */
  conditionFields: string[];
  /** The workflow-level switch: every action needs approval. */
  requiresApprovalForAll: boolean;
  /** The agency's time zone, the default for schedules. */
  defaultTimezone: string;
}

export const BuilderContext = createContext<BuilderContextValue | null>(null);

export function useBuilder(): BuilderContextValue {
  const value = useContext(BuilderContext);
  if (!value) throw new Error('useBuilder must be used inside <BuilderContext.Provider>');
  return value;
}
