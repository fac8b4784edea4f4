const BASE_MS = 1_000;
const MAX_MS = 30_000;

/**
 * Delay before reconnect attempt `attempt` (0 = first retry): 1 s, 2 s, 4 s … capped at 30 s,
 * ±20 % jitter so tabs that lost the server together do not come back in lockstep.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
