import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import type { AgencyUpdate } from './types';

export function useAgency() {
  return useQuery({
    queryKey: ['agency'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/agency', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** PATCH /agency (admins): name, timezone, settings (merged key by key). */
export function useUpdateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AgencyUpdate) => unwrap(api.PATCH('/api/v1/agency', { body })),
    onSuccess: (agency) => queryClient.setQueryData(['agency'], agency),
  });
}
