import { useState } from 'react';
import { Button, Group, NativeSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
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

/** Status, automation, client and date range filters of the run history. */
export function RunFilters({ values, onChange, onClear, hideClient }: RunFiltersProps) {
  const filtered = Object.values(values).some((value) => value !== null);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <NativeSelect
        label="Status"
        data={[{ value: ALL, label: 'All statuses' }, ...RUN_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }))]}
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
      {filtered && (
        <Button variant="subtle" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
