import { createParser, type EventSourceParser } from 'eventsource-parser';

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
 * Incremental parser of the `text/event-stream` format: feed it decoded text chunks as they
 * arrive, in any split, and get the complete events. The parsing is eventsource-parser's; this
 * adds what a browser `EventSource` would: the `message` default type and the last event id
 * carried over to later events. `retry` is ignored: the connection has its own backoff.
 */
export class SseParser {
  private readonly parser: EventSourceParser;
  private lastEventId: string | undefined;
  private dispatched: SseMessage[] = [];

  constructor() {
    this.parser = createParser({
      // Called for every block with an id, with or without data: the id persists, as in EventSource.
      onId: (id) => {
        this.lastEventId = id;
      },
      onEvent: ({ event, data }) => {
        this.dispatched.push({
          event: event || 'message',
          data,
          ...(this.lastEventId !== undefined ? { id: this.lastEventId } : {}),
        });
      },
    });
  }

  feed(chunk: string): SseMessage[] {
    this.parser.feed(chunk);
    const messages = this.dispatched;
    this.dispatched = [];
    return messages;
  }
}
