/**
 * How a step failure is classified (PRODUCT.md §5): transient errors (network, 5xx, 429, lost database
 * connection) are retried with backoff; permanent ones (validation, 4xx, missing integration,
 * permission) fail the step at once.
 */
export abstract class ActionError extends Error {
  abstract readonly transient: boolean;

  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, transient: this.transient, ...(this.details ? { details: this.details } : {}) };
  }
}

export class TransientActionError extends ActionError {
  readonly transient = true;

  /** `retryAfterMs`: when the remote side said how long to wait (e.g. HTTP 429 Retry-After). */
  constructor(code: string, message: string, details?: Record<string, unknown>, readonly retryAfterMs?: number) {
    super(code, message, details);
  }
}

export class PermanentActionError extends ActionError {
  readonly transient = false;
}
