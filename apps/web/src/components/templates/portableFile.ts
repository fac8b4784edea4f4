import type { TemplatePlaceholder } from './templateModel';

export type PortableFile =
  | { ok: true; document: Record<string, unknown>; name: string; placeholders: TemplatePlaceholder[] }
  | { ok: false; message: string };

const FORMAT = 'automations.workflow/v1';

/** Reads an exported automation file far enough to ask for its placeholders; the API checks the rest. */
export function readPortableFile(text: string): PortableFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not an exported automation (it is not JSON).' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, message: 'This file is not an exported automation.' };
  const document = parsed as Record<string, unknown>;
  if (document.format !== FORMAT) {
    return {
      ok: false,
      message: 'This file is not an automation exported from this product (or comes from a version it cannot read).',
    };
  }
  const definition = document.definition as Record<string, unknown> | undefined;
  const placeholders = Array.isArray(document.placeholders) ? (document.placeholders as TemplatePlaceholder[]) : [];
  return {
    ok: true,
    document,
    name: typeof definition?.name === 'string' ? definition.name : 'this automation',
    placeholders,
  };
}

/** The text of a chosen file (FileReader: also where `Blob.text()` is missing). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file);
  });
}
