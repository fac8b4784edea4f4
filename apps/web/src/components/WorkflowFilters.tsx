import { useState } from 'react';
import { CloseButton, Group, SegmentedControl, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import type { WorkflowStatusFilter } from '../api/useWorkflows';

const STATUS_OPTIONS: { label: string; value: WorkflowStatusFilter }[] = [
  { label: 'All', value: 'all' },
  { label: 'Active', value: 'active' },
  { label: 'Paused', value: 'paused' },
];

export const SEARCH_DEBOUNCE_MS = 300;

interface WorkflowFiltersProps {
  search: string;
  status: WorkflowStatusFilter;
  onSearchChange: (search: string) => void;
  onStatusChange: (status: WorkflowStatusFilter) => void;
}

/** Search box (debounced) and active/paused filter. */
export function WorkflowFilters({ search, status, onSearchChange, onStatusChange }: WorkflowFiltersProps) {
  const [text, setText] = useState(search);
  // Follow changes made elsewhere (clear filters, back button) without fighting the typist.
  const [prevSearch, setPrevSearch] = useState(search);
  if (search !== prevSearch) {
    setPrevSearch(search);
    if (search !== text.trim()) setText(search);
  }
  const commitSearch = useDebouncedCallback((value: string) => onSearchChange(value.trim()), SEARCH_DEBOUNCE_MS);

  const changeText = (value: string) => {
    setText(value);
    commitSearch(value);
  };

  return (
    <Group gap="sm" align="center">
      <TextInput
        type="search"
        aria-label="Search automations"
        placeholder="Search name or description"
        value={text}
        onChange={(event) => changeText(event.currentTarget.value)}
        rightSection={text ? <CloseButton aria-label="Clear search" size="sm" onClick={() => changeText('')} /> : null}
        style={{ flex: '1 1 220px' }}
      />
      <SegmentedControl
        aria-label="Status"
        data={STATUS_OPTIONS}
        value={status}
        onChange={(value) => onStatusChange(value as WorkflowStatusFilter)}
      />
    </Group>
  );
}
