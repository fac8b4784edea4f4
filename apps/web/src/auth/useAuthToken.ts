import { useSyncExternalStore } from 'react';
import { tokenStore } from './tokenStore';

/** The current access token, or null when signed out. Re-renders on sign-in/out. */
export function useAuthToken(): string | null {
  return useSyncExternalStore(tokenStore.subscribe, tokenStore.get, () => null);
}
