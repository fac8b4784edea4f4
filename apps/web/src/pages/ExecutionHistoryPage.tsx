import { useState } from 'react';
import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { BulkRunFilter, RunListQuery, RunStatus } from '../api/types';
import { useRuns } from '../api/useRuns';
import { usePermissions } from '../auth/usePermissions';
import { EmptyState } from '../components/EmptyState';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { RunBulkActionBar, RunSelectPage, useRunSelection } from '../components/runs/RunBulkActions';
import { RunDetailsModal } from '../components/runs/RunDetailsModal';
import { RunFilters, type RunFilterValues } from '../components/runs/RunFilters';
import { RunTable } from '../components/runs/RunTable';
import { RUN_STATUSES } from '../lib/runStatus';
import { endOfDay, pageCountOf, pageParam, parseDay, parsePage, startOfDay, withParams } from '../lib/searchParams';
import { PageNotice, type Notice } from '../components/PageNotice';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['status', 'workflowId', 'clientId', 'from', 'to'] as const;

function readFilters(params: URLSearchParams): RunFilterValues {
  const status = params.get('status');
  return {
    status: RUN_STATUSES.includes(status as RunStatus) ? (status as RunStatus) : null,
    workflowId: params.get('workflowId') || null,
    clientId: params.get('clientId') || null,
    from: parseDay(params.get('from')),
    to: parseDay(params.get('to')),
  };
}

export function toRunListQuery(filters: RunFilterValues, page: number, pageSize = PAGE_SIZE): RunListQuery {
  const query: RunListQuery = { page, pageSize };
  if (filters.status) query.status = filters.status;
  if (filters.workflowId) query.workflowId = filters.workflowId;
  if (filters.clientId) query.clientId = filters.clientId;
  if (filters.from) query.from = startOfDay(filters.from);
  if (filters.to) query.to = endOfDay(filters.to);
  return query;
}

/** The page's filters as the bulk retry/cancel routes take them (the same runs the list shows). */
export function toBulkRunFilter(filters: RunFilterValues): BulkRunFilter {
  const { page: _page, pageSize: _pageSize, ...filter } = toRunListQuery(filters, 1);
  return filter;
}

/**
 * ExecutionHistory: runs across automations, newest first, with filters kept in the URL. A row
 * opens the RunDetailsModal at `/runs/:id` (same filters), so a run can be linked to. Managers and admins can
 * select runs (or every run matching the filters) and retry or cancel them at once.
 */
export function ExecutionHistoryPage() {
  const { id: openRunId = null } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = readFilters(searchParams);
  const page = parsePage(searchParams.get('page'));
  const { canEdit } = usePermissions();
  const selection = useRunSelection(JSON.stringify(filters));
  const [notice, setNotice] = useState<Notice | null>(null);
  const runs = useRuns(toRunListQuery(filters, page));
  const search = searchParams.toString();
  const runPath = (id: string) => `/runs/${id}${search ? `?${search}` : ''}`;

  const changeFilters = (changes: Partial<RunFilterValues>) =>
    setSearchParams((current) => withParams(current, { ...changes, page: null }));
  const clearFilters = () =>
    setSearchParams((current) =>
      withParams(current, Object.fromEntries([...FILTER_KEYS, 'page'].map((key) => [key, null]))),
    );

  const { data, error } = runs;
  const pageCount = pageCountOf(data);
  const filtered = Object.values(filters).some((value) => value !== null);

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Title order={2}>Runs</Title>
        {runs.isFetching && !runs.isPending && <Loader size="xs" aria-label="Refreshing" />}
      </Group>

      <RunFilters values={filters} onChange={changeFilters} onClear={clearFilters} />

      <PageNotice notice={notice} onDismiss={() => setNotice(null)} />

      {data ? (
        data.items.length === 0 ? (
          filtered ? (
            <EmptyState title="No runs match your filters.">
              <Button variant="light" onClick={clearFilters}>
                Clear filters
              </Button>
            </EmptyState>
          ) : (
            <EmptyState title="No runs yet">
              <Text size="sm" c="dimmed">
                Runs appear here as soon as an automation fires.
              </Text>
            </EmptyState>
          )
        ) : (
          <div style={{ opacity: runs.isPlaceholderData ? 0.6 : 1 }}>
            {canEdit ? (
              <RunSelectPage selection={selection} runs={data.items} total={data.total} />
            ) : (
              <Text size="sm" c="dimmed" mb="xs">
                {data.total === 1 ? '1 run' : `${data.total.toLocaleString('en')} runs`}
              </Text>
            )}
            <RunTable
              runs={data.items}
              linkTo={(run) => runPath(run.id)}
              onOpen={(run) => navigate(runPath(run.id))}
              pages={{
                page,
                pageCount,
                onChange: (value) => setSearchParams((current) => withParams(current, { page: pageParam(value) })),
              }}
              selection={canEdit ? selection.table : undefined}
            />
            {canEdit && (
              <RunBulkActionBar
                selection={selection}
                total={data.total}
                filter={toBulkRunFilter(filters)}
                onResult={setNotice}
              />
            )}
          </div>
        )
      ) : error ? (
        <QueryError title="Could not load runs" error={error} onRetry={() => void runs.refetch()} />
      ) : (
        <LoadingState label="Loading runs…" />
      )}

      <RunDetailsModal runId={openRunId} onClose={() => navigate(`/runs${search ? `?${search}` : ''}`)} />
    </Stack>
  );
}
