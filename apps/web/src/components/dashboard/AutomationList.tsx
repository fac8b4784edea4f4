import { Stack } from '@mantine/core';
import type { WorkflowListItem } from '../../api/types';
import { AutomationCard } from './AutomationCard';

export function AutomationList({ items, canEdit }: { items: WorkflowListItem[]; canEdit: boolean }) {
  return (
    <Stack gap="sm" component="section" aria-label="Automations">
      {items.map((workflow) => (
        <AutomationCard key={workflow.id} workflow={workflow} canEdit={canEdit} />
      ))}
    </Stack>
  );
}
