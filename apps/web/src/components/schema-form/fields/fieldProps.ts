import type { ReactNode } from 'react';
import type { JsonSchema } from '../jsonSchema';

/** What every field component gets from SchemaField. */
export interface FieldProps<T> {
  schema: JsonSchema;
  label: string;
  description?: string;
  required: boolean;
  error?: string;
  value: T | undefined;
  /** `undefined` clears the field (the key is left out of the config). */
  onChange: (value: T | undefined) => void;
  disabled?: boolean;
}

/** Renders something beside a free-text field, e.g. a template-variable picker; `insert` puts text at the caret. */
export type TextAddon = (insert: (text: string) => void, fieldLabel: string) => ReactNode;

export interface SchemaFormOptions {
  /** Property names (at the top level) not rendered, because another control edits them. */
  hiddenFields?: readonly string[];
  textAddon?: TextAddon;
  disabled?: boolean;
}

/** The part of a field every Mantine input shows alike: label, help text, required mark, error and disabled state. */
export function inputProps(
  field: Pick<FieldProps<unknown>, 'label' | 'description' | 'required' | 'error' | 'disabled'>,
) {
  return {
    label: field.label,
    description: field.description,
    withAsterisk: field.required,
    error: field.error,
    disabled: field.disabled,
  };
}
