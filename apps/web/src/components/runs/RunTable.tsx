import type { MouseEvent } from 'react';
import { Text } from '@mantine/core';
import type { RunSummary } from '../../api/types';
import { formatDuration } from '../../lib/format';
import { PagedTable, type PageControls, type PagedTableColumn } from '../table/PagedTable';
import { RelativeTime } from '../table/RelativeTime';
import { TitleCell } from '../table/TitleCell';
import { RunStatusBadge } from './RunStatusBadge';

interface RunTableProps {
  runs: RunSummary[];
  /** Where a run opens (its details modal). */
  linkTo: (run: RunSummary) => string;
  onOpen: (run: RunSummary) => void;
  /** A client's own page does not repeat the client on every row. */
  hideClient?: boolean;
  pages?: PageControls;
}

/** Runs as rows; a row (or its automation link) opens the run's details. Narrow screens drop the duration. */
export function RunTable({ runs, linkTo, onOpen, hideClient, pages }: RunTableProps) {
  const columns: PagedTableColumn<RunSummary>[] = [
    { header: 'Automation', wrapAnywhere: true, cell: (run) => <TitleCell to={linkTo(run)} title={run.workflowName} detail={hideClient ? undefined : run.clientName} /> },
    { header: 'Status', cell: (run) => <RunStatusBadge status={run.status} /> },
    { header: 'Started', cell: (run) => <RelativeTime at={run.startedAt} /> },
    { header: 'Duration', wideOnly: true, cell: (run) => <Text size="sm">{run.finishedAt ? formatDuration(run.durationMs) : '—'}</Text> },
  ];
  return (
    <PagedTable
      label="Runs"
      items={runs}
      columns={columns}
      rowKey={(run) => run.id}
      rowProps={(run) => ({
        'aria-label': `${run.workflowName} for ${run.clientName}`,
        onClick: (event: MouseEvent<HTMLTableRowElement>) => {
          if ((event.target as HTMLElement).closest('a')) return;
          onOpen(run);
        },
        style: { cursor: 'pointer' },
      })}
      pages={pages}
    />
  );
}
