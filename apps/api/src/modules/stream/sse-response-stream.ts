import type { ServerResponse } from 'node:http';
import { sseCommentFrame } from './sse-frames';
import type { LiveStream } from './live-stream-registry';

/** A client that has not read this much of its stream is too slow: it is dropped (it reconnects and refetches). */
const MAX_UNREAD_BYTES = 1024 * 1024;

/** One SSE response: frames written to the raw Node response, a ping comment every `pingIntervalMs`. */
export class SseResponseStream implements LiveStream {
  private readonly ping: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly response: ServerResponse,
    pingIntervalMs: number,
  ) {
    this.ping = setInterval(() => this.send(sseCommentFrame('ping')), pingIntervalMs);
    this.ping.unref();
    response.once('close', () => this.stop());
  }

  /** Called once the stream ends, whoever ended it (client, server, shutdown). */
  onClose(listener: () => void): void {
    this.response.once('close', listener);
  }

  send(frame: string): void {
    if (this.closed || this.response.writableEnded || this.response.destroyed) return;
    if (this.response.writableLength > MAX_UNREAD_BYTES) return this.close();
    this.response.write(frame);
  }

  close(): void {
    this.stop();
    if (!this.response.writableEnded) this.response.end();
  }

  private stop(): void {
    this.closed = true;
    clearInterval(this.ping);
  }
}
