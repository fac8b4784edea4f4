import { Fieldset, Stack, Text } from '@mantine/core';
import {
  descriptionOf,
  enumOptions,
  errorsUnder,
  fieldKind,
  isEmptyValue,
  pickerOf,
  propertiesOf,
  requiredOf,
  suggestedOptions,
  titleOf,
  asSchema,
  type JsonSchema,
  type PickerKind,
} from './jsonSchema';
import type { SchemaFormOptions } from './fields/fieldProps';
import { BooleanField } from './fields/BooleanField';
import { EnumListField } from './fields/EnumListField';
import { NumberField } from './fields/NumberField';
import { SelectField } from './fields/SelectField';
import { StringListField } from './fields/StringListField';
import { SuggestField } from './fields/SuggestField';
import { TextField } from './fields/TextField';
import { PickerField } from './pickers/PickerField';

type Config = Record<string, unknown>;

interface ObjectFieldsProps {
  schema: JsonSchema;
  value: Config;
  onChange: (value: Config) => void;
  /** Errors relative to this object. */
  errors: Record<string, string>;
  options: SchemaFormOptions;
  hidden?: readonly string[];
}

/** The properties of an object schema, one field each, in the schema's order. */
export function ObjectFields({ schema, value, onChange, errors, options, hidden = [] }: ObjectFieldsProps) {
  const required = requiredOf(schema);
  const setProperty = (name: string, next: unknown) => {
    const copy = { ...value };
    if (isEmptyValue(next)) delete copy[name];
    else copy[name] = next;
    onChange(copy);
  };
  return (
    <Stack gap="sm">
      {propertiesOf(schema)
        .filter(([name]) => !hidden.includes(name))
        .map(([name, property]) => (
          <SchemaField
            key={name}
            name={name}
            schema={property}
            required={required.has(name)}
            value={value[name]}
            onChange={(next) => setProperty(name, next)}
            errors={errorsUnder(errors, name)}
            options={options}
            picker={pickerOf(schema, name, value)}
          />
        ))}
    </Stack>
  );
}

interface SchemaFieldProps {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Errors relative to this field ('' is the field itself). */
  errors: Record<string, string>;
  options: SchemaFormOptions;
  /** The list the value is picked from (`x-picker`), when the schema declares one. */
  picker?: PickerKind | null;
}

/** One property, rendered by its picker when it declares one, else by the kind of its schema. */
export function SchemaField({ name, schema, required, value, onChange, errors, options, picker }: SchemaFieldProps) {
  const common = {
    schema,
    label: titleOf(schema, name),
    description: descriptionOf(schema),
    required,
    error: errors[''],
    disabled: options.disabled,
  };
  if (picker) return <PickerField {...common} kind={picker} value={value} onChange={onChange} />;
  const kind = fieldKind(schema);
  switch (kind) {
    case 'text':
    case 'longText':
      return (
        <TextField
          {...common}
          multiline={kind === 'longText'}
          addon={options.textAddon}
          value={typeof value === 'string' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'select':
      return (
        <SelectField
          {...common}
          options={enumOptions(schema) ?? []}
          value={value === undefined ? undefined : String(value)}
          onChange={onChange}
        />
      );
    case 'suggest':
      return (
        <SuggestField
          {...common}
          options={suggestedOptions(schema)}
          value={typeof value === 'string' ? value : undefined}
          onChange={onChange}
        />
      );
    case 'number':
    case 'integer':
      return (
        <NumberField
          {...common}
          integer={kind === 'integer'}
          value={value as number | string | undefined}
          onChange={onChange}
        />
      );
    case 'boolean':
      return <BooleanField {...common} value={value as boolean | undefined} onChange={onChange} />;
    case 'stringList':
      return (
        <StringListField {...common} value={Array.isArray(value) ? value.map(String) : undefined} onChange={onChange} />
      );
    case 'enumList':
      return (
        <EnumListField
          {...common}
          options={enumOptions(asSchema(schema.items)) ?? []}
          value={Array.isArray(value) ? value.map(String) : undefined}
          onChange={onChange}
        />
      );
    case 'object':
      return (
        <Fieldset legend={common.label} variant="filled" p="sm">
          {common.description && (
            <Text size="xs" c="dimmed" mb="xs">
              {common.description}
            </Text>
          )}
          {common.error && (
            <Text size="sm" c="red" mb="xs" role="alert">
              {common.error}
            </Text>
          )}
          <ObjectFields
            schema={schema}
            value={(value as Config | undefined) ?? {}}
            onChange={onChange}
            errors={errors}
            options={options}
          />
        </Fieldset>
      );
    default:
      return (
        <Text size="sm" c="dimmed">
          {common.label}: this setting can only be changed through the API.
        </Text>
      );
  }
}
