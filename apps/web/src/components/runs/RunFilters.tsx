import { useId, useState } from 'react';
import { Button, Group, NativeSelect, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconFilter } from '@tabler/icons-react';
import type { RunStatus } from '../../api/types';
import { useClient } from '../../api/useClient';
import { useClients } from '../../api/useClients';
import { useWorkflows } from '../../api/useWorkflows';
import { RUN_STATUSES, statusLabel } from '../../lib/runStatus';

export interface RunFilterValues {
  status: RunStatus | null;
  workflowId: string | null;
  clientId: string | null;
  /** `yyyy-mm-dd`, inclusive */
  from: string | null;
  to: string | null;
}

interface RunFiltersProps {
  values: RunFilterValues;
  onChange: (changes: Partial<RunFilterValues>) => void;
  onClear: () => void;
  /** Leave out the client picker (a client's own page). */
  hideClient?: boolean;
}

const ALL = '';

function AutomationPicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const workflows = useWorkflows({ search: '', status: 'all', page: 1, pageSize: 200, sort: 'name' });
  const data = (workflows.data?.items ?? []).map((workflow) => ({ value: workflow.id, label: workflow.name }));
  return (
    <Select
      label="Automation"
      placeholder="All automations"
      searchable
      clearable
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage={workflows.isPending ? 'Loading…' : 'No automation found'}
      style={{ flex: '1 1 180px' }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** A searchable select of the agency's clients (the chosen one stays listed). */
export function ClientPicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const clients = useClients(debounced);
  const options = (clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }));
  // The chosen client (e.g. from the URL) stays listed whatever is being searched.
  const listed = value !== null && options.some((option) => option.value === value);
  const chosen = useClient(listed ? null : value);
  if (value && !listed && chosen.data) options.unshift({ value, label: chosen.data.name });
  return (
    <Select
      label="Client"
      placeholder="All clients"
      searchable
      clearable
      data={options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={clients.isFetching ? 'Loading…' : 'No client found'}
      style={{ flex: '1 1 180px' }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Below Mantine's `sm` breakpoint (48em): a phone. */
export const PHONE_QUERY = '(max-width: 47.99em)';

/**
 * Status, automation, client and date range filters of the run history. On a phone they sit
 * behind a "Filters" button (saying how many are set), so the runs start on the first screen.
 */
export function RunFilters({ values, onChange, onClear, hideClient }: RunFiltersProps) {
  const filtered = Object.values(values).some((value) => value !== null);
  const isPhone = useMediaQuery(PHONE_QUERY, undefined, { getInitialValueInEffect: false });
  const [opened, setOpened] = useState(false);
  const filtersId = useId();
  const setCount = Object.entries(values).filter(
    ([key, value]) => value !== null && !(hideClient && key === 'clientId'),
  ).length;
  const clear = (
    <Button variant="subtle" onClick={onClear}>
      Clear filters
    </Button>
  );
  return (
    <Stack gap="xs">
      {isPhone && (
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconFilter size={16} aria-hidden="true" />}
            aria-expanded={opened}
            aria-controls={filtersId}
            onClick={() => setOpened(!opened)}
          >
            {setCount > 0 ? `Filters (${setCount})` : 'Filters'}
          </Button>
          {filtered && !opened && clear}
        </Group>
      )}
      {(!isPhone || opened) && (
        <Group gap="sm" align="flex-end" wrap="wrap" id={filtersId}>
          <NativeSelect
            label="Status"
            data={[
              { value: ALL, label: 'All statuses' },
              ...RUN_STATUSES.map((status) => ({ value: status, label: statusLabel(status) })),
            ]}
            value={values.status ?? ALL}
            onChange={(event) => onChange({ status: (event.currentTarget.value || null) as RunStatus | null })}
            style={{ flex: '1 1 150px' }}
          />
          <AutomationPicker value={values.workflowId} onChange={(workflowId) => onChange({ workflowId })} />
          {!hideClient && <ClientPicker value={values.clientId} onChange={(clientId) => onChange({ clientId })} />}
          <TextInput
            type="date"
            label="From"
            value={values.from ?? ''}
            max={values.to ?? undefined}
            onChange={(event) => onChange({ from: event.currentTarget.value || null })}
            style={{ flex: '1 1 140px' }}
          />
          <TextInput
            type="date"
            label="To"
            value={values.to ?? ''}
            min={values.from ?? undefined}
            onChange={(event) => onChange({ to: event.currentTarget.value || null })}
            style={{ flex: '1 1 140px' }}
          />
          {filtered && clear}
        </Group>
      )}
    </Stack>
  );
}
