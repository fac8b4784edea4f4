import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { WorkflowListItem } from '../../api/types';
import { formatCount, formatPausedReason, formatRate } from '../../lib/format';
import { AttentionBadge } from './AttentionBadge';
import { AutomationQuickToggle } from './AutomationQuickToggle';
import { AutomationStat } from './AutomationStat';
import { AutomationStatusBadge } from './AutomationStatusBadge';
import { AutomationMenu } from './AutomationMenu';
import { AutomationSummaryLine } from './AutomationSummaryLine';
import { LastRunStat } from './LastRunStat';

function rateColor(rate: number | null): string | undefined {
  if (rate === null) return undefined;
  if (rate >= 0.9) return 'green';
  if (rate >= 0.7) return 'yellow';
  return 'red';
}

interface AutomationCardProps {
  workflow: WorkflowListItem;
  /** Managers and admins get the toggle, edit and delete; viewers only read. */
  canEdit: boolean;
}

export function AutomationCard({ workflow, canEdit }: AutomationCardProps) {
  const { id, name, description, isActive, pausedReason, lastRunAt, successRate, runCount } = workflow;
  const editPath = `/automations/${id}/edit`;
  return (
    <Paper component="article" withBorder p="md" aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <div style={{ minWidth: 0 }}>
            <Anchor
              component={Link}
              to={`/automations/${id}`}
              fw={600}
              c="inherit"
              style={{ overflowWrap: 'anywhere' }}
            >
              {name}
            </Anchor>
            <AutomationSummaryLine workflow={workflow} />
            {description && (
              <Text size="sm" c="dimmed" lineClamp={1}>
                {description}
              </Text>
            )}
          </div>
          {canEdit && (
            <div style={{ flexShrink: 0 }}>
              <AutomationQuickToggle workflow={workflow} />
            </div>
          )}
        </Group>

        <Group gap="xs">
          <AutomationStatusBadge isActive={isActive} />
          {!isActive && pausedReason && (
            <Text size="sm" c="dimmed">
              {formatPausedReason(pausedReason)}
            </Text>
          )}
          <AttentionBadge count={workflow.failedRunsNeedingAttention} />
        </Group>

        <Group justify="space-between" align="flex-end" gap="sm" mt={4}>
          <Group gap="xl">
            <LastRunStat lastRunAt={lastRunAt} />
            <AutomationStat label="Success rate">
              <Text span inherit c={rateColor(successRate)}>
                {formatRate(successRate)}
              </Text>
            </AutomationStat>
            <AutomationStat label="Runs">{formatCount(runCount)}</AutomationStat>
          </Group>
          {canEdit && (
            <Group gap="xs">
              <Button component={Link} to={editPath} variant="light" size="compact-sm" aria-label={`Edit ${name}`}>
                Edit
              </Button>
              <AutomationMenu workflow={workflow} />
            </Group>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
