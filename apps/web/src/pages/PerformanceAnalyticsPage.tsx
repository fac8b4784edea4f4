import { BarChart, LineChart } from '@mantine/charts';
import { Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useWorkflowAnalytics } from '../api/useWorkflowAnalytics';
import { useWorkflows } from '../api/useWorkflows';
import { AnalyticsFigures } from '../components/analytics/AnalyticsFigures';
import { ChartPanel } from '../components/analytics/ChartPanel';
import { EmptyState } from '../components/EmptyState';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import type { WorkflowAnalytics } from '../api/types';
import {
  failuresByActionSeries,
  runsPerDaySeries,
  successRateSeries,
  timeSavedByActionSeries,
} from '../lib/analyticsSeries';
import { formatCount, formatDuration, formatRate } from '../lib/format';
import { withParams } from '../lib/searchParams';

/** Count axes (runs, failures, minutes) tick in whole numbers: no “0.5 runs”. */
const WHOLE_NUMBERS = { allowDecimals: false };

const PERIODS = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
];
const CHART_HEIGHT = 240;

function Charts({ analytics }: { analytics: WorkflowAnalytics }) {
  const perDay = runsPerDaySeries(analytics.perDay);
  return (
    <Stack gap="md">
      <AnalyticsFigures analytics={analytics} />
      <ChartPanel title="Runs per day by status" description={`Calendar days in ${analytics.range.timezone}`}>
        <BarChart
          h={CHART_HEIGHT}
          data={perDay.data}
          dataKey="day"
          type="stacked"
          series={perDay.series}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          tickLine="y"
          yAxisProps={WHOLE_NUMBERS}
        />
      </ChartPanel>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ChartPanel title="Success rate trend" description="Completed / (completed + failed), per day">
          <LineChart
            h={CHART_HEIGHT}
            data={successRateSeries(analytics.perDay)}
            dataKey="day"
            series={[{ name: 'Success rate', color: 'green.6' }]}
            connectNulls
            yAxisProps={{ domain: [0, 100] }}
            valueFormatter={(value) => `${value}%`}
            curveType="monotone"
          />
        </ChartPanel>
        <ChartPanel title="Failures by action type" description="Failed action steps">
          <BarChart
            h={CHART_HEIGHT}
            data={failuresByActionSeries(analytics)}
            dataKey="action"
            series={[{ name: 'Failures', color: 'red.6' }]}
            orientation="vertical"
            yAxisProps={{ width: 120 }}
            xAxisProps={WHOLE_NUMBERS}
          />
        </ChartPanel>
        <ChartPanel title="Time saved by action type" description="Completed actions × estimated minutes each">
          <BarChart
            h={CHART_HEIGHT}
            data={timeSavedByActionSeries(analytics)}
            dataKey="action"
            series={[{ name: 'Minutes', color: 'indigo.6' }]}
            orientation="vertical"
            yAxisProps={{ width: 120 }}
            xAxisProps={WHOLE_NUMBERS}
          />
        </ChartPanel>
        <ChartPanel title="Approvals" description="Requested in the period">
          <Table aria-label="Approval outcomes" fz="sm">
            <Table.Tbody>
              {(
                [
                  ['Requested', analytics.approvals.requested],
                  ['Approved', analytics.approvals.approved],
                  ['Rejected', analytics.approvals.rejected],
                  ['Expired (auto-rejected)', analytics.approvals.expired],
                  ['Pending', analytics.approvals.pending],
                ] as const
              ).map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th fw={500}>{label}</Table.Th>
                  <Table.Td ta="right">{formatCount(value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ChartPanel>
      </SimpleGrid>
      <ChartPanel title="Per automation">
        {analytics.perWorkflow.length === 0 ? (
          <Text size="sm" c="dimmed">
            No runs in this period.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={0}>
            <Table aria-label="Runs per automation" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Automation</Table.Th>
                  <Table.Th ta="right">Runs</Table.Th>
                  <Table.Th ta="right">Success</Table.Th>
                  <Table.Th ta="right" visibleFrom="sm">
                    Avg duration
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {analytics.perWorkflow.map((workflow) => (
                  <Table.Tr key={workflow.workflowId}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {workflow.name}
                      {workflow.deleted ? ' (deleted)' : ''}
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(workflow.total)}</Table.Td>
                    <Table.Td ta="right">{formatRate(workflow.successRate)}</Table.Td>
                    <Table.Td ta="right" visibleFrom="sm">
                      {formatDuration(workflow.avgMs)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ChartPanel>
    </Stack>
  );
}

/** PerformanceAnalytics: how the automations did over 7, 30 or 90 days, for all or one automation. */
export function PerformanceAnalyticsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const days = PERIODS.some((period) => period.value === searchParams.get('days'))
    ? Number(searchParams.get('days'))
    : 30;
  const workflowId = searchParams.get('workflowId') || null;
  const analytics = useWorkflowAnalytics({ days, workflowId });
  const workflows = useWorkflows({ search: '', status: 'all', page: 1, pageSize: 200, sort: 'name' });

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Title order={2}>Analytics</Title>
        {analytics.isFetching && !analytics.isPending && <Loader size="xs" aria-label="Refreshing" />}
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label="Period"
          data={PERIODS}
          value={String(days)}
          onChange={(value) =>
            setSearchParams((current) => withParams(current, { days: value === '30' ? null : value }))
          }
        />
        <Select
          label="Automation"
          placeholder="All automations"
          searchable
          clearable
          data={(workflows.data?.items ?? []).map((workflow) => ({ value: workflow.id, label: workflow.name }))}
          value={workflowId}
          onChange={(value) => setSearchParams((current) => withParams(current, { workflowId: value }))}
          style={{ flex: '1 1 220px' }}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {analytics.data ? (
        <div style={{ opacity: analytics.isFetching ? 0.7 : 1 }}>
          <Charts analytics={analytics.data} />
        </div>
      ) : analytics.data === null || (analytics.isPending && analytics.fetchStatus === 'idle') ? (
        <EmptyState title="Analytics are not available on this server" />
      ) : analytics.error ? (
        <QueryError title="Could not load analytics" error={analytics.error} onRetry={() => void analytics.refetch()} />
      ) : (
        <LoadingState label="Loading analytics…" />
      )}
    </Stack>
  );
}
