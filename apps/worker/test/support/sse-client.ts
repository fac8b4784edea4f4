import { eventually } from '@automations/testing';

/** One parsed SSE block: a comment (`: text`) or an event with its data. */
export interface SseFrame {
  comment?: string;
  event?: string;
  data?: string;
}

/**
 * An SSE connection over real HTTP (Node's fetch), reading the body as it arrives and keeping every
 * frame in order — what a browser's EventSource would see.
 */
export class SseClient {
  readonly frames: SseFrame[] = [];
  /** True once the server ended the response (or the connection broke). */
  ended = false;
  private buffer = '';

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    const client = new SseClient(response, abort);
    if (response.ok && response.body) void client.pump(response.body);
    return client;
  }

  /** The events of one type, their data parsed as JSON. */
  events<T = Record<string, unknown>>(type?: string): { event: string; data: T }[] {
    return this.frames
      .filter((frame) => frame.event && (!type || frame.event === type))
      .map((frame) => ({ event: frame.event!, data: JSON.parse(frame.data ?? 'null') as T }));
  }

  comments(): string[] {
    return this.frames.flatMap((frame) => (frame.comment === undefined ? [] : [frame.comment]));
  }

  /** Waits until `probe` over the frames received so far answers something. */
  waitFor<T>(probe: (client: SseClient) => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
    return eventually(async () => probe(this), { timeoutMs, what });
  }

  /** Client-side disconnect (like closing the browser tab). */
  close(): void {
    this.abort.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        this.buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.frames.push(parseFrame(this.buffer.slice(0, end)));
          this.buffer = this.buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by close(), or the connection broke
    } finally {
      this.ended = true;
    }
  }
}

function parseFrame(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trimStart();
    else if (line.startsWith('event:')) frame.event = line.slice(6).trim();
    else if (line.startsWith('data:'))
      frame.data = (frame.data === undefined ? '' : `${frame.data}\n`) + line.slice(5).trimStart();
  }
  return frame;
}
