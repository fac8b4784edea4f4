import { createLogger } from './logger';
import { scrubSecretText } from './redaction';

/**
 * `error` events of connections (pg clients and pools, ioredis, BullMQ queues and workers, sockets).
 *
 * An EventEmitter that emits `error` with no listener throws it out of the socket callback and the
 * process dies, so every long-lived connection gets a listener. That listener must not swallow the
 * error either: it goes to the log, redacted (messages can carry connection strings) and rate-limited
 * per source (a dead Redis or a killed Postgres backend emits on every retry): the first error of a
 * source is logged at once, the next ones within `windowMs` are counted, and one line at the end of
 * the window says how many were suppressed and what the last one was.
 */

/** Where the lines go (a pino logger fits). */
export interface ErrorLogSink {
  warn(record: Record<string, unknown>, message: string): unknown;
}

export interface RateLimitedErrorLogOptions {
  /** The sink, or a factory called on the first line (default: the application logger, context `ConnectionErrors`). */
  logger?: ErrorLogSink | (() => ErrorLogSink);
  /** At most one line per source per window (default 10 s). */
  windowMs?: number;
  now?: () => number;
  /** Timers of the end-of-window summaries (tests pass fakes). Default: unref'd `setTimeout`. */
  schedule?: (callback: () => void, delayMs: number) => { cancel(): void };
}

interface SourceState {
  windowStart: number;
  suppressed: number;
  lastMessage: string;
  lastCode?: string;
  flush?: { cancel(): void };
}

/** The parts of an emitted error worth a log line: its class, code and message, secrets masked. */
export function describeEmittedError(error: unknown): { type: string; message: string; code?: string } {
  if (error && typeof error === 'object') {
    const record = error as { name?: unknown; message?: unknown; code?: unknown; constructor?: { name?: unknown } };
    const type =
      typeof record.constructor?.name === 'string' && record.constructor.name !== 'Object'
        ? record.constructor.name
        : typeof record.name === 'string'
          ? record.name
          : 'Error';
    const message = typeof record.message === 'string' ? record.message : safeString(error);
    const code = typeof record.code === 'string' || typeof record.code === 'number' ? String(record.code) : undefined;
    return { type, message: scrubSecretText(message), ...(code ? { code } : {}) };
  }
  return { type: typeof error, message: scrubSecretText(safeString(error)) };
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

const defaultSchedule = (callback: () => void, delayMs: number) => {
  const timer = setTimeout(callback, delayMs);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

export class RateLimitedErrorLog {
  private readonly sources = new Map<string, SourceState>();
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly schedule: NonNullable<RateLimitedErrorLogOptions['schedule']>;
  private sink: ErrorLogSink | null = null;
  private sinkFactory: () => ErrorLogSink;

  constructor(options: RateLimitedErrorLogOptions = {}) {
    this.windowMs = options.windowMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? defaultSchedule;
    const logger = options.logger;
    this.sinkFactory =
      typeof logger === 'function'
        ? logger
        : logger
          ? () => logger
          : () => createLogger().child({ context: 'ConnectionErrors' });
  }

  /** Sends the lines to this logger from now on (a process sets its own, with its `service`). */
  useLogger(logger: ErrorLogSink): void {
    this.sink = logger;
    this.sinkFactory = () => logger;
  }

  /** Records one emitted error of `source` (e.g. `postgres`, `redis:quota`, `bullmq:worker:runs`). Never throws. */
  report(source: string, error: unknown): void {
    try {
      const now = this.now();
      const { type, message, code } = describeEmittedError(error);
      const state = this.sources.get(source);
      if (state && now - state.windowStart < this.windowMs) {
        state.suppressed += 1;
        state.lastMessage = message;
        state.lastCode = code;
        state.flush ??= this.schedule(() => this.flush(source), Math.max(0, state.windowStart + this.windowMs - now));
        return;
      }
      state?.flush?.cancel();
      this.sources.set(source, { windowStart: now, suppressed: 0, lastMessage: message, lastCode: code });
      this.write({ source, err: { type, message, ...(code ? { code } : {}) } }, `${source}: ${message}`);
      if (this.sources.size > 1000) this.sources.delete(this.sources.keys().next().value as string);
    } catch {
      // Logging must never throw back into an emitter: that is the crash this module exists to prevent.
    }
  }

  /** Logs the pending suppressed counts now (e.g. at shutdown). */
  flushAll(): void {
    for (const source of [...this.sources.keys()]) this.flush(source);
  }

  private flush(source: string): void {
    const state = this.sources.get(source);
    if (!state) return;
    state.flush?.cancel();
    state.flush = undefined;
    if (state.suppressed === 0) return;
    const suppressed = state.suppressed;
    // The summary opens the next window: a steady stream of errors gives one line per window.
    state.windowStart = this.now();
    state.suppressed = 0;
    this.write(
      { source, suppressed, err: { message: state.lastMessage, ...(state.lastCode ? { code: state.lastCode } : {}) } },
      `${source}: ${suppressed} more error(s) in the last ${Math.round(this.windowMs / 1000)} s, last: ${state.lastMessage}`,
    );
  }

  private write(record: Record<string, unknown>, message: string): void {
    try {
      this.sink ??= this.sinkFactory();
      this.sink.warn(record, message);
    } catch {
      // A broken sink loses the line, not the process.
    }
  }
}

/** The process-wide log of emitted connection errors. */
export const emittedErrors = new RateLimitedErrorLog();

/** Anything with `on('error', listener)`: ioredis, BullMQ Queue/Worker/QueueEvents, pg Client/Pool, sockets. */
export interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Attaches a listener that logs (redacted, rate-limited) every `error` the emitter emits; returns the emitter. */
export function logEmittedErrors<T extends ErrorEmitter>(
  emitter: T,
  source: string,
  log: RateLimitedErrorLog = emittedErrors,
): T {
  emitter.on('error', (error: unknown) => log.report(source, error));
  return emitter;
}
