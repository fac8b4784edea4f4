import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';

export function useAgency() {
  return useQuery({
    queryKey: ['agency'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/agency', { signal })),
    staleTime: 5 * 60_000,
  });
}
