import type { RunStatus } from '@automations/domain';

/** A run in one of these never changes again (PRODUCT.md §5: terminal states are never overwritten). */
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'skipped', 'cancelled', 'rejected'];

/** Runs the reconciler keeps moving. */
export const MOVING_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'waiting'];
