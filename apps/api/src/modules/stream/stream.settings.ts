/** Tunables of the live stream. `STREAM_PING_SECONDS` (default 20); tests shorten the ping through this provider. */
export class StreamSettings {
  pingIntervalMs: number;
  /** Longest a new stream waits for this process's channel subscription before it says `connected` anyway. */
  subscribeWaitMs = 2000;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const raw = env.STREAM_PING_SECONDS;
    const seconds = raw === undefined || raw === '' ? 20 : Number(raw);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new Error(`STREAM_PING_SECONDS must be a positive number, got "${raw}"`);
    this.pingIntervalMs = seconds * 1000;
  }
}
