/** One open client connection that can take SSE frames. */
export interface LiveStream {
  send(frame: string): void;
  close(): void;
}

/**
 * The open streams of this API process by agency. An update goes to the streams of its own agency
 * only: this map is the tenant boundary of the live stream.
 */
export class LiveStreamRegistry {
  private readonly byAgency = new Map<string, Set<LiveStream>>();

  /** Registers a stream; the returned function unregisters it (idempotent). */
  add(agencyId: string, stream: LiveStream): () => void {
    let streams = this.byAgency.get(agencyId);
    if (!streams) this.byAgency.set(agencyId, (streams = new Set()));
    streams.add(stream);
    return () => this.remove(agencyId, stream);
  }

  /** Sends `frame` to every open stream of `agencyId` (and no other); returns how many got it. */
  dispatch(agencyId: string, frame: string): number {
    const streams = this.byAgency.get(agencyId);
    if (!streams) return 0;
    for (const stream of [...streams]) stream.send(frame);
    return streams.size;
  }

  /** Open streams of one agency, or of all. */
  count(agencyId?: string): number {
    if (agencyId !== undefined) return this.byAgency.get(agencyId)?.size ?? 0;
    let total = 0;
    for (const streams of this.byAgency.values()) total += streams.size;
    return total;
  }

  /** Ends every stream (application shutdown) and forgets them. */
  closeAll(): void {
    const all = [...this.byAgency.values()].flatMap((streams) => [...streams]);
    this.byAgency.clear();
    for (const stream of all) stream.close();
  }

  private remove(agencyId: string, stream: LiveStream): void {
    const streams = this.byAgency.get(agencyId);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) this.byAgency.delete(agencyId);
  }
}
