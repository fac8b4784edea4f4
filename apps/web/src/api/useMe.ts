import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';

/** Who is signed in: role and agency. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/auth/me', { signal })),
    staleTime: 5 * 60_000,
  });
}
