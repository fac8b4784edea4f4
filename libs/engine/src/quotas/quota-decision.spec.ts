import { DEFAULT_MAX_RUNS_PER_MINUTE, deferralDelayMs, maxRunsPerMinuteOf } from './quota-decision';

describe('quota decisions', () => {
  it('reads the agency quota, falling back to 600 for missing or invalid values', () => {
    expect(DEFAULT_MAX_RUNS_PER_MINUTE).toBe(600);
    expect(maxRunsPerMinuteOf({ maxRunsPerMinute: 5 })).toBe(5);
    for (const settings of [
      undefined,
      null,
      {},
      { maxRunsPerMinute: 0 },
      { maxRunsPerMinute: -3 },
      { maxRunsPerMinute: 2.5 },
      { maxRunsPerMinute: '10' },
    ]) {
      expect(maxRunsPerMinuteOf(settings as never)).toBe(600);
    }
    expect(maxRunsPerMinuteOf({}, 42)).toBe(42);
  });

  it('defers to the end of the window, never earlier, plus at most the jitter', () => {
    const window = { consumed: 6, points: 5, msBeforeNext: 1234 };
    expect(deferralDelayMs(window, 60_000, 1000, 0)).toBe(1234);
    expect(deferralDelayMs(window, 60_000, 1000, 0.999)).toBe(1234 + 999);
    expect(deferralDelayMs(window, 60_000, 1000, 5)).toBe(1234 + 1000); // jitter clamped
    expect(deferralDelayMs({ ...window, msBeforeNext: -5 }, 60_000, 0, 0.5)).toBe(0);
  });

  it('spreads a burst over the windows it needs instead of waking it all at every boundary', () => {
    // Quota 5: attempts 6..10 fit the next window, 11..15 the one after, 16 the third.
    const delays = [6, 10, 11, 15, 16].map((consumed) =>
      deferralDelayMs({ consumed, points: 5, msBeforeNext: 500 }, 2000, 0, 0),
    );
    expect(delays).toEqual([500, 500, 2500, 2500, 4500]);
  });
});
