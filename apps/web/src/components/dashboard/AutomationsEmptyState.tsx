import { Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';

interface AutomationsEmptyStateProps {
  /** True when a search or status filter is hiding the automations. */
  filtered: boolean;
  onClearFilters: () => void;
  canCreate: boolean;
}

export function AutomationsEmptyState({ filtered, onClearFilters, canCreate }: AutomationsEmptyStateProps) {
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
          <>
            <Text fw={600}>No automations yet</Text>
            <Text size="sm" c="dimmed" maw={420}>
              Automations run actions for your clients when something happens — a stage change, a KPI dropping, a new
              message — or on a schedule.
            </Text>
            {canCreate ? (
              <Button component={Link} to="/automations/new">
                Create your first automation
              </Button>
            ) : (
              <Text size="sm">Ask an admin or account manager to create one.</Text>
            )}
            <Text size="xs" c="dimmed">
              Integrators can also create them via the API, see{' '}
              <Anchor href="/api/docs" target="_blank" rel="noreferrer">
                /api/docs
              </Anchor>
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
