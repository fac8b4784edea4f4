import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { tokenStore } from './tokenStore';

/** Forgets the token and every cached response; RequireAuth then sends the user to /login. */
export function useSignOut(): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    tokenStore.clear();
    queryClient.clear();
  }, [queryClient]);
}
