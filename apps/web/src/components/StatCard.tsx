import { Paper, Text } from '@mantine/core';

/** One headline figure: a label, the value in large type, and an optional hint under it. Compact on phones. */
export function StatCard({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p={{ base: 6, sm: 'sm' }} role="group" aria-label={label}>
      <Text fz={{ base: 10, sm: 'xs' }} c="dimmed" tt="uppercase" fw={600} lh={1.3}>
        {label}
      </Text>
      <Text fz={{ base: 'md', sm: 'xl' }} fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
