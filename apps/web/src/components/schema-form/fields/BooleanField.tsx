import { Switch } from '@mantine/core';
import type { FieldProps } from './fieldProps';

export function BooleanField({ label, description, error, value, onChange, disabled }: FieldProps<boolean>) {
  return (
    <Switch
      label={label}
      description={description}
      error={error}
      disabled={disabled}
      checked={value === true}
      onChange={(event) => onChange(event.currentTarget.checked)}
    />
  );
}
