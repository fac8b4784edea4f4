import { actionCatalog, triggerCatalog } from '@automations/domain';
import type { Role } from '../api/types';
import { jsonResponse, stubFetch, type Handler } from './fetchStub';
import { agency, me, workflowPage } from './fixtures';

/** The type catalogs exactly as the API serves them (they come from the same domain library). */
export const triggerTypes = JSON.parse(JSON.stringify({ items: triggerCatalog }));
export const actionTypes = JSON.parse(JSON.stringify({ items: actionCatalog }));

/**
 * Stubs the endpoints every signed-in screen calls (agency, who am I, the type catalogs, an
 * empty automation list), plus `handlers`, which win. Unknown routes answer 404, like the
 * analytics and preview endpoints on a server that does not have them.
 */
export function stubApp(handlers: Record<string, Handler> = {}, role: Role = 'manager') {
  return stubFetch({
    'GET /api/v1/agency': () => jsonResponse(200, agency),
    'GET /api/v1/auth/me': () => jsonResponse(200, me(role)),
    'GET /api/v1/workflows': () => jsonResponse(200, workflowPage([])),
    'GET /api/v1/workflows/triggers/types': () => jsonResponse(200, triggerTypes),
    'GET /api/v1/workflows/actions/types': () => jsonResponse(200, actionTypes),
    ...handlers,
  });
}

/** The pathname of a request, to tell the list call from e.g. `/workflows/analytics`. */
export const pathOf = (request: Request) => new URL(request.url).pathname;
