import { Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useRun } from '../../api/useRun';
import { LoadingState } from '../LoadingState';
import { QueryError } from '../QueryError';
import { RunDetails } from './RunDetails';

interface RunDetailsModalProps {
  /** The run to show; null keeps the modal closed. */
  runId: string | null;
  onClose: () => void;
}

/** "Run details": the complete execution log of one run; full screen on phones. */
export function RunDetailsModal({ runId, onClose }: RunDetailsModalProps) {
  const run = useRun(runId);
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={runId !== null}
      onClose={onClose}
      title="Run details"
      size="xl"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': 'Close run details' }}
    >
      {run.data ? (
        <RunDetails run={run.data} />
      ) : run.error ? (
        <QueryError title="Could not load the run" error={run.error} onRetry={() => void run.refetch()} />
      ) : (
        <LoadingState label="Loading run…" />
      )}
    </Modal>
  );
}
