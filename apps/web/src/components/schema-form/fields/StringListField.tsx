import { useId, useState, type KeyboardEvent } from 'react';
import { Badge, Button, CloseButton, Group, Input, TextInput } from '@mantine/core';
import type { FieldProps } from './fieldProps';

/** A list of short texts (recipients, stages): type and press Enter or Add; remove with ×. */
export function StringListField({
  label,
  description,
  required,
  error,
  value,
  onChange,
  disabled,
}: FieldProps<string[]>) {
  const inputId = useId();
  const [draft, setDraft] = useState('');
  const items = value ?? [];

  const add = () => {
    const entries = draft
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry && !items.includes(entry));
    if (entries.length > 0) onChange([...items, ...entries]);
    setDraft('');
  };
  const remove = (item: string) => {
    const next = items.filter((entry) => entry !== item);
    onChange(next.length > 0 ? next : undefined);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };

  return (
    <Input.Wrapper
      label={label}
      description={description}
      withAsterisk={required}
      error={error}
      labelProps={{ htmlFor: inputId }}
    >
      {items.length > 0 && (
        <Group gap={6} my={6} role="list" aria-label={label}>
          {items.map((item) => (
            <Badge
              key={item}
              role="listitem"
              variant="light"
              color="gray"
              tt="none"
              size="lg"
              fw={500}
              rightSection={
                !disabled && <CloseButton size="xs" aria-label={`Remove ${item}`} onClick={() => remove(item)} />
              }
            >
              {item}
            </Badge>
          ))}
        </Group>
      )}
      <Group gap="xs" wrap="nowrap">
        <TextInput
          id={inputId}
          style={{ flex: 1 }}
          value={draft}
          disabled={disabled}
          error={Boolean(error)}
          aria-required={required || undefined}
          placeholder="Type and press Enter"
          onChange={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
        />
        <Button
          variant="default"
          onClick={add}
          disabled={disabled || draft.trim() === ''}
          aria-label={`Add to ${label}`}
        >
          Add
        </Button>
      </Group>
    </Input.Wrapper>
  );
}
