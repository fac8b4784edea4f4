import { Group, Stack, Text } from '@mantine/core';
import type { WorkflowListItem } from '../../api/types';
import { formatCount, formatRate, formatRelativeTime } from '../../lib/format';
import { PagedTable, type PagedTableColumn } from '../table/PagedTable';
import { TitleCell } from '../table/TitleCell';
import { AutomationCard } from './AutomationCard';
import { AutomationMenu } from './AutomationMenu';
import { AutomationQuickToggle } from './AutomationQuickToggle';
import { AutomationStatusBadge } from './AutomationStatusBadge';
import { AutomationSummaryLine } from './AutomationSummaryLine';

export type AutomationView = 'cards' | 'table';

function columns(canEdit: boolean): PagedTableColumn<WorkflowListItem>[] {
  return [
    {
      header: 'Automation',
      wrapAnywhere: true,
      cell: (workflow) => (
        <TitleCell
          to={`/automations/${workflow.id}`}
          title={workflow.name}
          detail={<AutomationSummaryLine workflow={workflow} lineClamp={1} />}
        />
      ),
    },
    {
      header: 'Status',
      cell: (workflow) =>
        canEdit ? (
          <AutomationQuickToggle workflow={workflow} />
        ) : (
          <AutomationStatusBadge isActive={workflow.isActive} />
        ),
    },
    {
      header: 'Last run',
      wideOnly: true,
      cell: (workflow) => (
        <Text size="sm">{workflow.lastRunAt ? formatRelativeTime(workflow.lastRunAt) : 'Never'}</Text>
      ),
    },
    {
      header: 'Success',
      wideOnly: true,
      cell: (workflow) => <Text size="sm">{formatRate(workflow.successRate)}</Text>,
    },
    { header: 'Runs', wideOnly: true, cell: (workflow) => <Text size="sm">{formatCount(workflow.runCount)}</Text> },
    ...(canEdit
      ? [
          {
            header: '',
            cell: (workflow: WorkflowListItem) => (
              <Group justify="flex-end">
                <AutomationMenu workflow={workflow} />
              </Group>
            ),
          },
        ]
      : []),
  ];
}

/** The automations as cards (what each does, its figures) or as a compact table to scan many. */
export function AutomationList({
  items,
  canEdit,
  view = 'cards',
}: {
  items: WorkflowListItem[];
  canEdit: boolean;
  view?: AutomationView;
}) {
  if (view === 'table') {
    return (
      <PagedTable
        label="Automations"
        items={items}
        columns={columns(canEdit)}
        rowKey={(workflow) => workflow.id}
        rowProps={(workflow) => ({ 'aria-label': workflow.name })}
      />
    );
  }
  return (
    <Stack gap="sm" component="section" aria-label="Automations">
      {items.map((workflow) => (
        <AutomationCard key={workflow.id} workflow={workflow} canEdit={canEdit} />
      ))}
    </Stack>
  );
}
