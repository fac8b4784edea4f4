import type { RunStatus } from '@automations/domain';
import { CANCELLABLE_RUN_STATUSES } from './parked-runs';
import { TERMINAL_RUN_STATUSES } from './run-statuses';

/** The two bulk operations on runs (PRODUCT.md §8.5). */
export type BulkRunAction = 'retry' | 'cancel';

/** Why a run named in a bulk operation was left alone. */
export type BulkSkipReason = 'not_found' | 'not_failed' | 'purged' | 'already_finished' | 'running';

/** Run ids one call may name. */
export const MAX_BULK_RUN_IDS = 1000;
/** Runs decided per transaction (cancel) or per status look-up (retry), so 1,000 runs never hold one long transaction. */
export const BULK_RUN_CHUNK_SIZE = 100;
/** Runs a filter selects at most in one call (keyset pages of one chunk); repeating the call takes the next ones. */
export const MAX_BULK_FILTER_RUNS = 10_000;

/** The statuses each action applies to: retry to failed runs, cancel to runs not started or parked. */
export const BULK_ACTION_STATUSES: Readonly<Record<BulkRunAction, readonly RunStatus[]>> = {
  retry: ['failed'],
  cancel: CANCELLABLE_RUN_STATUSES,
};

/**
 * Whether the action applies to a run in this status (`null`: no such run in the agency — another agency's run
 * counts the same, never revealed): `'act'`, or the reason it is skipped.
 */
export function bulkRunDecision(action: BulkRunAction, status: RunStatus | null): 'act' | BulkSkipReason {
  if (status === null) return 'not_found';
  if (BULK_ACTION_STATUSES[action].includes(status)) return 'act';
  if (action === 'retry') return 'not_failed';
  if (TERMINAL_RUN_STATUSES.includes(status)) return 'already_finished';
  return 'running';
}

/** `items` in consecutive chunks of at most `size` (the last one shorter), in order. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer (got ${size})`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
