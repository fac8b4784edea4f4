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
    select: (workflow) => ({
      triggers: workflow.triggers,
      steps: workflow.steps,
      requiresApproval: workflow.requiresApproval,
    }),
    staleTime: Infinity,
  });
}

/** The triggers of one saved version of an automation (a version never changes: read once). */
export function useWorkflowVersionTriggers(id: string, version: number) {
  return useQuery({
    queryKey: ['workflow-versions', id, version],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/workflows/{id}/versions/{version}', { params: { path: { id, version } }, signal })),
    select: (saved) => (Array.isArray(saved.definition.triggers) ? (saved.definition.triggers as unknown[]) : []),
    staleTime: Infinity,
    retry: false,
  });
}
