import { SimpleGrid } from '@mantine/core';
import type { WorkflowAnalytics } from '../../api/types';
import { formatCount, formatDuration, formatMinutes, formatRate } from '../../lib/format';
import { StatCard } from '../StatCard';

/** The headline numbers of a period. */
export function AnalyticsFigures({ analytics }: { analytics: WorkflowAnalytics }) {
  const { totals, durations, approvals, timeSaved } = analytics;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" component="section" aria-label="Key figures">
      <StatCard label="Runs" value={formatCount(totals.total)} hint={`${formatCount(totals.byStatus.failed)} failed`} />
      <StatCard label="Success rate" value={formatRate(totals.successRate)} />
      <StatCard
        label="p95 duration"
        value={formatDuration(durations.p95Ms)}
        hint={`average ${formatDuration(durations.avgMs)}`}
      />
      <StatCard
        label="Approval wait"
        value={formatDuration(approvals.avgWaitMs)}
        hint={`p90 ${formatDuration(approvals.p90WaitMs)}`}
      />
      <StatCard
        label="Decided within 4 h"
        value={formatRate(approvals.decidedWithin4hShare)}
        hint={`${formatCount(approvals.pending)} pending`}
      />
      <StatCard label="Time saved" value={formatMinutes(timeSaved.minutes)} hint="estimated manual work" />
    </SimpleGrid>
  );
}
