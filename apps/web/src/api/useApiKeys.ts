import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { CreatedApiKey } from './types';

export function useApiKeys() {
  return useQuery({
    queryKey: queryKeys.apiKeys,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/api-keys', { params: { query: { pageSize: 200 } }, signal })),
  });
}

/** POST /api-keys: the answer carries the secret key, the only time it is ever readable. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { name: string; role: CreatedApiKey['role'] }): Promise<CreatedApiKey> =>
      unwrap(api.POST('/api/v1/api-keys', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
}

/** DELETE /api-keys/{id}: revoked at once for every request that uses it. */
export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
}
