import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { inputProps, type FieldProps } from './fieldProps';

function toText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * A number typed as text (so "1." or "-" can be typed on the way to a number). Text that is
 * not a number is passed on as is, so validation can say so instead of silently dropping it.
 */
export function NumberField({
  schema,
  value,
  onChange,
  integer,
  ...field
}: FieldProps<number | string> & { integer: boolean }) {
  const [text, setText] = useState(toText(value));
  const [previous, setPrevious] = useState(value);
  if (value !== previous) {
    setPrevious(value);
    if (Number(text) !== value || text.trim() === '') setText(toText(value));
  }

  const change = (next: string) => {
    setText(next);
    const trimmed = next.trim();
    const parsed = Number(trimmed);
    onChange(trimmed === '' ? undefined : Number.isFinite(parsed) ? parsed : trimmed);
  };

  const bounds = [
    typeof schema.minimum === 'number' ? `min ${schema.minimum}` : null,
    typeof schema.maximum === 'number' ? `max ${schema.maximum}` : null,
  ].filter(Boolean);
  return (
    <TextInput
      {...inputProps(field)}
      aria-required={field.required || undefined}
      inputMode={integer ? 'numeric' : 'decimal'}
      placeholder={bounds.length > 0 ? bounds.join(', ') : undefined}
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
    />
  );
}
