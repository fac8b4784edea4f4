import { useState, type ReactNode } from 'react';
import { CloseButton, Group, NativeSelect, SegmentedControl, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import type { WorkflowSort } from '../../api/types';
import type { WorkflowStatusFilter } from '../../api/useWorkflows';

const STATUS_OPTIONS: { label: string; value: WorkflowStatusFilter }[] = [
  { label: 'All', value: 'all' },
  { label: 'Active', value: 'active' },
  { label: 'Paused', value: 'paused' },
];

export const SORT_OPTIONS: { label: string; value: WorkflowSort }[] = [
  { label: 'Recently changed', value: '-updatedAt' },
  { label: 'Recently run', value: '-lastRunAt' },
  { label: 'Most runs', value: '-runCount' },
  { label: 'Name (A–Z)', value: 'name' },
  { label: 'Newest', value: '-createdAt' },
];

export const SEARCH_DEBOUNCE_MS = 300;

interface AutomationFiltersProps {
  search: string;
  status: WorkflowStatusFilter;
  sort: WorkflowSort;
  onSearchChange: (search: string) => void;
  onStatusChange: (status: WorkflowStatusFilter) => void;
  onSortChange: (sort: WorkflowSort) => void;
  /** The cards/table switch. */
  view?: ReactNode;
}

/** Search box (debounced), active/paused filter and sort order. */
export function AutomationFilters({
  search,
  status,
  sort,
  onSearchChange,
  onStatusChange,
  onSortChange,
  view,
}: AutomationFiltersProps) {
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
      <NativeSelect
        aria-label="Sort by"
        data={SORT_OPTIONS}
        value={sort}
        onChange={(event) => onSortChange(event.currentTarget.value as WorkflowSort)}
        style={{ flex: '0 1 180px' }}
      />
      {view}
    </Group>
  );
}
