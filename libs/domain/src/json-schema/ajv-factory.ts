import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { UUID_REGEX } from '../shared/patterns';
import { SENSITIVE_KEYWORD } from './sensitive-fields';

/**
 * The one ajv configuration used for every config schema: all errors collected, schema
 * defaults applied to the (already cloned) data, `verbose` so messages can read the schema.
 * `uuid` is our strict form (ajv-formats also accepts a `urn:uuid:` prefix). `x-sensitive` is an
 * annotation (stored encrypted), declared so strict mode accepts it.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true });
  addFormats(ajv, ['email']);
  ajv.addFormat('uuid', UUID_REGEX);
  ajv.addKeyword({ keyword: SENSITIVE_KEYWORD, schemaType: 'boolean' });
  return ajv;
}
