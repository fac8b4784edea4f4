import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { tokenStore } from '../auth/tokenStore';

const LOGIN_PATH = '/api/v1/auth/login';

/**
 * Adds `Authorization: Bearer <token>` and ends the session when the API answers 401
 * to that token (expired or revoked). A 401 from the login call itself only means
 * wrong credentials, and a 401 to an older token must not sign out a newer session.
 */
export const authMiddleware: Middleware = {
  onRequest({ request, schemaPath }) {
    const token = tokenStore.get();
    if (token && schemaPath !== LOGIN_PATH) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response, schemaPath }) {
    if (response.status !== 401 || schemaPath === LOGIN_PATH) return undefined;
    const token = tokenStore.get();
    if (token && request.headers.get('Authorization') === `Bearer ${token}`) tokenStore.clear();
    return undefined;
  },
};

export function createApiClient<Paths extends object = paths>(baseUrl = '') {
  const client = createClient<Paths>({
    baseUrl,
    // Look fetch up per call rather than capturing it once, so it can be swapped (tests).
    fetch: (request) => globalThis.fetch(request),
  });
  client.use(authMiddleware);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient<paths>>;

/** The app's API client; same origin (the dev server proxies /api to the API). */
export const api: ApiClient = createApiClient();
