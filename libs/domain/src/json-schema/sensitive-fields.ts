import type { JsonSchema } from '../types/validation.types';

/**
 * Annotation keyword of a config property holding personal data or a secret (email recipients…).
 * Such a value is stored encrypted inside saved workflow definitions and opened only where it is used
 * (the API answering an authorized caller, the engine executing). It changes nothing in validation;
 * a strict ajv must know it (`ajv.addKeyword(SENSITIVE_KEYWORD)`), as `createAjv` does.
 */
export const SENSITIVE_KEYWORD = 'x-sensitive';

/** Top-level properties of a config schema marked `x-sensitive: true`, in schema order. */
export function sensitivePropertiesOf(schema: JsonSchema): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties)
    .filter(([, property]) => property[SENSITIVE_KEYWORD] === true)
    .map(([name]) => name);
}
