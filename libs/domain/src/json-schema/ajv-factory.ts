import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { UUID_REGEX } from '../shared/patterns';
import { PICKER_KEYWORD } from './picker-fields';
import { SENSITIVE_KEYWORD } from './sensitive-fields';

/**
 * The one ajv configuration used for every config schema: all errors collected, schema
 * defaults applied to the (already cloned) data, `verbose` so messages can read the schema.
 * `uuid` is our strict form (ajv-formats also accepts a `urn:uuid:` prefix). `x-sensitive` (stored encrypted)
 * and `x-picker` (which list a form picks the value from) are annotations, declared so strict mode accepts them.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true });
  addFormats(ajv, ['email']);
  ajv.addFormat('uuid', UUID_REGEX);
  ajv.addKeyword({ keyword: SENSITIVE_KEYWORD, schemaType: 'boolean' });
  ajv.addKeyword({ keyword: PICKER_KEYWORD, schemaType: 'string' });
  return ajv;
}
