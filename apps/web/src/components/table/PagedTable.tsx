import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';
import { Group, Pagination, Stack, Table } from '@mantine/core';

export interface PagedTableColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
  /** Hidden on narrow screens (below the `sm` breakpoint), so a phone keeps the columns that matter. */
  wideOnly?: boolean;
  /** Long unbroken text (names, ids) may wrap anywhere instead of widening the table. */
  wrapAnywhere?: boolean;
}

export interface PageControls {
  page: number;
  pageCount: number;
  onChange: (page: number) => void;
}

interface PagedTableProps<T> {
  /** Accessible name of the table ("Runs", "Clients"). */
  label: string;
  items: T[];
  columns: PagedTableColumn<T>[];
  rowKey: (item: T) => string;
  /** Extra attributes of a row: an accessible name, a click handler. */
  rowProps?: (item: T) => HTMLAttributes<HTMLTableRowElement>;
  /** Page controls under the table, shown when there is more than one page. */
  pages?: PageControls;
}

const WRAP_ANYWHERE: CSSProperties = { overflowWrap: 'anywhere' };

/** The app's list table: one row per item, columns that narrow screens may drop, page controls below. */
export function PagedTable<T>({ label, items, columns, rowKey, rowProps, pages }: PagedTableProps<T>) {
  const visibleFrom = (column: PagedTableColumn<T>) => (column.wideOnly ? 'sm' : undefined);
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={0}>
        <Table highlightOnHover verticalSpacing="xs" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.header} visibleFrom={visibleFrom(column)}>
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={rowKey(item)} {...rowProps?.(item)}>
                {columns.map((column) => (
                  <Table.Td
                    key={column.header}
                    visibleFrom={visibleFrom(column)}
                    style={column.wrapAnywhere ? WRAP_ANYWHERE : undefined}
                  >
                    {column.cell(item)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages && pages.pageCount > 1 && (
        <Group justify="center">
          <Pagination
            total={pages.pageCount}
            value={pages.page}
            onChange={pages.onChange}
            size="sm"
            getControlProps={(control) => ({ 'aria-label': `${control} page` })}
          />
        </Group>
      )}
    </Stack>
  );
}
