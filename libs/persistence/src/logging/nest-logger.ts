import type { Level } from 'pino';
import type { AppLogger } from './logger';

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

const PINO_LEVEL: Record<NestLevel, Level> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

const STACK_LIKE = /^.*\n\s+at .+/s;

/**
 * Nest's LoggerService on top of the application's pino logger, so framework and application logs
 * are one stream of (redacted) JSON lines. Structurally a `LoggerService` (no Nest import here):
 * pass it as `logger` to `NestFactory.create` / `createApplicationContext`.
 *
 * Nest calls `log(message, context)`, `error(message, stack?, context)`; a trailing string is the
 * context, a stack-looking string before it is the stack. Messages may be strings, errors or objects.
 */
export class NestPinoLogger {
  private enabled: Set<NestLevel> | null = null;

  constructor(private readonly logger: AppLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest's `logger: ['error', 'warn', 'log']` style filtering. */
  setLogLevels(levels: string[]): void {
    this.enabled = new Set(levels as NestLevel[]);
  }

  private write(level: NestLevel, message: unknown, params: unknown[]): void {
    if (this.enabled && !this.enabled.has(level)) return;
    const rest = [...params];
    while (rest.length > 0 && rest[rest.length - 1] === undefined) rest.pop();
    let context: string | undefined;
    if (
      rest.length > 0 &&
      typeof rest[rest.length - 1] === 'string' &&
      !(level === 'error' && rest.length === 1 && STACK_LIKE.test(rest[0] as string))
    ) {
      context = rest.pop() as string;
    }
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof rest[0] === 'string' && STACK_LIKE.test(rest[0])) fields.stack = rest.shift();
    if (rest.length > 0) fields.params = rest;

    const log = this.logger[PINO_LEVEL[level]].bind(this.logger);
    if (message instanceof Error) {
      log({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      log({ ...fields, data: message });
    } else {
      log(fields, String(message));
    }
  }
}
