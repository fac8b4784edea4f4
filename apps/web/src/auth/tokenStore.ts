/**
 * The access token lives in localStorage so a reload keeps the session.
 * Components subscribe through `useAuthToken`; other tabs are followed via the
 * `storage` event, so signing out in one tab signs out everywhere.
 */
const STORAGE_KEY = 'automations.accessToken';

type Listener = () => void;
const listeners = new Set<Listener>();

function emit(): void {
  for (const listener of listeners) listener();
}

function onStorage(event: StorageEvent): void {
  if (event.key === STORAGE_KEY || event.key === null) emit();
}

export const tokenStore = {
  get(): string | null {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return null; // storage disabled (e.g. some private modes)
    }
  },

  set(token: string): void {
    localStorage.setItem(STORAGE_KEY, token);
    emit();
  },

  clear(): void {
    localStorage.removeItem(STORAGE_KEY);
    emit();
  },

  subscribe(listener: Listener): () => void {
    if (listeners.size === 0) window.addEventListener('storage', onStorage);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) window.removeEventListener('storage', onStorage);
    };
  },
};
