import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { workflowsKey } from './useWorkflows';

/** One automation with its definition (for the builder's edit mode). */
export function useWorkflow(id: string | undefined) {
  return useQuery({
    queryKey: [...workflowsKey, 'detail', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/workflows/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== undefined,
    // The builder edits a copy; a background refetch must not look like someone else's change.
    staleTime: Infinity,
  });
}
