import type { ApiKeyEntity } from '@automations/persistence';

/** How long a looked-up API key is trusted without reading it again. */
export const API_KEY_CACHE_MS = 5000;

/**
 * Live API keys by prefix, for a few seconds: an integrator pushing events sends the same key on every request, and
 * reading it each time costs a query per event. A revoke through this API process forgets every key at once; another
 * process (a second API replica, the CLI) is heard within API_KEY_CACHE_MS.
 */
export class ApiKeyCache {
  private readonly keys = new Map<string, { key: ApiKeyEntity; until: number }>();

  constructor(private readonly ttlMs = API_KEY_CACHE_MS) {}

  get(prefix: string): ApiKeyEntity | null {
    const entry = this.keys.get(prefix);
    if (!entry) return null;
    if (entry.until > Date.now()) return entry.key;
    this.keys.delete(prefix);
    return null;
  }

  set(prefix: string, key: ApiKeyEntity): void {
    // Expired entries are dropped when read; past 10,000 keys the cache simply starts over.
    if (this.keys.size > 10_000) this.keys.clear();
    this.keys.set(prefix, { key, until: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.keys.clear();
  }
}
