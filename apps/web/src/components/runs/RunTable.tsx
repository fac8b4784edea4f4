import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { RunSummary } from '../../api/types';
import { formatDateTime, formatDuration, formatRelativeTime } from '../../lib/format';
import { RunStatusBadge } from './RunStatusBadge';

interface RunTableProps {
  runs: RunSummary[];
  /** Where a run opens (its details modal). */
  linkTo: (run: RunSummary) => string;
  onOpen: (run: RunSummary) => void;
  /** A client's own page does not repeat the client on every row. */
  hideClient?: boolean;
}

/** Runs as rows; a row (or its automation link) opens the run's details. Narrow screens drop the duration. */
export function RunTable({ runs, linkTo, onOpen, hideClient }: RunTableProps) {
  return (
    <Table.ScrollContainer minWidth={0}>
      <Table highlightOnHover verticalSpacing="xs" aria-label="Runs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Automation</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th visibleFrom="sm">Duration</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr
              key={run.id}
              aria-label={`${run.workflowName} for ${run.clientName}`}
              onClick={(event) => {
                if ((event.target as HTMLElement).closest('a')) return;
                onOpen(run);
              }}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Anchor component={Link} to={linkTo(run)} size="sm" fw={600}>
                  {run.workflowName}
                </Anchor>
                {!hideClient && (
                  <Text size="xs" c="dimmed">
                    {run.clientName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <RunStatusBadge status={run.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={formatDateTime(run.startedAt)} style={{ whiteSpace: 'nowrap' }}>
                  {formatRelativeTime(run.startedAt)}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm">{run.finishedAt ? formatDuration(run.durationMs) : '—'}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
