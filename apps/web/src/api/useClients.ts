import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';

/** A page of clients by name, for pickers. */
export function useClients(search: string, enabled = true) {
  return useQuery({
    queryKey: ['clients', 'picker', search],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/clients', { params: { query: { pageSize: 50, ...(search ? { search } : {}) } }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}
