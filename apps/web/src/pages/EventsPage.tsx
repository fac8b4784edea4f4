import { Anchor, Button, Group, Loader, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import type { EventListQuery, EventType } from '../api/types';
import { useEvents } from '../api/useEvents';
import { EmptyState } from '../components/EmptyState';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { describeEventData, EVENT_TYPES, eventTypeLabel } from '../lib/eventTypes';
import { formatDateTime, formatRelativeTime } from '../lib/format';
import { endOfDay, parseDay, parsePage, startOfDay, withParams } from '../lib/searchParams';

const PAGE_SIZE = 50;

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
  const change = (changes: Record<string, string | null>) => setSearchParams((current) => withParams(current, { ...changes, page: null }));
  const filtered = Boolean(type || clientId || from || to);
  const { data, error } = events;
  const pageCount = data ? Math.ceil(data.total / data.pageSize) : 0;

  return (
    <Stack gap="md" maw={1100} mx="auto">
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
        <TextInput type="date" label="From" value={from ?? ''} onChange={(event) => change({ from: event.currentTarget.value || null })} style={{ flex: '1 1 140px' }} />
        <TextInput type="date" label="To" value={to ?? ''} onChange={(event) => change({ to: event.currentTarget.value || null })} style={{ flex: '1 1 140px' }} />
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
          <Table.ScrollContainer minWidth={0}>
            <Table highlightOnHover verticalSpacing="xs" aria-label="Events">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th visibleFrom="sm">Source</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((event) => (
                  <Table.Tr key={event.id}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Anchor component={Link} to={`/events/${event.id}`} size="sm" fw={600}>
                        {eventTypeLabel(event.type)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {describeEventData(event.type, event.data)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={formatDateTime(event.occurredAt)} style={{ whiteSpace: 'nowrap' }}>
                        {formatRelativeTime(event.occurredAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm">{event.source.replace('_', ' ')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      ) : error ? (
        <QueryError title="Could not load events" error={error} onRetry={() => void events.refetch()} />
      ) : (
        <LoadingState label="Loading events…" />
      )}

      {pageCount > 1 && (
        <Group justify="center">
          <Pagination total={pageCount} value={page} onChange={(value) => setSearchParams((current) => withParams(current, { page: value === 1 ? null : String(value) }))} size="sm" />
        </Group>
      )}
    </Stack>
  );
}
