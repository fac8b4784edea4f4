import { ActionError, PermanentActionError, TransientActionError } from '../errors/action-errors';

const TRANSIENT_PG_CODES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004']);
/** Serialization failure and deadlock: the other transaction has committed or gone by now, so retry promptly. */
const CONFLICT_PG_CODES = new Set(['40001', '40P01']);
const TRANSIENT_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** Every failure of a step is transient (retry with backoff) or permanent (fail now). */
export function classifyStepError(error: unknown): ActionError {
  if (error instanceof ActionError) return error;
  // A connection killed mid-transaction releases TypeORM's query runner: the next statement of that transaction says so.
  if (/^QueryRunner(Provider)?AlreadyReleasedError$/.test((error as Error)?.name ?? ''))
    return new TransientActionError('database_unavailable', (error as Error).message);
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? String(error);
  if (code && CONFLICT_PG_CODES.has(code)) return new TransientActionError('database_conflict', message);
  if (
    (code && (TRANSIENT_PG_CODES.has(code) || TRANSIENT_NODE_CODES.has(code))) ||
    /Connection terminated|connection.*(closed|lost)|not queryable|timeout/i.test(message)
  ) {
    return new TransientActionError('database_unavailable', message);
  }
  return new PermanentActionError('internal_error', message);
}

/** How long a step waits before its next attempt: moments after a database conflict, else exponential backoff. */
export function retryDelayMs(failure: ActionError, attempt: number, baseMs: number): number {
  if (failure.code === 'database_conflict') return Math.round(50 + Math.random() * 200 * attempt);
  return backoffDelayMs(attempt, baseMs, (failure as { retryAfterMs?: number }).retryAfterMs);
}

/** Exponential backoff with ±20 % jitter; a remote Retry-After wins when it is longer. */
export function backoffDelayMs(attempt: number, baseMs: number, retryAfterMs?: number): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  const jittered = exponential * (0.8 + Math.random() * 0.4);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
