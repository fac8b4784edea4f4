import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePollingInterval } from '../live/liveStatus';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { RunListQuery } from './types';

/** GET /workflows/runs: runs across automations (newest first), filtered; polled while not live. */
export function useRuns(query: RunListQuery, enabled = true) {
  const refetchInterval = usePollingInterval();
  return useQuery({
    queryKey: [...queryKeys.runLists, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/workflows/runs', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval,
    enabled,
  });
}
