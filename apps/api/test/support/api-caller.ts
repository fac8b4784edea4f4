import { bearer, TestApi } from './test-api';

export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * `call(method, path, token, body?)`: a request to `/api/v1<path>` with the token as bearer and the body, when given,
 * as JSON. Takes a getter because specs start their test API in `beforeAll`, after the describe body has run.
 */
export function apiCaller(apiOf: () => TestApi) {
  return (method: ApiMethod, path: string, token: string, body?: object) => {
    const request = apiOf().http()[method](`/api/v1${path}`).set(bearer(token));
    return body ? request.send(body) : request;
  };
}
