import { Alert, Button, Stack } from '@mantine/core';
import { describeError } from '../../api/errors';
import { useRetryRun } from '../../api/useRunActions';

/** Retries a failed run from its failed step; completed steps are not run again. */
export function RetryRunButton({ runId }: { runId: string }) {
  const retry = useRetryRun();
  return (
    <Stack gap="xs" align="flex-start">
      <Button color="red" variant="light" onClick={() => retry.mutate(runId)} loading={retry.isPending}>
        Retry
      </Button>
      {retry.isError && (
        <Alert color="red" role="alert" p="xs" title="Could not retry the run">
          {describeError(retry.error)}
        </Alert>
      )}
    </Stack>
  );
}
