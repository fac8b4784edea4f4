import { createApiClient } from './client';

/**
 * Endpoints of the contract (PRODUCT.md §6) that the generated `schema.d.ts` does not describe
 * yet: they are being built in parallel. Only routing is declared here — every body is
 * `unknown` and read defensively by its parser — so no API shape is written by hand. When
 * `npm run openapi:types` picks them up, call them through `api` and drop them from here.
 */
interface UnknownJson {
  content: { 'application/json': unknown };
}

interface PendingPaths {
  '/api/v1/workflows/analytics': {
    get: {
      parameters: { query?: { from?: string; to?: string; workflowId?: string } };
      responses: { 200: UnknownJson; default: UnknownJson };
    };
  };
  '/api/v1/workflows/test': {
    post: {
      requestBody: UnknownJson;
      responses: { 200: UnknownJson; 201: UnknownJson; default: UnknownJson };
    };
  };
}

export type PendingPath = keyof PendingPaths;

/** Same origin, same auth middleware as `api`. */
export const pendingApi = createApiClient<PendingPaths>();
