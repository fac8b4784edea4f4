/** One validation problem, located by a dot/bracket path relative to the body. */
export interface FieldError {
  path: string;
  message: string;
}

/** A problem that does not reject the definition (e.g. `too_many_actions`). */
export interface DefinitionWarning {
  code: string;
  path?: string;
  message: string;
}

/** A JSON Schema object (draft-07 compatible). */
export type JsonSchema = { [keyword: string]: unknown };

/** A trigger or action type as published by the `/workflows/{triggers|actions}/types` endpoints. */
export interface TypeDescriptor<TType extends string = string> {
  type: TType;
  label: string;
  description: string;
  configSchema: JsonSchema;
  examples: Record<string, unknown>[];
}
