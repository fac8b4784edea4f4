import { useState } from 'react';
import { Anchor, Group, Loader, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Link, useSearchParams } from 'react-router';
import { useClientList } from '../api/useClients';
import { HealthBadge } from '../components/clients/HealthBadge';
import { EmptyState } from '../components/EmptyState';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { formatDateTime, formatRelativeTime } from '../lib/format';
import { parsePage, withParams } from '../lib/searchParams';

const PAGE_SIZE = 50;

/** The agency's clients with search; a client opens its runs and the records automations made. */
export function ClientsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get('q') ?? '';
  const page = parsePage(searchParams.get('page'));
  const [text, setText] = useState(search);
  const commit = useDebouncedCallback((value: string) => setSearchParams((current) => withParams(current, { q: value.trim() || null, page: null }), { replace: true }), 300);
  const clients = useClientList({ search, page, pageSize: PAGE_SIZE });
  const { data, error } = clients;
  const pageCount = data ? Math.ceil(data.total / data.pageSize) : 0;

  return (
    <Stack gap="md" maw={960} mx="auto">
      <Group gap="xs">
        <Title order={2}>Clients</Title>
        {clients.isFetching && !clients.isPending && <Loader size="xs" aria-label="Refreshing" />}
      </Group>
      <TextInput
        type="search"
        aria-label="Search clients"
        placeholder="Search by name"
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          commit(event.currentTarget.value);
        }}
      />
      {data ? (
        data.items.length === 0 ? (
          <EmptyState title={search ? 'No clients match your search.' : 'No clients yet'}>
            <Text size="sm" c="dimmed">
              Clients are created through the API (POST /api/v1/clients) or your CRM integration.
            </Text>
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={0}>
            <Table highlightOnHover verticalSpacing="xs" aria-label="Clients">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Client</Table.Th>
                  <Table.Th>Health</Table.Th>
                  <Table.Th visibleFrom="sm">Last activity</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((client) => (
                  <Table.Tr key={client.id}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Anchor component={Link} to={`/clients/${client.id}`} fw={600} size="sm">
                        {client.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {client.stage}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <HealthBadge health={client.health} />
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm" title={formatDateTime(client.lastActivityAt)}>
                        {formatRelativeTime(client.lastActivityAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      ) : error ? (
        <QueryError title="Could not load clients" error={error} onRetry={() => void clients.refetch()} />
      ) : (
        <LoadingState label="Loading clients…" />
      )}
      {pageCount > 1 && (
        <Group justify="center">
          <Pagination total={pageCount} value={page} onChange={(value) => setSearchParams((current) => withParams(current, { page: value === 1 ? null : String(value) }))} size="sm" />
        </Group>
      )}
    </Stack>
  );
}
