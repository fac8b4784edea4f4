/** Runs per minute an agency may start when its settings name no quota (PRODUCT.md §5). */
export const DEFAULT_MAX_RUNS_PER_MINUTE = 600;

/** The agency's quota from its settings: a positive integer, else the default. */
export function maxRunsPerMinuteOf(
  settings: { maxRunsPerMinute?: unknown } | null | undefined,
  fallback = DEFAULT_MAX_RUNS_PER_MINUTE,
): number {
  const value = settings?.maxRunsPerMinute;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;
}

export interface WindowCount {
  /** Admission attempts counted in the current window, this one included (refused ones count too). */
  consumed: number;
  /** The quota: attempts beyond it in one window are refused. */
  points: number;
  /** Time left in the current window. */
  msBeforeNext: number;
}

/**
 * When a refused run should try again. Fixed windows: the attempt that is `overflow` past the quota
 * would be admitted, at the earliest, `floor((overflow - 1) / points)` windows after the current one
 * ends (earlier refused attempts are ahead of it) — so a burst of N × quota runs is spread over N
 * windows instead of the whole backlog waking at every window boundary. A small random spread (`jitter`
 * in [0, 1) × `jitterMs`) avoids a thundering herd at the boundary. Never earlier than the window end.
 */
export function deferralDelayMs(
  { consumed, points, msBeforeNext }: WindowCount,
  windowMs: number,
  jitterMs: number,
  jitter: number,
): number {
  const overflow = Math.max(1, consumed - points);
  const windowsAhead = Math.floor((overflow - 1) / points);
  return (
    Math.max(0, msBeforeNext) +
    windowsAhead * windowMs +
    Math.floor(Math.max(0, Math.min(1, jitter)) * Math.max(0, jitterMs))
  );
}
