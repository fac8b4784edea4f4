import { SimpleGrid, Skeleton } from '@mantine/core';
import { useWorkflowAnalytics } from '../../api/useWorkflowAnalytics';
import { summarizeAnalytics } from '../../lib/analyticsSummary';
import { formatCount, formatMinutes, formatRate } from '../../lib/format';
import { StatCard } from '../StatCard';

const DAYS = 30;

/**
 * Headline figures of the last 30 days from the analytics endpoint. Shows nothing when the
 * server has no analytics (yet) or they fail to load: the list below is what matters.
 */
export function AutomationsSummary() {
  const analytics = useWorkflowAnalytics({ days: DAYS });
  if (analytics.isLoading) return <Skeleton height={56} aria-label="Loading figures" />;
  if (!analytics.data) return null;
  const summary = summarizeAnalytics(analytics.data);

  const figures = [
    summary.totalRuns !== undefined && { label: `Runs (${DAYS} days)`, value: formatCount(summary.totalRuns) },
    summary.successRate !== undefined && { label: 'Success rate', value: formatRate(summary.successRate) },
    summary.failedRuns !== undefined && { label: 'Failed runs', value: formatCount(summary.failedRuns) },
    summary.timeSavedMinutes !== undefined && { label: 'Time saved', value: formatMinutes(summary.timeSavedMinutes) },
    summary.pendingApprovals !== undefined && {
      label: 'Awaiting approval',
      value: formatCount(summary.pendingApprovals),
    },
  ].filter((figure): figure is { label: string; value: string } => Boolean(figure));
  if (figures.length === 0) return null;

  return (
    <SimpleGrid
      cols={{ base: 3, sm: Math.min(figures.length, 5) }}
      spacing={{ base: 6, sm: 'sm' }}
      component="section"
      aria-label={`Last ${DAYS} days`}
    >
      {figures.map((figure) => (
        <StatCard key={figure.label} {...figure} />
      ))}
    </SimpleGrid>
  );
}
