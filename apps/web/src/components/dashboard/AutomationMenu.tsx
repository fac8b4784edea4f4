import { ActionIcon, Menu } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDots, IconHistory, IconPencil, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import { describeError } from '../../api/errors';
import type { WorkflowListItem } from '../../api/types';
import { useDeleteWorkflow } from '../../api/useWorkflowMutations';
import { ConfirmDialog } from '../ConfirmDialog';

/**
 * The "⋯" menu of an automation: edit, its runs, and delete (with a confirmation; the dialog
 * stays open, with the reason, if deleting fails).
 */
export function AutomationMenu({ workflow }: { workflow: WorkflowListItem }) {
  const remove = useDeleteWorkflow();
  const [opened, dialog] = useDisclosure(false);
  const close = () => {
    remove.reset();
    dialog.close();
  };
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${workflow.name}`}>
            <IconDots size={18} aria-hidden="true" />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            component={Link}
            to={`/automations/${workflow.id}/edit`}
            leftSection={<IconPencil size={16} aria-hidden="true" />}
          >
            Edit
          </Menu.Item>
          <Menu.Item
            component={Link}
            to={`/runs?workflowId=${workflow.id}`}
            leftSection={<IconHistory size={16} aria-hidden="true" />}
          >
            See its runs
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={dialog.open}>
            Delete…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={opened}
        title={`Delete “${workflow.name}”?`}
        message="It stops running and its queued, waiting and awaiting-approval runs are cancelled. Its run history is kept."
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.isError ? describeError(remove.error) : null}
        onCancel={close}
        onConfirm={() => remove.mutate({ id: workflow.id }, { onSuccess: close })}
      />
    </>
  );
}
