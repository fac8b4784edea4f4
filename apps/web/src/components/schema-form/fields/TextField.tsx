import { useRef } from 'react';
import { Textarea, TextInput } from '@mantine/core';
import { inputProps, type FieldProps, type TextAddon } from './fieldProps';

interface TextFieldProps extends FieldProps<string> {
  multiline: boolean;
  addon?: TextAddon;
}

/** Free text; with an addon (variable picker) that can insert at the caret. */
export function TextField({ schema, value, onChange, multiline, addon, ...field }: TextFieldProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const text = value ?? '';

  const insert = (snippet: string) => {
    const element = ref.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? start;
    onChange(text.slice(0, start) + snippet + text.slice(end));
    // Put the caret after the inserted text once React has rendered the new value.
    setTimeout(() => {
      element?.focus();
      element?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  const common = {
    ref,
    ...inputProps(field),
    'aria-required': field.required || undefined,
    value: text,
    maxLength: typeof schema.maxLength === 'number' ? schema.maxLength : undefined,
    placeholder:
      Array.isArray(schema.examples) && typeof schema.examples[0] === 'string'
        ? `e.g. ${schema.examples[0]}`
        : undefined,
    onChange: (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value || undefined),
    rightSection: addon && !field.disabled ? addon(insert, field.label) : undefined,
    rightSectionPointerEvents: 'all' as const,
    rightSectionWidth: addon ? 40 : undefined,
  };
  return multiline ? <Textarea {...common} autosize minRows={2} maxRows={8} /> : <TextInput {...common} />;
}
