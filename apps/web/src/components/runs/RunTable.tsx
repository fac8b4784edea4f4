import type { MouseEvent } from 'react';
import { Checkbox, Text } from '@mantine/core';
import type { RunSummary } from '../../api/types';
import { useWorkflowVersionTriggers } from '../../api/useWorkflowDefinition';
import { triggerEventsInWords } from '../../lib/eventTypes';
import { triggersOf } from '../../lib/automationWords';
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
  /** Row checkboxes (managers on the run history): which runs are picked, and a change of one. */
  selection?: RunSelection;
}

export interface RunSelection {
  isSelected: (run: RunSummary) => boolean;
  onToggle: (run: RunSummary, selected: boolean) => void;
}

/**
 * What started the run, in words. Run summaries do not carry their trigger event, so this reads
 * the triggers of the automation version the run executes (read once per version).
 */
function TriggerCell({ run }: { run: RunSummary }) {
  const triggers = useWorkflowVersionTriggers(run.workflowId, run.workflowVersion);
  if (run.mode === 'test') return <Text size="sm">Test run</Text>;
  if (!triggers.data)
    return (
      <Text size="sm" c="dimmed">
        {triggers.isPending ? '…' : '—'}
      </Text>
    );
  return <Text size="sm">{triggerEventsInWords(triggersOf(triggers.data).map((trigger) => trigger.type))}</Text>;
}

/** Runs as rows; a row (or its automation link) opens the run's details. Narrow screens drop the duration. */
export function RunTable({ runs, linkTo, onOpen, hideClient, pages, selection }: RunTableProps) {
  const columns: PagedTableColumn<RunSummary>[] = [
    ...(selection
      ? [
          {
            header: 'Select',
            cell: (run: RunSummary) => (
              <Checkbox
                aria-label={`Select ${run.workflowName} for ${run.clientName}`}
                checked={selection.isSelected(run)}
                onChange={(event) => selection.onToggle(run, event.currentTarget.checked)}
                onClick={(event) => event.stopPropagation()}
              />
            ),
          },
        ]
      : []),
    {
      header: 'Automation',
      wrapAnywhere: true,
      cell: (run) => (
        <TitleCell to={linkTo(run)} title={run.workflowName} detail={hideClient ? undefined : run.clientName} />
      ),
    },
    { header: 'Status', cell: (run) => <RunStatusBadge status={run.status} /> },
    { header: 'Trigger', wideOnly: true, cell: (run) => <TriggerCell run={run} /> },
    { header: 'Started', cell: (run) => <RelativeTime at={run.startedAt} /> },
    {
      header: 'Duration',
      wideOnly: true,
      cell: (run) => <Text size="sm">{run.finishedAt ? formatDuration(run.durationMs) : '—'}</Text>,
    },
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
          if ((event.target as HTMLElement).closest('a, input, label')) return;
          onOpen(run);
        },
        style: { cursor: 'pointer' },
      })}
      pages={pages}
    />
  );
}
