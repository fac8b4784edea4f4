import { useQuery } from '@tanstack/react-query';
import { usePollingInterval } from '../live/liveStatus';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { RunStatus } from './types';

const FINISHED: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'skipped', 'cancelled', 'rejected']);

export function isFinished(status: RunStatus): boolean {
  return FINISHED.has(status);
}

/** GET /workflows/runs/{runId}: steps, timeline, trigger, snapshot. Polls a moving run while not live. */
export function useRun(runId: string | null) {
  const pollInterval = usePollingInterval();
  return useQuery({
    queryKey: queryKeys.run(runId ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/workflows/runs/{runId}', { params: { path: { runId: runId! } }, signal })),
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data.status) ? false : pollInterval),
  });
}
