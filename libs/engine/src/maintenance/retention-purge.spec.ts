import { RetentionPurge, type RetentionPurgeReport, scheduleRetentionPurge } from './retention-purge';

const report = (more = false): RetentionPurgeReport => ({ cutoff: new Date(0), runs: 1, steps: 0, approvals: 0, more });

describe('retention purge schedule', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('computes the cutoff from RUN_RETENTION_DAYS, and 0 disables it', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(new RetentionPurge({} as never, { retentionDays: 90 }).cutoffFor(now)).toEqual(
      new Date('2026-03-03T00:00:00Z'),
    );
    expect(new RetentionPurge({} as never, { retentionDays: 0 }).cutoffFor(now)).toBeNull();
  });

  it('runs after the initial delay, then every interval, never overlapping, and stops', async () => {
    let release: (() => void) | null = null;
    const calls: Date[] = [];
    const purge = {
      purge: jest.fn((now: Date) => {
        calls.push(now);
        return new Promise<RetentionPurgeReport | null>((resolve) => {
          release = () => resolve(report());
        });
      }),
    };
    const reports: RetentionPurgeReport[] = [];
    const schedule = scheduleRetentionPurge(purge, {
      initialDelayMs: 1000,
      intervalMs: 10_000,
      onReport: (r) => reports.push(r),
    });

    await jest.advanceTimersByTimeAsync(999);
    expect(purge.purge).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(purge.purge).toHaveBeenCalledTimes(1);
    // Still running at the next tick: that tick is skipped.
    await jest.advanceTimersByTimeAsync(10_000);
    expect(purge.purge).toHaveBeenCalledTimes(1);
    release!();
    await jest.advanceTimersByTimeAsync(0);
    expect(reports).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(purge.purge).toHaveBeenCalledTimes(2);
    release!();
    schedule.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(purge.purge).toHaveBeenCalledTimes(2);
  });

  it('continues a backlog soon, and survives errors', async () => {
    const outcomes: (() => Promise<RetentionPurgeReport | null>)[] = [
      () => Promise.resolve(report(true)),
      () => Promise.reject(new Error('db down')),
      () => Promise.resolve(report()),
    ];
    const purge = { purge: jest.fn(() => outcomes.shift()!()) };
    const errors: unknown[] = [];
    const schedule = scheduleRetentionPurge(purge, {
      initialDelayMs: 0,
      intervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(purge.purge).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1000); // `more`: the next pass follows a second later
    expect(purge.purge).toHaveBeenCalledTimes(2);
    expect(errors).toEqual([new Error('db down')]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(purge.purge).toHaveBeenCalledTimes(3);
    schedule.stop();
  });
});
