import type { JsonObject } from './readJson';

/** What a failed run or step says, in the user's words: the message (engine codes stay out of sight). */
export function describeRunError(error: JsonObject | null | undefined): string | null {
  if (!error) return null;
  const message = typeof error.message === 'string' ? error.message : null;
  const code = typeof error.code === 'string' ? error.code : null;
  return message ?? (code ? code.replace(/_/g, ' ') : JSON.stringify(error));
}

/** Where the user can fix what made a run fail, when it is a setting of theirs (a missing or rejected integration). */
export function runErrorFix(error: JsonObject | null | undefined): { label: string; to: string } | null {
  const code = typeof error?.code === 'string' ? error.code : '';
  if (code.startsWith('integration_') || code === 'permission_denied') {
    return { label: 'Open Settings → Integrations', to: '/settings/integrations' };
  }
  return null;
}
