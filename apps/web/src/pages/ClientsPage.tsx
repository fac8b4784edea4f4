import { useState } from 'react';
import { Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import type { Client } from '../api/types';
import { useClientList } from '../api/useClients';
import { HealthBadge } from '../components/clients/HealthBadge';
import { EmptyState } from '../components/EmptyState';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { PagedTable, type PagedTableColumn } from '../components/table/PagedTable';
import { RelativeTime } from '../components/table/RelativeTime';
import { TitleCell } from '../components/table/TitleCell';
import { pageCountOf, pageParam, parsePage, withParams } from '../lib/searchParams';

const PAGE_SIZE = 50;

const COLUMNS: PagedTableColumn<Client>[] = [
  {
    header: 'Client',
    wrapAnywhere: true,
    cell: (client) => <TitleCell to={`/clients/${client.id}`} title={client.name} detail={client.stage} />,
  },
  { header: 'Health', cell: (client) => <HealthBadge health={client.health} /> },
  { header: 'Last activity', wideOnly: true, cell: (client) => <RelativeTime at={client.lastActivityAt} /> },
];

/** The agency's clients with search; a client opens its runs and the records automations made. */
export function ClientsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get('q') ?? '';
  const page = parsePage(searchParams.get('page'));
  const [text, setText] = useState(search);
  const commit = useDebouncedCallback(
    (value: string) =>
      setSearchParams((current) => withParams(current, { q: value.trim() || null, page: null }), { replace: true }),
    300,
  );
  const clients = useClientList({ search, page, pageSize: PAGE_SIZE });
  const { data, error } = clients;
  const pageCount = pageCountOf(data);

  return (
    <Stack gap="md">
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
          <PagedTable
            label="Clients"
            items={data.items}
            columns={COLUMNS}
            rowKey={(client) => client.id}
            pages={{
              page,
              pageCount,
              onChange: (value) => setSearchParams((current) => withParams(current, { page: pageParam(value) })),
            }}
          />
        )
      ) : error ? (
        <QueryError title="Could not load clients" error={error} onRetry={() => void clients.refetch()} />
      ) : (
        <LoadingState label="Loading clients…" />
      )}
    </Stack>
  );
}
