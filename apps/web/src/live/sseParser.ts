/** One dispatched server-sent event (comments and empty events are not messages). */
export interface SseMessage {
  /** `event:` field; `message` when absent. */
  event: string;
  /** `data:` lines joined with "\n". */
  data: string;
  /** `id:` field, when the event (or an earlier one) set it. */
  id?: string;
}

/**
 * Incremental parser of the `text/event-stream` format (WHATWG HTML, "Server-sent events"):
 * feed it decoded text chunks as they arrive, in any split, and get the complete events.
 * Lines end with CRLF, LF or CR; a blank line dispatches; `:` lines are comments.
 */
export class SseParser {
  private buffer = '';
  private started = false;
  /** A chunk ended with CR: a LF at the start of the next one belongs to the same line end. */
  private pendingCr = false;
  private eventType = '';
  private dataLines: string[] = [];
  private lastEventId: string | undefined;

  feed(chunk: string): SseMessage[] {
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer += text;

    const messages: SseMessage[] = [];
    let lineStart = 0;
    for (let index = 0; index < this.buffer.length; index += 1) {
      const char = this.buffer[index];
      if (char !== '\n' && char !== '\r') continue;
      const message = this.processLine(this.buffer.slice(lineStart, index));
      if (message) messages.push(message);
      if (char === '\r') {
        if (index + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer[index + 1] === '\n') index += 1;
      }
      lineStart = index + 1;
    }
    this.buffer = this.buffer.slice(lineStart);
    return messages;
  }

  private processLine(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      default:
        break; // `retry` and unknown fields: the caller has its own backoff
    }
    return null;
  }

  private dispatch(): SseMessage | null {
    const event = this.eventType || 'message';
    const hasData = this.dataLines.length > 0;
    const data = this.dataLines.join('\n');
    this.eventType = '';
    this.dataLines = [];
    if (!hasData) return null;
    return { event, data, ...(this.lastEventId !== undefined ? { id: this.lastEventId } : {}) };
  }
}
