import { Code, Table, Text } from '@mantine/core';

function isPlainValue(value: unknown): boolean {
  return (
    value === null ||
    ['string', 'number', 'boolean'].includes(typeof value) ||
    (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null))
  );
}

function ValueCell({ value }: { value: unknown }) {
  if (value === null || value === undefined)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  if (Array.isArray(value) && isPlainValue(value)) return <>{value.map(String).join(', ')}</>;
  if (isPlainValue(value)) return <>{String(value)}</>;
  return (
    <Code block fz="xs">
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

interface KeyValueTableProps {
  value: Record<string, unknown> | null | undefined;
  label: string;
  /** The label of a field (its key when absent). */
  keyLabel?: (key: string) => string;
}

/** An object's fields as a two-column table (labels on the left); nested values as JSON. */
export function KeyValueTable({ value, label, keyLabel = (key) => key }: KeyValueTableProps) {
  const entries = Object.entries(value ?? {});
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing recorded.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={0}>
      <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label={label}>
        <Table.Tbody>
          {entries.map(([key, entry]) => (
            <Table.Tr key={key}>
              <Table.Th w={130} c="dimmed" fw={500} style={{ verticalAlign: 'top' }}>
                {keyLabel(key)}
              </Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                <ValueCell value={entry} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
