import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePollingInterval } from '../live/liveStatus';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';

export const APPROVALS_PAGE_SIZE = 50;

/** GET /workflows/approvals?status=pending, oldest first as the API serves them; polled while not live. */
export function usePendingApprovals(page = 1) {
  const refetchInterval = usePollingInterval();
  return useQuery({
    queryKey: [...queryKeys.approvals, 'pending', page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/workflows/approvals', {
          params: { query: { status: 'pending', page, pageSize: APPROVALS_PAGE_SIZE } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

/** How many approvals wait, for the navigation badge; undefined when unknown or not wanted. */
export function usePendingApprovalCount(enabled = true): number | undefined {
  const refetchInterval = usePollingInterval();
  const count = useQuery({
    queryKey: [...queryKeys.approvals, 'pending', 'count'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/workflows/approvals', { params: { query: { status: 'pending', pageSize: 1 } }, signal })),
    select: (page) => page.total,
    refetchInterval,
    enabled,
    retry: false,
  });
  return enabled ? count.data : undefined;
}
