import type { JsonObject } from './readJson';

/** `{code, message}` of a failed run or step, as one line ("permission_denied: …"). */
export function describeRunError(error: JsonObject | null | undefined): string | null {
  if (!error) return null;
  const message = typeof error.message === 'string' ? error.message : null;
  const code = typeof error.code === 'string' ? error.code : null;
  if (message && code) return `${code}: ${message}`;
  return message ?? code ?? JSON.stringify(error);
}
