import { Group, Paper, Stack, Text } from '@mantine/core';
import type { WorkflowListItem } from '../api/types';
import { formatCount, formatDateTime, formatPausedReason, formatRate, formatRelativeTime } from '../lib/format';
import { AttentionBadge } from './AttentionBadge';
import { WorkflowStat } from './WorkflowStat';
import { WorkflowStatusBadge } from './WorkflowStatusBadge';

function rateColor(rate: number | null): string | undefined {
  if (rate === null) return undefined;
  if (rate >= 0.9) return 'green';
  if (rate >= 0.7) return 'yellow';
  return 'red';
}

export function WorkflowCard({ workflow }: { workflow: WorkflowListItem }) {
  const { name, description, isActive, pausedReason, lastRunAt, successRate, runCount } = workflow;
  return (
    <Paper component="article" withBorder p="md" aria-label={name}>
      <Stack gap="xs">
        <div>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
          {description && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {description}
            </Text>
          )}
        </div>

        <Group gap="xs">
          <WorkflowStatusBadge isActive={isActive} />
          {!isActive && pausedReason && (
            <Text size="sm" c="dimmed">
              {formatPausedReason(pausedReason)}
            </Text>
          )}
          <AttentionBadge count={workflow.failedRunsNeedingAttention} />
        </Group>

        <Group gap="xl" mt={4}>
          <WorkflowStat label="Last run">
            {lastRunAt ? (
              <time dateTime={lastRunAt} title={formatDateTime(lastRunAt)}>
                {formatRelativeTime(lastRunAt)}
              </time>
            ) : (
              'Never'
            )}
          </WorkflowStat>
          <WorkflowStat label="Success rate">
            <Text span inherit c={rateColor(successRate)}>
              {formatRate(successRate)}
            </Text>
          </WorkflowStat>
          <WorkflowStat label="Runs">{formatCount(runCount)}</WorkflowStat>
        </Group>
      </Stack>
    </Paper>
  );
}
