import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';

const versionsKey = (id: string) => [...queryKeys.workflows, 'versions', id] as const;

/** GET /workflows/{id}/versions: every saved definition, newest first. */
export function useWorkflowVersions(id: string | undefined) {
  return useQuery({
    queryKey: versionsKey(id ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/workflows/{id}/versions', { params: { path: { id: id! } }, signal })).then(
        (list) => list.items,
      ),
    enabled: !!id,
  });
}

/** GET /workflows/{id}/versions/{from}/diff/{to}: what changed between two saved versions. */
export function useWorkflowVersionDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...versionsKey(id), 'diff', from, to],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/workflows/{id}/versions/{from}/diff/{to}', {
          params: { path: { id, from: from!, to: to! } },
          signal,
        }),
      ),
    enabled: from !== null && to !== null,
  });
}

/**
 * POST /workflows/{id}/versions/{version}/restore (managers and admins): the version becomes the current one as a
 * new version; the automation and its history refresh.
 */
export function useRestoreWorkflowVersion(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, expectedVersion }: { version: number; expectedVersion?: number }) =>
      unwrap(
        api.POST('/api/v1/workflows/{id}/versions/{version}/restore', {
          params: { path: { id, version } },
          body: { expectedVersion },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workflows }),
  });
}
