import { Autocomplete } from '@mantine/core';
import type { EnumOption } from '../jsonSchema';
import type { FieldProps } from './fieldProps';

/** Free text with suggestions (a oneOf/anyOf of fixed values and free text). */
export function SuggestField({
  label,
  description,
  required,
  error,
  value,
  onChange,
  disabled,
  options,
}: FieldProps<string> & { options: EnumOption[] }) {
  return (
    <Autocomplete
      label={label}
      description={description}
      withAsterisk={required}
      aria-required={required || undefined}
      error={error}
      disabled={disabled}
      data={options.map((option) => option.value)}
      value={value ?? ''}
      onChange={(text) => onChange(text || undefined)}
    />
  );
}
