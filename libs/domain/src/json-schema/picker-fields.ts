import type { JsonSchema } from '../types/validation.types';

/**
 * Annotation keyword naming the list a config value is picked from, so forms show a picker instead of
 * a free-text box and the API knows which values to check against the agency's own data:
 * - `stage`: one of the agency's pipeline stages (validated at save time);
 * - `metric`: a metric name (the agency's recorded metrics plus the common ones);
 * - `user`: an agency user (`client_assignee` where the schema allows it);
 * - `slack-recipient`: a Slack channel or user of the agency's workspace (ids stored);
 * - `email-recipient`: an agency user or a typed email address.
 * It changes nothing in validation; a strict ajv must know it, as `createAjv` does.
 */
export const PICKER_KEYWORD = 'x-picker';
export const PICKER_KINDS = ['stage', 'metric', 'user', 'slack-recipient', 'email-recipient'] as const;
export type PickerKind = (typeof PICKER_KINDS)[number];

export interface PickedValue {
  /** Path of the value inside the config, e.g. `clientFilter.stages[0]`. */
  path: string;
  value: string;
}

/**
 * The string values of `config` sitting where `schema` declares `x-picker: kind` — through nested
 * objects (`properties`) and arrays (`items`) — in document order.
 */
export function pickedValues(schema: JsonSchema, config: unknown, kind: PickerKind): PickedValue[] {
  const found: PickedValue[] = [];
  const visit = (node: JsonSchema | undefined, value: unknown, path: string): void => {
    if (!node || value === undefined || value === null) return;
    if (node[PICKER_KEYWORD] === kind && typeof value === 'string') {
      found.push({ path, value });
      return;
    }
    if (Array.isArray(value)) {
      const items = node.items as JsonSchema | undefined;
      value.forEach((item, index) => visit(items, item, `${path}[${index}]`));
      return;
    }
    if (typeof value === 'object') {
      const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        if (Object.prototype.hasOwnProperty.call(properties, key))
          visit(properties[key], child, path ? `${path}.${key}` : key);
      }
    }
  };
  visit(schema, config, '');
  return found;
}
