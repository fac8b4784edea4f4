import { PermanentActionError } from '../errors/action-errors';

const EDITOR_ROLES = new Set(['admin', 'manager']);

/** Who last saved the workflow, and their standing now (read with the run's lease). */
export type EditorFacts =
  | { kind: 'none' }
  | { kind: 'user' | 'api_key'; found: boolean; label: string | null; active: boolean; role: string | null };

/**
 * PRODUCT.md §5: at execution, the workflow's last editor must still be an active admin or manager of the
 * agency (or a live API key with such a role); otherwise each action step fails as permanent `permission_denied`.
 */
export function editorRefusal(editor: EditorFacts): PermanentActionError | null {
  if (editor.kind === 'none') return null;
  if (editor.found && editor.active && EDITOR_ROLES.has(editor.role ?? '')) return null;
  return editor.kind === 'user'
    ? new PermanentActionError(
        'permission_denied',
        `The automation's last editor (${editor.label ?? 'a removed user'}) is no longer an active admin or manager: an admin or manager must save it again`,
      )
    : new PermanentActionError(
        'permission_denied',
        `The API key that last saved this automation (${editor.label ?? 'removed'}) is revoked or no longer admin/manager: save it again`,
      );
}
