import { statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';

/**
 * The worker's liveness signal (docker-compose healthcheck): every `intervalMs` the worker asks Postgres
 * (`SELECT 1` through its pool) and Redis (`PING`) and, only when both answer, rewrites `file`. A blocked event
 * loop, a starved pool or an unreachable Redis therefore stops the refresh, and `node dist/apps/worker/healthcheck.js`
 * fails once the file is older than `maxAgeMs`.
 */
export interface LivenessSettings {
  /** WORKER_LIVENESS_FILE (default `/tmp/worker-alive`). */
  file: string;
  /** WORKER_LIVENESS_SECONDS (default 10). */
  intervalMs: number;
  /** Age beyond which the worker counts as dead: 3 intervals, at least 30 s. */
  maxAgeMs: number;
}

export const DEFAULT_LIVENESS_FILE = '/tmp/worker-alive';
export const DEFAULT_LIVENESS_SECONDS = 10;

/** Empty variables (compose `${VAR:-}`) read as unset. */
export function livenessSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LivenessSettings {
  const raw = env.WORKER_LIVENESS_SECONDS;
  const seconds = raw === undefined || raw === '' ? DEFAULT_LIVENESS_SECONDS : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`WORKER_LIVENESS_SECONDS must be a positive number, got "${raw}"`);
  const intervalMs = Math.round(seconds * 1000);
  return {
    file: env.WORKER_LIVENESS_FILE || DEFAULT_LIVENESS_FILE,
    intervalMs,
    maxAgeMs: Math.max(30_000, 3 * intervalMs),
  };
}

/** Whether the liveness file exists and was refreshed within `maxAgeMs` of `now` (why not, otherwise). */
export function livenessFileAge(file: string, maxAgeMs: number, now = Date.now()): { fresh: boolean; reason: string } {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return { fresh: false, reason: `${file} does not exist (the worker has not passed a liveness check yet)` };
  }
  const age = now - mtimeMs;
  if (age > maxAgeMs)
    return {
      fresh: false,
      reason: `${file} is ${Math.round(age / 1000)} s old (limit ${Math.round(maxAgeMs / 1000)} s)`,
    };
  return { fresh: true, reason: `${file} is ${Math.max(0, Math.round(age / 1000))} s old` };
}

export interface LivenessProbe {
  name: string;
  check: () => Promise<unknown>;
}

export interface LivenessBeatOptions {
  file: string;
  intervalMs: number;
  probes: LivenessProbe[];
  /** Longest one probe may take before the beat counts as failed (default: the interval, at most 5 s). */
  timeoutMs?: number;
  /** Called once when beats start failing and once when they recover. */
  onChange?: (alive: boolean, reason: string) => void;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the probes on a timer and refreshes the liveness file after each beat in which all of them answered. */
export class LivenessBeat {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<boolean> | null = null;
  private alive: boolean | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly options: LivenessBeatOptions) {
    this.timeoutMs = options.timeoutMs ?? Math.min(5000, options.intervalMs);
  }

  /** One beat: true when every probe answered and the file was rewritten. Overlapping calls share one beat. */
  beat(): Promise<boolean> {
    this.running ??= this.runBeat().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Removes a stale file of an earlier process, beats at once, then every interval. */
  async start(): Promise<void> {
    await rm(this.options.file, { force: true });
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.options.intervalMs);
  }

  /** Stops beating and removes the file: a stopping worker is not alive. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await rm(this.options.file, { force: true });
  }

  private async runBeat(): Promise<boolean> {
    try {
      for (const probe of this.options.probes) await withTimeout(probe.check(), this.timeoutMs, probe.name);
      await writeFile(this.options.file, `${new Date().toISOString()}\n`);
      this.report(true, 'all probes answered');
      return true;
    } catch (error) {
      this.report(false, (error as Error).message);
      return false;
    }
  }

  private report(alive: boolean, reason: string): void {
    if (this.alive === alive) return;
    this.alive = alive;
    this.options.onChange?.(alive, reason);
  }
}
