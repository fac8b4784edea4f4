/**
 * Group commit of `POST /events` (issue 15). `INGEST_GROUP_WAIT_MS` (default 2, 0 allowed): how long an idle
 * batcher waits for more requests before writing; `INGEST_GROUP_MAX_EVENTS` (default 2000): events per group.
 */
export class EventIngestSettings {
  readonly waitMs: number;
  readonly maxEvents: number;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.waitMs = EventIngestSettings.read(env, 'INGEST_GROUP_WAIT_MS', 2, 0);
    this.maxEvents = EventIngestSettings.read(env, 'INGEST_GROUP_MAX_EVENTS', 2000, 1);
  }

  private static read(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min)
      throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`);
    return value;
  }
}
