import { NativeSelect } from '@mantine/core';
import type { EnumOption } from '../jsonSchema';
import { inputProps, type FieldProps } from './fieldProps';

interface SelectFieldProps extends FieldProps<string> {
  options: EnumOption[];
  /** The empty first choice; "Choose…" when the field is required, else "(not set)". */
  blankLabel?: string;
}

/** One of a closed list; a native select works well on phones and with screen readers. */
export function SelectField({ value, onChange, options, blankLabel, ...field }: SelectFieldProps) {
  const blank = { value: '', label: blankLabel ?? (field.required ? 'Choose…' : '(not set)') };
  return (
    <NativeSelect
      {...inputProps(field)}
      aria-required={field.required || undefined}
      data={[blank, ...options]}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value || undefined)}
    />
  );
}
