import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';

/**
 * An automation's definition as of `version`, for lists that describe each automation. Every
 * change bumps the version, so one version's definition never changes: it is read once, and
 * live updates (which refresh everything under `workflows`) leave it alone.
 */
export function useWorkflowDefinition(id: string, version: number) {
  return useQuery({
    queryKey: ['workflow-definitions', id, version],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/workflows/{id}', { params: { path: { id } }, signal })),
    select: (workflow) => ({ triggers: workflow.triggers, steps: workflow.steps, requiresApproval: workflow.requiresApproval }),
    staleTime: Infinity,
  });
}
