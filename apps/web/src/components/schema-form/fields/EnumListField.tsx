import { Checkbox, Group } from '@mantine/core';
import type { EnumOption } from '../jsonSchema';
import type { FieldProps } from './fieldProps';

/** Several of a closed list, as checkboxes. */
export function EnumListField({
  label,
  description,
  required,
  error,
  value,
  onChange,
  disabled,
  options,
}: FieldProps<string[]> & { options: EnumOption[] }) {
  return (
    <Checkbox.Group
      label={label}
      description={description}
      withAsterisk={required}
      error={error}
      value={value ?? []}
      onChange={(next) =>
        onChange(next.length > 0 ? options.map((o) => o.value).filter((v) => next.includes(v)) : undefined)
      }
    >
      <Group gap="md" mt={4}>
        {options.map((option) => (
          <Checkbox key={option.value} value={option.value} label={option.label} disabled={disabled} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
