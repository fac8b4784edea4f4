import { Alert, Button, Group, Loader, Pagination, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { WorkflowSort } from '../api/types';
import { DEFAULT_SORT, useWorkflows, type WorkflowStatusFilter } from '../api/useWorkflows';
import { usePermissions } from '../auth/usePermissions';
import { AutomationFilters, SORT_OPTIONS } from '../components/dashboard/AutomationFilters';
import { AutomationList, type AutomationView } from '../components/dashboard/AutomationList';
import { AutomationsEmptyState } from '../components/dashboard/AutomationsEmptyState';
import { AutomationsSummary } from '../components/dashboard/AutomationsSummary';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { TemplateSuggestions } from '../components/templates/TemplateSuggestions';
import { pageCountOf, pageParam, parsePage, withParams } from '../lib/searchParams';
import { readSavedFlash } from './savedFlash';

const PAGE_SIZE = 50;

function parseStatus(value: string | null): WorkflowStatusFilter {
  return value === 'active' || value === 'paused' ? value : 'all';
}

function parseSort(value: string | null): WorkflowSort {
  return SORT_OPTIONS.find((option) => option.value === value)?.value ?? DEFAULT_SORT;
}

const VIEW_KEY = 'automations.view';

/** Cards unless the URL or the last choice (kept in this browser) says table. */
function parseView(value: string | null): AutomationView {
  if (value === 'table' || value === 'cards') return value;
  try {
    return localStorage.getItem(VIEW_KEY) === 'table' ? 'table' : 'cards';
  } catch {
    return 'cards';
  }
}

/**
 * The automations dashboard: headline figures, then the automations with search, filters and
 * sort kept in the URL (?q=&status=&sort=&page=) so they survive reloads.
 */
export function AutomationsDashboardPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { canEdit } = usePermissions();
  const search = searchParams.get('q') ?? '';
  const status = parseStatus(searchParams.get('status'));
  const sort = parseSort(searchParams.get('sort'));
  const page = parsePage(searchParams.get('page'));
  const view = parseView(searchParams.get('view'));
  const workflows = useWorkflows({ search, status, page, pageSize: PAGE_SIZE, sort });
  const saved = readSavedFlash(location.state);

  const updateParams = (changes: Record<string, string | null>, replace = false) =>
    setSearchParams((current) => withParams(current, changes), { replace });

  const filtered = search !== '' || status !== 'all';
  const { data, error } = workflows;
  const pageCount = pageCountOf(data);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Group gap="xs">
          <Title order={2}>Automations</Title>
          {workflows.isFetching && !workflows.isPending && <Loader size="xs" aria-label="Refreshing" />}
        </Group>
        {canEdit && (
          <Button component={Link} to="/automations/new">
            New automation
          </Button>
        )}
      </Group>

      {saved && (
        <Alert
          color="green"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => navigate(location, { replace: true, state: null })}
          title={`“${saved.name}” ${saved.created ? 'created' : 'saved'}${saved.isActive ? ' and active' : ' (paused)'}`}
        >
          {saved.warnings.map((warning) => (
            <Text key={warning.code + (warning.path ?? '')} size="sm">
              {warning.message}
            </Text>
          ))}
        </Alert>
      )}

      <AutomationsSummary />

      <AutomationFilters
        search={search}
        status={status}
        sort={sort}
        onSearchChange={(value) => updateParams({ q: value, page: null }, true)}
        onStatusChange={(value) => updateParams({ status: value === 'all' ? null : value, page: null })}
        onSortChange={(value) => updateParams({ sort: value === DEFAULT_SORT ? null : value, page: null })}
        view={
          <SegmentedControl
            aria-label="View"
            data={[
              { label: 'Cards', value: 'cards' },
              { label: 'Table', value: 'table' },
            ]}
            value={view}
            onChange={(value) => {
              try {
                localStorage.setItem(VIEW_KEY, value);
              } catch {
                // Private mode: the URL still remembers it.
              }
              updateParams({ view: value });
            }}
          />
        }
      />

      {data ? (
        data.items.length === 0 && !filtered ? (
          <TemplateSuggestions canCreate={canEdit} />
        ) : data.items.length === 0 ? (
          <AutomationsEmptyState onClearFilters={() => updateParams({ q: null, status: null, page: null })} />
        ) : (
          <div style={{ opacity: workflows.isPlaceholderData ? 0.6 : 1 }}>
            <AutomationList items={data.items} canEdit={canEdit} view={view} />
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
            onChange={(value) => updateParams({ page: pageParam(value) })}
            size="sm"
          />
        </Group>
      )}
    </Stack>
  );
}
