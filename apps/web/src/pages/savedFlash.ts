import type { WorkflowWarning } from '../api/types';

/** What the builder hands to the dashboard (router state) after a save, for a confirmation line. */
export interface SavedFlash {
  name: string;
  isActive: boolean;
  created: boolean;
  warnings: WorkflowWarning[];
}

export function readSavedFlash(state: unknown): SavedFlash | null {
  const saved = (state as { saved?: SavedFlash } | null)?.saved;
  return saved && typeof saved.name === 'string' ? saved : null;
}
