import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { describeError } from '../../api/errors';
import type { WorkflowListItem } from '../../api/types';
import { useDeleteWorkflow } from '../../api/useWorkflowMutations';
import { ConfirmDialog } from '../ConfirmDialog';

/** Delete with a confirmation; the dialog stays open (with the reason) if it fails. */
export function DeleteAutomationButton({ workflow }: { workflow: WorkflowListItem }) {
  const remove = useDeleteWorkflow();
  const [opened, dialog] = useDisclosure(false);
  const close = () => {
    remove.reset();
    dialog.close();
  };
  return (
    <>
      <Button variant="subtle" color="red" size="compact-sm" onClick={dialog.open} aria-label={`Delete ${workflow.name}`}>
        Delete
      </Button>
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
