import type { ReactNode } from 'react';
import { Paper, Stack, Text } from '@mantine/core';

/** A bordered "nothing here" message with what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="lg">
      <Stack align="center" gap="xs" ta="center">
        <Text fw={600}>{title}</Text>
        {children}
      </Stack>
    </Paper>
  );
}
