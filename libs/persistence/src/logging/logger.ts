import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';
import { PINO_REDACT_PATHS, REDACTED, redactSecrets, scrubSecretText } from './redaction';

export type LogFormat = 'json' | 'pretty';
export type AppLogger = Logger;

export interface LoggerConfig {
  /** `json` (one object per line, for production and log shippers) or `pretty` (plain lines for a terminal). */
  format: LogFormat;
  level: Level | 'silent';
}

/** Where log lines go: anything with `write(line)` (stdout by default; tests pass a collector). */
export interface LogSink {
  write(line: string): unknown;
}

export interface CreateLoggerOptions extends Partial<LoggerConfig> {
  /** `service` field of every line (`api`, `worker`, `cli`). */
  service?: string;
  destination?: LogSink;
}

const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * From the environment: JSON when `NODE_ENV=production` or `LOG_FORMAT=json`, plain lines otherwise
 * (`LOG_FORMAT=pretty` forces them); `LOG_LEVEL` (default `info`).
 */
export function loggerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LoggerConfig {
  const explicit = env.LOG_FORMAT?.trim().toLowerCase();
  const format: LogFormat =
    explicit === 'json' || explicit === 'pretty' ? explicit : env.NODE_ENV === 'production' ? 'json' : 'pretty';
  const wanted = env.LOG_LEVEL?.trim().toLowerCase();
  const level = (wanted && LEVELS.includes(wanted) ? wanted : 'info') as LoggerConfig['level'];
  return { format, level };
}

/** pino options shared by every logger of the system: redaction (paths, keys at any depth, secret-looking text). */
export function loggerOptions(level: LoggerConfig['level'], service?: string): LoggerOptions {
  return {
    level,
    base: service ? { service } : {},
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: PINO_REDACT_PATHS, censor: REDACTED },
    // Errors are already turned into redacted `{type, message, stack}` by `formatters.log`.
    serializers: { err: (value: unknown) => value },
    formatters: {
      level: (label) => ({ level: label }),
      bindings: (bindings) => redactSecrets(bindings),
      log: (object) => redactSecrets(object),
    },
    hooks: {
      // The message and its interpolation arguments are scrubbed too (`log(obj, msg)` / `log(msg, ...args)`).
      logMethod(args, method) {
        const scrubbed = (args as unknown[]).map((arg) => (typeof arg === 'string' ? scrubSecretText(arg) : arg));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
}

/** The application logger (pino) with redaction; JSON or plain lines as configured. */
export function createLogger(options: CreateLoggerOptions = {}): AppLogger {
  const fromEnv = loggerConfigFromEnv();
  const format = options.format ?? fromEnv.format;
  const level = options.level ?? fromEnv.level;
  const sink = options.destination;
  let destination: DestinationStream;
  if (format === 'json')
    destination = sink ? { write: (line: string) => void sink.write(line) } : pino.destination({ dest: 1, sync: true });
  else destination = { write: (line: string) => void (sink ?? process.stdout).write(prettyLine(line)) };
  return pino(loggerOptions(level, options.service), destination);
}

const PRETTY_OMIT = new Set(['level', 'time', 'msg', 'service', 'context', 'pid', 'hostname']);

/** One JSON log line as `HH:MM:SS.mmm LEVEL [context] message key=value …` (already redacted). */
export function prettyLine(jsonLine: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine.endsWith('\n') ? jsonLine : `${jsonLine}\n`;
  }
  const time = typeof record.time === 'string' ? record.time.slice(11, 23) : new Date().toISOString().slice(11, 23);
  const level = String(record.level ?? 'info')
    .toUpperCase()
    .padEnd(5);
  const context = record.context ? ` [${String(record.context)}]` : '';
  const extras = Object.entries(record)
    .filter(([key]) => !PRETTY_OMIT.has(key))
    .map(([key, value]) => {
      if (key === 'err' && value && typeof value === 'object' && 'stack' in value)
        return `\n${String((value as { stack: unknown }).stack)}`;
      return ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
    })
    .join('');
  return `${time} ${level}${context} ${String(record.msg ?? '')}${extras}\n`;
}
