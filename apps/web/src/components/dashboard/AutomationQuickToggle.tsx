import { Switch, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { describeError } from '../../api/errors';
import type { WorkflowListItem } from '../../api/types';
import { useToggleWorkflow } from '../../api/useWorkflowMutations';
import { ConfirmDialog } from '../ConfirmDialog';

/**
 * Active/paused switch. Resuming is immediate; pausing asks first, because it cancels the
 * automation's queued and waiting runs.
 */
export function AutomationQuickToggle({ workflow }: { workflow: WorkflowListItem }) {
  const toggle = useToggleWorkflow();
  const [confirmOpened, confirm] = useDisclosure(false);
  const set = (isActive: boolean) => toggle.mutate({ id: workflow.id, isActive });

  // While the request runs show where it is going, and its answer until the list has caught up.
  const answered = toggle.data && toggle.data.updatedAt > workflow.updatedAt ? toggle.data.isActive : workflow.isActive;
  const checked = toggle.isPending ? (toggle.variables?.isActive ?? workflow.isActive) : answered;
  return (
    <>
      <Switch
        aria-label={`Active: ${workflow.name}`}
        title={checked ? 'Active — click to pause' : 'Paused — click to activate'}
        checked={checked}
        disabled={toggle.isPending}
        onChange={(event) => (event.currentTarget.checked ? set(true) : confirm.open())}
      />
      {toggle.isError && (
        <Text size="xs" c="red" role="alert">
          {describeError(toggle.error)}
        </Text>
      )}
      <ConfirmDialog
        opened={confirmOpened}
        title={`Pause “${workflow.name}”?`}
        message="It stops starting new runs, and its queued and waiting runs are cancelled. You can turn it back on at any time."
        confirmLabel="Pause"
        onCancel={confirm.close}
        onConfirm={() => {
          confirm.close();
          set(false);
        }}
      />
    </>
  );
}
