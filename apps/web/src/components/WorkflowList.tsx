import { Stack } from '@mantine/core';
import type { WorkflowListItem } from '../api/types';
import { WorkflowCard } from './WorkflowCard';

export function WorkflowList({ items }: { items: WorkflowListItem[] }) {
  return (
    <Stack gap="sm" component="section" aria-label="Automations">
      {items.map((workflow) => (
        <WorkflowCard key={workflow.id} workflow={workflow} />
      ))}
    </Stack>
  );
}
