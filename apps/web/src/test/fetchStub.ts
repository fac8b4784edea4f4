import { vi } from 'vitest';

export type Handler = (request: Request) => Response | Promise<Response>;

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function errorResponse(status: number, error: string, message: string): Response {
  return jsonResponse(status, { statusCode: status, error, message });
}

/**
 * Replaces global fetch with a router keyed by "METHOD /path" (no query string).
 * Unknown routes answer 404. Returns the mock; `requests` lists every Request seen.
 */
export function stubFetch(handlers: Record<string, Handler>) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = handlers[key];
    return handler ? handler(request) : errorResponse(404, 'Not Found', `No stub for ${key}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests };
}
