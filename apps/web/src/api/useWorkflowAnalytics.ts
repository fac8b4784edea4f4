import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { ApiError, unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { WorkflowAnalytics } from './types';
import { useEndpointAvailability } from './useEndpointAvailability';

const DAY_MS = 86_400_000;

export interface AnalyticsRange {
  /** The last `days` days up to now. */
  days: number;
  workflowId?: string | null;
}

/**
 * GET /workflows/analytics for the last `days` days, or `null` when the server has no analytics
 * endpoint (an older API): callers then show nothing rather than an error.
 */
export function useWorkflowAnalytics({ days, workflowId = null }: AnalyticsRange) {
  const availability = useEndpointAvailability('/api/v1/workflows/analytics', 'get');
  return useQuery({
    queryKey: [...queryKeys.analytics, { days, workflowId }],
    queryFn: async ({ signal }): Promise<WorkflowAnalytics | null> => {
      const to = new Date();
      const from = new Date(to.getTime() - days * DAY_MS);
      const query = { from: from.toISOString(), to: to.toISOString(), ...(workflowId ? { workflowId } : {}) };
      try {
        return await unwrap(api.GET('/api/v1/workflows/analytics', { params: { query }, signal }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && !workflowId) return null;
        throw error;
      }
    },
    enabled: availability === 'available' || availability === 'unknown',
    staleTime: 60_000,
  });
}
