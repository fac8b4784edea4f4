import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';

/** GET /clients/{id}; deleted clients too, since their run history stays readable. */
export function useClient(id: string | null) {
  return useQuery({
    queryKey: queryKeys.client(id ?? ''),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/clients/{id}', { params: { path: { id: id! }, query: { includeDeleted: true } }, signal }),
      ),
    enabled: id !== null,
  });
}
