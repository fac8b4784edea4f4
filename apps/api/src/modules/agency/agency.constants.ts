/** Runs per minute an agency may start when its settings name no quota (PRODUCT.md §5). */
export const DEFAULT_MAX_RUNS_PER_MINUTE = 600;
export const MAX_RUNS_PER_MINUTE_LIMIT = 100_000;
