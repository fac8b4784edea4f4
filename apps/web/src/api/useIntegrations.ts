import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { EmailIntegrationRequest, OpenAiIntegrationRequest, SlackIntegrationRequest } from './types';

/** GET /integrations: one entry per kind, secrets masked (`{set, last4}`), never their value. */
export function useIntegrations() {
  return useQuery({
    queryKey: queryKeys.integrations,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/integrations', { signal })),
  });
}

export type IntegrationUpdate =
  | { kind: 'slack'; body: SlackIntegrationRequest }
  | { kind: 'email'; body: EmailIntegrationRequest }
  | { kind: 'openai'; body: OpenAiIntegrationRequest };

/** PUT /integrations/{kind} (admins): replaces the settings; a missing secret keeps the stored one. */
export function useSaveIntegration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: IntegrationUpdate) => {
      switch (update.kind) {
        case 'slack':
          return unwrap(api.PUT('/api/v1/integrations/slack', { body: update.body }));
        case 'email':
          return unwrap(api.PUT('/api/v1/integrations/email', { body: update.body }));
        case 'openai':
          return unwrap(api.PUT('/api/v1/integrations/openai', { body: update.body }));
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.integrations }),
  });
}
