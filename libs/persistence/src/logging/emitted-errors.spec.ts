import { EventEmitter } from 'node:events';
import { describeEmittedError, logEmittedErrors, RateLimitedErrorLog } from './emitted-errors';

function harness(windowMs = 10_000) {
  let clock = 1_000_000;
  const lines: { record: Record<string, unknown>; message: string }[] = [];
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const log = new RateLimitedErrorLog({
    windowMs,
    now: () => clock,
    logger: { warn: (record, message) => lines.push({ record, message }) },
    schedule: (run, delayMs) => {
      const timer = { at: clock + delayMs, run, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
  });
  const advance = (ms: number) => {
    clock += ms;
    for (const timer of timers.filter((t) => !t.cancelled && t.at <= clock)) {
      timer.cancelled = true;
      timer.run();
    }
  };
  return { log, lines, advance, pendingTimers: () => timers.filter((t) => !t.cancelled).length };
}

describe('RateLimitedErrorLog', () => {
  it('logs the first error of a source at once, then one summary per window with the suppressed count', () => {
    const { log, lines, advance } = harness();
    log.report(
      'postgres',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    expect(lines).toEqual([
      {
        record: {
          source: 'postgres',
          err: { type: 'Error', message: 'terminating connection due to administrator command', code: '57P01' },
        },
        message: 'postgres: terminating connection due to administrator command',
      },
    ]);

    for (let i = 0; i < 50; i += 1) {
      advance(100);
      log.report('postgres', new Error(`Connection terminated unexpectedly ${i}`));
    }
    expect(lines).toHaveLength(1);
    advance(5_000); // the window (10 s from the first line) ends
    expect(lines).toHaveLength(2);
    expect(lines[1].record).toMatchObject({
      source: 'postgres',
      suppressed: 50,
      err: { message: 'Connection terminated unexpectedly 49' },
    });
    expect(lines[1].message).toBe(
      'postgres: 50 more error(s) in the last 10 s, last: Connection terminated unexpectedly 49',
    );
  });

  it('a steady stream gives one line per window; a quiet source logs its next error at once', () => {
    const { log, lines, advance, pendingTimers } = harness();
    for (let i = 0; i < 300; i += 1) {
      log.report('redis:quota', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
      advance(100); // 30 s of errors, 10 per second
    }
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.length).toBeLessThanOrEqual(4);
    advance(20_000);
    const total = lines.reduce((sum, line) => sum + ((line.record.suppressed as number | undefined) ?? 1), 0);
    expect(total).toBe(300); // every error is either a line or counted in a summary
    expect(pendingTimers()).toBe(0);

    const before = lines.length;
    log.report('redis:quota', new Error('back again'));
    expect(lines).toHaveLength(before + 1);
    expect(lines.at(-1)!.message).toBe('redis:quota: back again');
  });

  it('limits each source on its own', () => {
    const { log, lines } = harness();
    log.report('postgres', new Error('a'));
    log.report('redis:live', new Error('b'));
    log.report('postgres', new Error('c'));
    log.report('bullmq:worker:runs', new Error('d'));
    expect(lines.map((l) => l.message)).toEqual(['postgres: a', 'redis:live: b', 'bullmq:worker:runs: d']);
  });

  it('redacts secrets in messages (connection strings, tokens)', () => {
    const { log, lines } = harness();
    log.report('redis', new Error('connect failed for redis://:hunter2-secret@cache.internal:6379/0'));
    log.report('slack', new Error('invalid_auth for xoxb-1234-5678-abcdefghijkl'));
    const text = JSON.stringify(lines);
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('abcdefghijkl');
    expect(describeEmittedError('postgres://app:pa55word-long@db/x').message).not.toContain('pa55word-long');
  });

  it('never throws into the emitter, whatever the error or the sink', () => {
    const log = new RateLimitedErrorLog({
      logger: {
        warn: () => {
          throw new Error('sink down');
        },
      },
    });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => log.report('x', circular)).not.toThrow();
    expect(() => log.report('y', undefined)).not.toThrow();
    expect(() => log.report('z', { message: 42, code: { nested: true } })).not.toThrow();
  });

  it('logEmittedErrors keeps an emitter alive and logs what it emits', () => {
    const { log, lines } = harness();
    const emitter = logEmittedErrors(new EventEmitter(), 'socket', log);
    expect(() => emitter.emit('error', new Error('ECONNRESET'))).not.toThrow();
    expect(lines.map((l) => l.message)).toEqual(['socket: ECONNRESET']);
  });
});
