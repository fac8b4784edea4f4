import { useQuery } from '@tanstack/react-query';

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

/** An API path as the OpenAPI spec names it (`/api/v1/stream`, `/api/v1/workflows/{id}`). */
export type DocumentedPath = `/api/${string}`;

/**
 * Whether the server documents an endpoint (e.g. one that older servers lack). Asking the
 * spec first (once per session) keeps the SPA from calling a missing endpoint, which browsers
 * log as a console error; when the spec cannot be read, callers try and treat a 404 as missing.
 */
export function useEndpointAvailability(path: DocumentedPath, method: Method): Availability {
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
