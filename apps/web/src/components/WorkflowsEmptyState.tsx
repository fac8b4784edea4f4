import { Anchor, Button, Paper, Stack, Text } from '@mantine/core';

interface WorkflowsEmptyStateProps {
  /** True when a search or status filter is hiding the automations. */
  filtered: boolean;
  onClearFilters: () => void;
}

export function WorkflowsEmptyState({ filtered, onClearFilters }: WorkflowsEmptyStateProps) {
  return (
    <Paper withBorder p="xl">
      <Stack align="center" gap="sm" ta="center">
        {filtered ? (
          <>
            <Text>No automations match your filters.</Text>
            <Button variant="light" size="compact-sm" onClick={onClearFilters}>
              Clear filters
            </Button>
          </>
        ) : (
          <Text>
            No automations yet — create one via the API, see{' '}
            <Anchor href="/api/docs" target="_blank" rel="noreferrer">
              /api/docs
            </Anchor>
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
