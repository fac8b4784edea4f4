/** Codes of failures worth another attempt: the remote side or the database may answer later. */
export type TransientActionErrorCode =
  | 'database_unavailable'
  /** Serialization failure or deadlock: retried within moments, not after the backoff. */
  | 'database_conflict'
  | 'slack_rate_limited'
  | 'slack_unavailable'
  | 'smtp_unavailable'
  | 'ai_unavailable';

/** Codes of failures another attempt would repeat: the step fails at once. */
export type PermanentActionErrorCode =
  | 'permission_denied'
  | 'client_not_found'
  | 'invalid_recipients'
  | 'integration_missing'
  | 'integration_invalid'
  | 'integration_auth_failed'
  | 'slack_rejected'
  | 'smtp_rejected'
  | 'ai_rejected'
  | 'outbound_address_refused'
  | 'internal_error';

/** The `code` of a failed step's error (stored with the step, shown in the run timeline, read by the SPA). */
export type ActionErrorCode = TransientActionErrorCode | PermanentActionErrorCode;

/**
 * How a step failure is classified (PRODUCT.md §5): transient errors (network, 5xx, 429, lost database
 * connection) are retried with backoff; permanent ones (validation, 4xx, missing integration,
 * permission) fail the step at once.
 */
export abstract class ActionError extends Error {
  abstract readonly transient: boolean;

  constructor(
    readonly code: ActionErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      transient: this.transient,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export class TransientActionError extends ActionError {
  readonly transient = true;
  declare readonly code: TransientActionErrorCode;

  /** `retryAfterMs`: when the remote side said how long to wait (e.g. HTTP 429 Retry-After). */
  constructor(
    code: TransientActionErrorCode,
    message: string,
    details?: Record<string, unknown>,
    readonly retryAfterMs?: number,
  ) {
    super(code, message, details);
  }
}

export class PermanentActionError extends ActionError {
  readonly transient = false;
  declare readonly code: PermanentActionErrorCode;

  constructor(code: PermanentActionErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
