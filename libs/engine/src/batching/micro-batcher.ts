export interface MicroBatcherOptions<I, O> {
  /** Handles one batch: one result, or an Error for that item alone, per item and in order. A throw fails the whole batch. */
  handle: (items: I[]) => Promise<(O | Error)[]>;
  /** Most items per batch. */
  maxBatch: number;
  /** How long the first item of a batch waits for company while no batch is in flight (0: next tick). */
  maxWaitMs: number;
  /** Batches handled at once; items that arrive meanwhile gather into the next one. */
  maxInFlight: number;
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: Error) => void;
}

/**
 * Group commit for callers that arrive one at a time (jobs, requests): `add` resolves when the batch its item went into
 * has been handled. While batches are in flight, new items gather and go together when one ends, so batches grow with
 * load and a lone item waits at most `maxWaitMs`.
 */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: MicroBatcherOptions<I, O>) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight >= this.options.maxInFlight) return;
    if (this.queue.length >= this.options.maxBatch) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0 || this.inFlight >= this.options.maxInFlight) return;
    const batch = this.queue.splice(0, this.options.maxBatch);
    this.inFlight += 1;
    void this.run(batch).finally(() => {
      this.inFlight -= 1;
      if (this.queue.length) this.flush();
    });
  }

  private async run(batch: Pending<I, O>[]): Promise<void> {
    try {
      const results = await this.options.handle(batch.map((pending) => pending.item));
      batch.forEach((pending, index) => {
        const result = results[index];
        if (result instanceof Error) pending.reject(result);
        else pending.resolve(result);
      });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const pending of batch) pending.reject(failure);
    }
  }
}
