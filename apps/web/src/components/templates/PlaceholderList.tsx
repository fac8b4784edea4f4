import { List, Text } from '@mantine/core';
import type { TemplatePlaceholder } from './templateModel';

function defaultWords(value: unknown): string | null {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'object' && value !== null ? null : String(value);
}

/** The values a template will ask for when it is used, with their suggested values. */
export function PlaceholderList({ placeholders }: { placeholders: readonly TemplatePlaceholder[] }) {
  if (placeholders.length === 0) return <Text size="sm">Nothing: it is ready to use as it is.</Text>;
  return (
    <List spacing="xs" size="sm">
      {placeholders.map((placeholder) => {
        const suggested = defaultWords(placeholder.default);
        return (
          <List.Item key={placeholder.key}>
            <Text span fw={500} size="sm">
              {placeholder.label}
            </Text>
            {placeholder.description && (
              <Text size="sm" c="dimmed">
                {placeholder.description}
              </Text>
            )}
            {suggested !== null && (
              <Text size="xs" c="dimmed">
                Suggested: {suggested}
              </Text>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}
