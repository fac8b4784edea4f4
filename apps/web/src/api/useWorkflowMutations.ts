import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import type { WorkflowDefinition, WorkflowUpdate } from './types';
import { workflowsKey } from './useWorkflows';

function useInvalidateWorkflows() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: workflowsKey });
}

/** PATCH /workflows/{id}/toggle with the target state (pausing cancels queued and waiting runs). */
export function useToggleWorkflow() {
  const invalidate = useInvalidateWorkflows();
  return useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) =>
      unwrap(api.PATCH('/api/v1/workflows/{id}/toggle', { params: { path: { id } }, body: { isActive } })),
    onSettled: invalidate,
  });
}

/** Soft delete: history is kept, pending runs are cancelled. */
export function useDeleteWorkflow() {
  const invalidate = useInvalidateWorkflows();
  return useMutation({
    mutationFn: ({ id }: { id: string }) => unwrap(api.DELETE('/api/v1/workflows/{id}', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}

export type SaveWorkflowInput =
  | { mode: 'create'; definition: WorkflowDefinition }
  | { mode: 'update'; id: string; expectedVersion: number; definition: WorkflowDefinition };

/** Creates (POST) or updates (PATCH with `expectedVersion`, 409 when someone saved meanwhile). */
export function useSaveWorkflow() {
  const invalidate = useInvalidateWorkflows();
  return useMutation({
    mutationFn: (input: SaveWorkflowInput) => {
      if (input.mode === 'create') return unwrap(api.POST('/api/v1/workflows', { body: input.definition }));
      const { definition } = input;
      const body: WorkflowUpdate = {
        name: definition.name,
        description: definition.description ?? '',
        isActive: definition.isActive,
        requiresApproval: definition.requiresApproval,
        triggers: definition.triggers,
        steps: definition.steps as WorkflowUpdate['steps'],
        expectedVersion: input.expectedVersion,
      };
      return unwrap(api.PATCH('/api/v1/workflows/{id}', { params: { path: { id: input.id } }, body }));
    },
    onSuccess: invalidate,
  });
}
