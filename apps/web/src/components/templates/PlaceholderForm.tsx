import { Text } from '@mantine/core';
import { SchemaForm } from '../schema-form/SchemaForm';
import { placeholderFormSchema, type PlaceholderValues } from './placeholderValues';
import type { TemplatePlaceholder } from './templateModel';

interface PlaceholderFormProps {
  placeholders: readonly TemplatePlaceholder[];
  values: PlaceholderValues;
  onChange: (values: PlaceholderValues) => void;
  /** Keyed by placeholder key ('' for the form as a whole). */
  errors?: Record<string, string>;
}

/**
 * The values a template asks for, one field each from its schema: Slack channels and people, agency users
 * and email recipients are picked from lists (`x-picker`), numbers keep their bounds, defaults are filled in.
 */
export function PlaceholderForm({ placeholders, values, onChange, errors }: PlaceholderFormProps) {
  if (placeholders.length === 0) {
    return <Text size="sm">This template needs nothing from you: continue to check what it does.</Text>;
  }
  return <SchemaForm schema={placeholderFormSchema(placeholders)} value={values} onChange={onChange} errors={errors} />;
}
