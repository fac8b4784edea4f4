import { NativeSelect } from '@mantine/core';
import type { EnumOption } from '../jsonSchema';
import type { FieldProps } from './fieldProps';

/** One of a closed list; a native select works well on phones and with screen readers. */
export function SelectField({
  label,
  description,
  required,
  error,
  value,
  onChange,
  disabled,
  options,
}: FieldProps<string> & { options: EnumOption[] }) {
  const data = [{ value: '', label: required ? 'Choose…' : '(not set)' }, ...options];
  return (
    <NativeSelect
      label={label}
      description={description}
      withAsterisk={required}
      aria-required={required || undefined}
      error={error}
      disabled={disabled}
      data={data}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value || undefined)}
    />
  );
}
