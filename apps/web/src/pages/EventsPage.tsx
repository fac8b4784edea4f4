import { Anchor, Button, Group, Loader, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useSearchParams } from 'react-router';
import type { EventListQuery, EventSummary, EventType } from '../api/types';
import { useClient } from '../api/useClient';
import { useEvents } from '../api/useEvents';
import { ClientPicker } from '../components/runs/RunFilters';
import { EmptyState } from '../components/EmptyState';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { PagedTable, type PagedTableColumn } from '../components/table/PagedTable';
import { RelativeTime } from '../components/table/RelativeTime';
import { TitleCell } from '../components/table/TitleCell';
import { describeEventData, EVENT_TYPES, eventTypeLabel } from '../lib/eventTypes';
import { endOfDay, pageCountOf, pageParam, parseDay, parsePage, startOfDay, withParams } from '../lib/searchParams';

const PAGE_SIZE = 50;

/** The client's name (each client is read once and shared by its rows). */
function ClientCell({ id }: { id: string }) {
  const client = useClient(id);
  return (
    <Anchor component={Link} to={`/clients/${id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
      {client.data?.name ?? (client.isPending ? '…' : 'Client')}
    </Anchor>
  );
}

const COLUMNS: PagedTableColumn<EventSummary>[] = [
  {
    header: 'Event',
    wrapAnywhere: true,
    cell: (event) => (
      <TitleCell
        to={`/events/${event.id}`}
        title={eventTypeLabel(event.type)}
        detail={describeEventData(event.type, event.data)}
      />
    ),
  },
  { header: 'Client', wrapAnywhere: true, cell: (event) => <ClientCell id={event.clientId} /> },
  { header: 'When', cell: (event) => <RelativeTime at={event.occurredAt} /> },
  { header: 'Source', wideOnly: true, cell: (event) => <Text size="sm">{event.source.replace('_', ' ')}</Text> },
];

/** Events the agency's automations saw, newest first; each opens "Why didn't it fire?". */
export function EventsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const typeParam = searchParams.get('type');
  const type = EVENT_TYPES.some((entry) => entry.value === typeParam) ? (typeParam as EventType) : null;
  const clientId = searchParams.get('clientId') || null;
  const from = parseDay(searchParams.get('from'));
  const to = parseDay(searchParams.get('to'));
  const page = parsePage(searchParams.get('page'));
  const query: EventListQuery = {
    page,
    pageSize: PAGE_SIZE,
    ...(type ? { type } : {}),
    ...(clientId ? { clientId } : {}),
    ...(from ? { from: startOfDay(from) } : {}),
    ...(to ? { to: endOfDay(to) } : {}),
  };
  const events = useEvents(query);
  const change = (changes: Record<string, string | null>) =>
    setSearchParams((current) => withParams(current, { ...changes, page: null }));
  const filtered = Boolean(type || clientId || from || to);
  const { data, error } = events;
  const pageCount = pageCountOf(data);

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Title order={2}>Events</Title>
        {events.isFetching && !events.isPending && <Loader size="xs" aria-label="Refreshing" />}
      </Group>
      <Text size="sm" c="dimmed">
        Open an event to see which automations it started and why the others did not fire.
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Event type"
          data={[{ value: '', label: 'All types' }, ...EVENT_TYPES]}
          value={type ?? ''}
          onChange={(event) => change({ type: event.currentTarget.value || null })}
          style={{ flex: '1 1 160px' }}
        />
        <ClientPicker value={clientId} onChange={(id) => change({ clientId: id })} />
        <TextInput
          type="date"
          label="From"
          value={from ?? ''}
          onChange={(event) => change({ from: event.currentTarget.value || null })}
          style={{ flex: '1 1 140px' }}
        />
        <TextInput
          type="date"
          label="To"
          value={to ?? ''}
          onChange={(event) => change({ to: event.currentTarget.value || null })}
          style={{ flex: '1 1 140px' }}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => change({ type: null, clientId: null, from: null, to: null })}>
            Clear filters
          </Button>
        )}
      </Group>

      {data ? (
        data.items.length === 0 ? (
          <EmptyState title={filtered ? 'No events match your filters.' : 'No events yet'}>
            <Text size="sm" c="dimmed">
              Events arrive from integrations (POST /api/v1/events), client updates and automations.
            </Text>
          </EmptyState>
        ) : (
          <PagedTable
            label="Events"
            items={data.items}
            columns={COLUMNS}
            rowKey={(event) => event.id}
            pages={{
              page,
              pageCount,
              onChange: (value) => setSearchParams((current) => withParams(current, { page: pageParam(value) })),
            }}
          />
        )
      ) : error ? (
        <QueryError title="Could not load events" error={error} onRetry={() => void events.refetch()} />
      ) : (
        <LoadingState label="Loading events…" />
      )}
    </Stack>
  );
}
