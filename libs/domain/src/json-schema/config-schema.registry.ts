import type { ValidateFunction } from 'ajv';
import { childPath } from '../shared/field-path.util';
import { cloneJson, isPlainObject, type PlainObject } from '../shared/plain-object.util';
import type { FieldError } from '../types/validation.types';
import { createAjv } from './ajv-factory';
import { mapAjvErrors } from './ajv-error.mapper';
import type { ConfigTypeDefinition } from './config-type.definition';

export interface ConfigValidation {
  /** A copy of the config with schema defaults applied. */
  value: PlainObject;
  errors: FieldError[];
}

/** Validates configs of one family of types (triggers or actions); compiles each schema once, on first use. */
export class ConfigSchemaRegistry<TType extends string> {
  private readonly ajv = createAjv();
  private readonly compiled = new Map<TType, ValidateFunction>();
  private readonly definitions: ReadonlyMap<TType, ConfigTypeDefinition<TType>>;

  constructor(definitions: readonly ConfigTypeDefinition<TType>[]) {
    this.definitions = new Map(definitions.map((definition) => [definition.descriptor.type, definition]));
  }

  has(type: unknown): type is TType {
    return typeof type === 'string' && this.definitions.has(type as TType);
  }

  /** Validates `config` of `type`; error paths are prefixed with `basePath` (e.g. `steps[0].config`). */
  validate(type: TType, config: unknown, basePath: string): ConfigValidation {
    const definition = this.definitions.get(type);
    if (!definition) return { value: {}, errors: [{ path: basePath, message: `unknown type '${type}'` }] };
    if (!isPlainObject(config)) return { value: {}, errors: [{ path: basePath, message: 'must be an object' }] };
    const value = cloneJson(config);
    const validateFn = this.compile(type, definition);
    if (!validateFn(value)) return { value, errors: mapAjvErrors(basePath, validateFn.errors) };
    const semanticErrors = definition.checkSemantics?.(value) ?? [];
    return {
      value,
      errors: semanticErrors.map((error) => ({
        path: error.path === '' ? basePath : childPath(basePath, error.path),
        message: error.message,
      })),
    };
  }

  private compile(type: TType, definition: ConfigTypeDefinition<TType>): ValidateFunction {
    let validateFn = this.compiled.get(type);
    if (!validateFn) {
      validateFn = this.ajv.compile(definition.descriptor.configSchema);
      this.compiled.set(type, validateFn);
    }
    return validateFn;
  }
}
