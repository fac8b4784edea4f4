import { Autocomplete } from '@mantine/core';
import type { EnumOption } from '../jsonSchema';
import { inputProps, type FieldProps } from './fieldProps';

/** Free text with suggestions (a oneOf/anyOf of fixed values and free text). */
export function SuggestField({ value, onChange, options, ...field }: FieldProps<string> & { options: EnumOption[] }) {
  return (
    <Autocomplete
      {...inputProps(field)}
      aria-required={field.required || undefined}
      data={options.map((option) => option.value)}
      value={value ?? ''}
      onChange={(text) => onChange(text || undefined)}
    />
  );
}
