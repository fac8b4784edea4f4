import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';

/** A page of clients by name, for pickers. */
export function useClients(search: string, enabled = true) {
  return useQuery({
    queryKey: ['clients', 'picker', search],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/clients', { params: { query: { pageSize: 50, ...(search ? { search } : {}) } }, signal }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A page of the client list (search by name). */
export function useClientList({ search, page, pageSize }: { search: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['clients', 'list', { search, page, pageSize }],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/clients', { params: { query: { page, pageSize, ...(search ? { search } : {}) } }, signal }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Latest value per metric of a client. */
export function useClientMetrics(id: string) {
  return useQuery({
    queryKey: ['clients', 'detail', id, 'metrics'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/clients/{id}/metrics', { params: { path: { id }, query: { pageSize: 1 } }, signal })),
  });
}
