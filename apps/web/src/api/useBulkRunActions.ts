import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { BulkRunsRequest } from './types';

/** Many runs changed at once: every run list and detail, and the automations' counts, are stale. */
function refresh(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.runs });
  void queryClient.invalidateQueries({ queryKey: queryKeys.workflows });
  void queryClient.invalidateQueries({ queryKey: queryKeys.approvals });
}

/** POST /workflows/runs/bulk-retry: `{runIds}` or `{filter}`; failed runs resume from their failed step (managers). */
export function useBulkRetryRuns() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkRunsRequest) => unwrap(api.POST('/api/v1/workflows/runs/bulk-retry', { body })),
    onSuccess: () => refresh(queryClient),
  });
}

/** POST /workflows/runs/bulk-cancel: `{runIds}` or `{filter}`; queued, waiting and awaiting-approval runs stop (managers). */
export function useBulkCancelRuns() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkRunsRequest) => unwrap(api.POST('/api/v1/workflows/runs/bulk-cancel', { body })),
    onSuccess: () => refresh(queryClient),
  });
}
