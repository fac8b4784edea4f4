import { reconnectDelay } from './backoff';
import type { LiveStatus } from './liveStatus';
import { SseParser, type SseMessage } from './sseParser';

export interface LiveConnectionOptions {
  url: string;
  token: string;
  onMessage: (message: SseMessage) => void;
  onStatus: (status: LiveStatus) => void;
  /** The server pings every 20 s; this long without a byte means the connection is dead. */
  silenceTimeoutMs?: number;
}

/** Answers that mean "no stream here for you": stop instead of hammering the server. */
const GIVE_UP_STATUSES = new Set([401, 403, 404, 405, 501]);

/**
 * One server-sent-events connection with `Authorization: Bearer` (which EventSource cannot send),
 * so it reads the body of a `fetch` as a stream. Reconnects with backoff on network errors, 5xx,
 * a closed stream or silence; gives up quietly when the server has no stream.
 */
export class LiveConnection {
  private controller: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private stopped = false;

  constructor(private readonly options: LiveConnectionOptions) {}

  start(): void {
    this.stopped = false;
    this.options.onStatus('connecting');
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    this.controller?.abort();
    this.controller = null;
  }

  private async connect(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    let response: Response;
    try {
      response = await globalThis.fetch(
        new Request(this.options.url, {
          headers: { Authorization: `Bearer ${this.options.token}`, Accept: 'text/event-stream' },
          signal: controller.signal,
          cache: 'no-store',
        }),
      );
    } catch {
      this.retryLater(controller);
      return;
    }
    if (this.stopped || controller.signal.aborted) return;
    if (GIVE_UP_STATUSES.has(response.status)) {
      void response.body?.cancel().catch(() => undefined);
      this.options.onStatus('unavailable');
      return;
    }
    if (!response.ok || !response.body) {
      void response.body?.cancel().catch(() => undefined);
      this.retryLater(controller);
      return;
    }

    this.attempt = 0;
    this.options.onStatus('live');
    await this.read(response.body, controller);
    this.retryLater(controller);
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    this.armSilenceTimer(controller);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.armSilenceTimer(controller);
        for (const message of parser.feed(decoder.decode(value, { stream: true }))) this.options.onMessage(message);
      }
    } catch {
      // aborted, or the connection broke: the caller reconnects unless stopped
    } finally {
      clearTimeout(this.silenceTimer);
    }
  }

  private armSilenceTimer(controller: AbortController): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => controller.abort(), this.options.silenceTimeoutMs ?? 45_000);
  }

  private retryLater(controller: AbortController): void {
    if (this.stopped || this.controller !== controller) return;
    this.options.onStatus('reconnecting');
    const delay = reconnectDelay(this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
