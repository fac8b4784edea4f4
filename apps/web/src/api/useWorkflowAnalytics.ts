import { useQuery } from '@tanstack/react-query';
import { readAnalyticsSummary } from '../lib/analyticsSummary';
import { ApiError, unwrap } from './errors';
import { pendingApi } from './pendingApi';
import { useEndpointAvailability } from './useEndpointAvailability';

const DAY_MS = 86_400_000;

/**
 * Headline figures of the last `days` days, or `null` when the server has no analytics
 * endpoint (yet): the dashboard then shows nothing rather than an error.
 */
export function useWorkflowAnalytics(days = 30) {
  const availability = useEndpointAvailability('/api/v1/workflows/analytics', 'get');
  return useQuery({
    queryKey: ['workflows', 'analytics', days],
    queryFn: async ({ signal }) => {
      const to = new Date();
      const from = new Date(to.getTime() - days * DAY_MS);
      try {
        const body = await unwrap(
          pendingApi.GET('/api/v1/workflows/analytics', {
            params: { query: { from: from.toISOString(), to: to.toISOString() } },
            signal,
          }),
        );
        return readAnalyticsSummary(body);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: availability === 'available' || availability === 'unknown',
    staleTime: 60_000,
  });
}
