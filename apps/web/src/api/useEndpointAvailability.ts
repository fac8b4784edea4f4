import { useQuery } from '@tanstack/react-query';
import type { PendingPath } from './pendingApi';

type Method = 'get' | 'post';

/** `available` / `missing` per the served OpenAPI spec; `unknown` when the spec cannot be read. */
export type Availability = 'checking' | 'available' | 'missing' | 'unknown';

async function fetchDocumentedOperations(signal: AbortSignal): Promise<Set<string>> {
  const response = await globalThis.fetch(new Request('/api/openapi.json', { signal }));
  if (!response.ok) throw new Error(`openapi.json: ${response.status}`);
  const spec: unknown = await response.json();
  const specPaths = (spec as { paths?: Record<string, Record<string, unknown>> } | null)?.paths;
  if (!specPaths || typeof specPaths !== 'object') throw new Error('openapi.json has no paths');
  const operations = new Set<string>();
  for (const [path, item] of Object.entries(specPaths)) {
    for (const method of Object.keys(item ?? {})) operations.add(`${method.toLowerCase()} ${path}`);
  }
  return operations;
}

/**
 * Whether the server documents an endpoint that is still being built in parallel. Asking the
 * spec first (once per session) keeps the SPA from calling a missing endpoint, which browsers
 * log as a console error; when the spec cannot be read, callers try and treat a 404 as missing.
 */
export function useEndpointAvailability(path: PendingPath, method: Method): Availability {
  const operations = useQuery({
    queryKey: ['openapi', 'operations'],
    queryFn: ({ signal }) => fetchDocumentedOperations(signal),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
  if (operations.isPending) return 'checking';
  if (!operations.data) return 'unknown';
  return operations.data.has(`${method} ${path}`) ? 'available' : 'missing';
}
