import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';

// The catalogs only change with a deployment.
const CATALOG_STALE_TIME = 60 * 60_000;

export function useTriggerTypes() {
  return useQuery({
    queryKey: ['catalog', 'triggers'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/workflows/triggers/types', { signal })).then((list) => list.items),
    staleTime: CATALOG_STALE_TIME,
  });
}

export function useActionTypes() {
  return useQuery({
    queryKey: ['catalog', 'actions'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/workflows/actions/types', { signal })).then((list) => list.items),
    staleTime: CATALOG_STALE_TIME,
  });
}
