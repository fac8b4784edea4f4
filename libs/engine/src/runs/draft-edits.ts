import type { DraftEdits } from '@automations/persistence';

/** A reviewer's changes to a draft, sent with the approval (PRODUCT §8.7). */
export interface DraftEditInput {
  subject?: string;
  body?: string;
}

/** The draft an approval decides, as the edits see it. */
export interface EditableDraft {
  platform: string;
  /** Email only; null for Slack. */
  subject: string | null;
  content: string;
}

export type DraftEditsResult =
  { ok: true; edits: DraftEdits | null } | { ok: false; outcome: 'edits_without_draft' | 'subject_not_allowed' };

/**
 * The changes a reviewer's edits make to the approval's draft: only the fields that differ (null when none do).
 * Edits sent for an approval without a draft are `edits_without_draft`; a subject for a draft that has none
 * (Slack) is `subject_not_allowed`.
 */
export function draftEdits(draft: EditableDraft | null, input: DraftEditInput | undefined): DraftEditsResult {
  const wantsEdits = input !== undefined && (input.subject !== undefined || input.body !== undefined);
  if (!draft) return wantsEdits ? { ok: false, outcome: 'edits_without_draft' } : { ok: true, edits: null };
  if (input?.subject !== undefined && draft.platform !== 'email') return { ok: false, outcome: 'subject_not_allowed' };
  const edits: DraftEdits = {};
  if (input?.subject !== undefined && input.subject !== draft.subject)
    edits.subject = { original: draft.subject, edited: input.subject };
  if (input?.body !== undefined && input.body !== draft.content)
    edits.body = { original: draft.content, edited: input.body };
  return { ok: true, edits: Object.keys(edits).length > 0 ? edits : null };
}
