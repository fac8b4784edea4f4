import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { WorkflowAnalytics } from '../../api/types';
import { formatCount, formatDuration, formatMinutes, formatRate } from '../../lib/format';

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
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

/** The headline numbers of a period. */
export function AnalyticsFigures({ analytics }: { analytics: WorkflowAnalytics }) {
  const { totals, durations, approvals, timeSaved } = analytics;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" component="section" aria-label="Key figures">
      <Figure label="Runs" value={formatCount(totals.total)} hint={`${formatCount(totals.byStatus.failed)} failed`} />
      <Figure label="Success rate" value={formatRate(totals.successRate)} />
      <Figure label="p95 duration" value={formatDuration(durations.p95Ms)} hint={`average ${formatDuration(durations.avgMs)}`} />
      <Figure label="Approval wait" value={formatDuration(approvals.avgWaitMs)} hint={`p90 ${formatDuration(approvals.p90WaitMs)}`} />
      <Figure label="Decided within 4 h" value={formatRate(approvals.decidedWithin4hShare)} hint={`${formatCount(approvals.pending)} pending`} />
      <Figure label="Time saved" value={formatMinutes(timeSaved.minutes)} hint="estimated manual work" />
    </SimpleGrid>
  );
}
