import type { PlainObject } from '../shared/plain-object.util';
import type { FieldError, TypeDescriptor } from '../types/validation.types';

/**
 * A trigger or action type: its published descriptor (JSON Schema of the config) and the
 * rules a JSON Schema cannot express. `checkSemantics` runs only on a config that passed
 * the schema; its paths are relative to the config (`fromStage`, `recipients[1]`).
 */
export interface ConfigTypeDefinition<TType extends string = string> {
  descriptor: TypeDescriptor<TType>;
  checkSemantics?: (config: PlainObject) => FieldError[];
}
