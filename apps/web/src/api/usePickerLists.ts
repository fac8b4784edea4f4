import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import type { MetricName, SlackDirectory } from './types';

/** GET /clients/metrics/names: the agency's recorded metrics (most clients first), then the common ones, with units. */
export function useMetricNames() {
  return useQuery<{ items: MetricName[] }>({
    queryKey: ['clients', 'metric-names'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/clients/metrics/names', { signal })),
    staleTime: 60_000,
  });
}

/** GET /integrations/slack/directory?search=: channels and people of the agency's Slack workspace (cached by the API). */
export function useSlackDirectory(search: string) {
  return useQuery<SlackDirectory>({
    queryKey: ['integrations', 'slack', 'directory', search],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/integrations/slack/directory', { params: { query: search ? { search } : {} }, signal })),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
