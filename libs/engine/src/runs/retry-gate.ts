import type { RunStatus } from '@automations/domain';

export type RetryGate = 'retryable' | 'not_found' | 'not_failed' | 'purged';

/** The run as a retry sees it; `clientSnapshot` is null once retention purged the run's data. */
export interface RetryCandidate {
  status: RunStatus;
  clientSnapshot: unknown;
}

/** Whether a run can be retried: it exists in the agency, it failed, and its client snapshot is still kept. */
export function retryGate(run: RetryCandidate | null): RetryGate {
  if (!run) return 'not_found';
  if (run.status !== 'failed') return 'not_failed';
  if (!run.clientSnapshot) return 'purged';
  return 'retryable';
}
