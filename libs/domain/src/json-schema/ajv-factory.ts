import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { UUID_REGEX } from '../shared/patterns';

/**
 * The one ajv configuration used for every config schema: all errors collected, schema
 * defaults applied to the (already cloned) data, `verbose` so messages can read the schema.
 * `uuid` is our strict form (ajv-formats also accepts a `urn:uuid:` prefix).
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true });
  addFormats(ajv, ['email']);
  ajv.addFormat('uuid', UUID_REGEX);
  return ajv;
}
