import { Group, Loader, Pagination, Stack, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useWorkflows, type WorkflowStatusFilter } from '../api/useWorkflows';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { WorkflowFilters } from '../components/WorkflowFilters';
import { WorkflowList } from '../components/WorkflowList';
import { WorkflowsEmptyState } from '../components/WorkflowsEmptyState';

const PAGE_SIZE = 50;

function parseStatus(value: string | null): WorkflowStatusFilter {
  return value === 'active' || value === 'paused' ? value : 'all';
}

function parsePage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** The automations list. Filters live in the URL (?q=&status=&page=) so they survive reloads. */
export function WorkflowsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get('q') ?? '';
  const status = parseStatus(searchParams.get('status'));
  const page = parsePage(searchParams.get('page'));
  const workflows = useWorkflows({ search, status, page, pageSize: PAGE_SIZE });

  const updateParams = (changes: Record<string, string | null>, replace = false) => {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace },
    );
  };

  const filtered = search !== '' || status !== 'all';
  const { data, error } = workflows;
  const pageCount = data ? Math.ceil(data.total / data.pageSize) : 0;

  return (
    <Stack gap="md" maw={960} mx="auto">
      <Group justify="space-between" align="center">
        <Title order={2}>Automations</Title>
        {workflows.isFetching && !workflows.isPending && <Loader size="xs" aria-label="Refreshing" />}
      </Group>

      <WorkflowFilters
        search={search}
        status={status}
        onSearchChange={(value) => updateParams({ q: value, page: null }, true)}
        onStatusChange={(value) => updateParams({ status: value === 'all' ? null : value, page: null })}
      />

      {data ? (
        data.items.length === 0 ? (
          <WorkflowsEmptyState filtered={filtered} onClearFilters={() => updateParams({ q: null, status: null, page: null })} />
        ) : (
          <div style={{ opacity: workflows.isPlaceholderData ? 0.6 : 1 }}>
            <WorkflowList items={data.items} />
          </div>
        )
      ) : error ? (
        <QueryError title="Could not load automations" error={error} onRetry={() => void workflows.refetch()} />
      ) : (
        <LoadingState label="Loading automations…" />
      )}

      {pageCount > 1 && (
        <Group justify="center">
          <Pagination
            total={pageCount}
            value={page}
            onChange={(value) => updateParams({ page: value === 1 ? null : String(value) })}
            size="sm"
          />
        </Group>
      )}
    </Stack>
  );
}
