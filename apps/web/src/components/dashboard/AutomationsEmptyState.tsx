import { Button, Paper, Stack, Text } from '@mantine/core';

/**
 * The dashboard when a search or status filter hides every automation. (With no filter and no
 * automations, the dashboard shows TemplateSuggestions instead.)
 */
export function AutomationsEmptyState({ onClearFilters }: { onClearFilters: () => void }) {
  return (
    <Paper withBorder p="xl">
      <Stack align="center" gap="sm" ta="center">
        <Text>No automations match your filters.</Text>
        <Button variant="light" size="compact-sm" onClick={onClearFilters}>
          Clear filters
        </Button>
      </Stack>
    </Paper>
  );
}
