import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { SaveAsTemplateRequest } from './types';

/**
 * POST /templates {fromWorkflowId, name, category, description} (managers and admins): a template in the
 * agency's library, its agency-specific values (people, Slack ids, addresses, client filters) turned into
 * placeholders by the API.
 */
export function useSaveAsTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveAsTemplateRequest) => unwrap(api.POST('/api/v1/templates', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.templates }),
  });
}

/** GET /workflows/{id}/export (every role): the automation as a portable `automations.workflow/v1` document. */
export function useExportWorkflow() {
  return useMutation({
    mutationFn: (id: string) => unwrap(api.GET('/api/v1/workflows/{id}/export', { params: { path: { id } } })),
  });
}
