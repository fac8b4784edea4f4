import type { ErrorResponse } from './types';

/** A non-2xx answer from the API, carrying its `{statusCode, error, message, details?}` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorResponse | undefined;

  constructor(status: number, body: ErrorResponse | undefined) {
    super(messageOf(body) ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

function messageOf(body: ErrorResponse | undefined): string | undefined {
  const message: unknown = body?.message;
  if (typeof message === 'string' && message) return message;
  // Tolerate framework-default validation errors, whose message is a list.
  if (Array.isArray(message) && message.length > 0) return message.join('; ');
  return undefined;
}

function isErrorResponse(value: unknown): value is ErrorResponse {
  return typeof value === 'object' && value !== null && 'message' in value;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the response data of an openapi-fetch call, or throws an ApiError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) {
    throw new ApiError(response.status, isErrorResponse(error) ? error : undefined);
  }
  return data as T;
}

/** A sentence for the user, for any error a query or mutation may throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Could not reach the server. Check your connection and try again.';
}

/** Field errors of a 400 answer, keyed by API path (`steps[1].config.title`); empty otherwise. */
export function validationErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const errors: Record<string, string> = {};
  for (const detail of error.body?.details ?? []) {
    const path = detail.path ?? '';
    if (detail.message && !(path in errors)) errors[path] = detail.message;
  }
  return errors;
}
