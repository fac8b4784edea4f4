import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { EventListQuery } from './types';

/** GET /events: stored events, newest first. */
export function useEvents(query: EventListQuery) {
  return useQuery({
    queryKey: [...queryKeys.events, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

const UNPROCESSED_POLL_MS = 2_000;

/** GET /events/{id} with its processing record; polls briefly until the engine has matched it. */
export function useEvent(id: string) {
  return useQuery({
    queryKey: queryKeys.event(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (query) =>
      query.state.data && query.state.data.processedAt === null ? UNPROCESSED_POLL_MS : false,
  });
}
