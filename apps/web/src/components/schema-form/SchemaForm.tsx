import { Alert } from '@mantine/core';
import type { JsonSchema } from './jsonSchema';
import type { SchemaFormOptions } from './fields/fieldProps';
import { ObjectFields } from './SchemaField';

interface SchemaFormProps extends SchemaFormOptions {
  /** A JSON Schema of `type: object` (a trigger's or action's `configSchema`). */
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  /** Errors keyed by path relative to the object (`title`, `clientFilter.stages`); '' is the object itself. */
  errors?: Record<string, string>;
}

/**
 * A form generated from a JSON Schema object: text, selects for enums, numbers, switches,
 * lists of texts or of enum values, nested objects. `title` is the label, `description`
 * the help text, required properties are marked; errors are shown on the field at their path.
 * Empty fields are left out of the value, as the API expects for optional settings.
 */
export function SchemaForm({
  schema,
  value,
  onChange,
  errors = {},
  hiddenFields,
  textAddon,
  disabled,
}: SchemaFormProps) {
  return (
    <>
      {errors[''] && (
        <Alert color="red" variant="light" role="alert" p="xs">
          {errors['']}
        </Alert>
      )}
      <ObjectFields
        schema={schema}
        value={value}
        onChange={onChange}
        errors={errors}
        options={{ textAddon, disabled }}
        hidden={hiddenFields}
      />
    </>
  );
}
