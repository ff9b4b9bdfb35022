export interface GroupCommitOptions<T> {
  /** Most items one flush takes. */
  maxBatch: number;
  /** Flushes in flight at once; while all are busy, new items wait and join the next batch. */
  maxConcurrent: number;
  /** Items sharing a key never go into one batch (a statement may not touch one row twice). */
  conflictKeys?: (item: T) => readonly string[];
  /**
   * Errors every item would meet again alone (the database is unreachable): they fail the whole batch
   * at once, instead of one slow failure after another.
   */
  failsEveryItem?: (error: unknown) => boolean;
}

/** One result per item, in the order the items were given. */
export type Flush<T, R> = (items: T[]) => Promise<R[]>;

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: callers submit one item each and await its result, while concurrent submissions
 * share one flush (one statement, one commit). Under light load a batch holds one item, so nobody
 * waits for company. When a batch fails, each of its items is flushed alone, so one bad item fails
 * only its own caller.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly flush: Flush<T, R>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every submitted item has settled. */
  drain(): Promise<void> {
    if (this.waiting.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxConcurrent || this.waiting.length === 0) return;
    this.scheduled = true;
    // Waiting one turn of the event loop lets the requests parsed in that turn join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startFlush();
    });
  }

  private startFlush(): void {
    if (this.inFlight >= this.options.maxConcurrent) return;
    const batch = this.takeBatch();
    if (batch.length === 0) return;
    this.inFlight++;
    void this.settle(batch).finally(() => {
      this.inFlight--;
      this.schedule();
      if (this.waiting.length === 0 && this.inFlight === 0) this.notifyIdle();
    });
    this.schedule();
  }

  private takeBatch(): Waiting<T, R>[] {
    const batch: Waiting<T, R>[] = [];
    const later: Waiting<T, R>[] = [];
    const taken = new Set<string>();
    for (const entry of this.waiting) {
      const keys = batch.length < this.options.maxBatch ? (this.options.conflictKeys?.(entry.item) ?? []) : null;
      if (keys === null || keys.some((key) => taken.has(key))) {
        later.push(entry);
        continue;
      }
      for (const key of keys) taken.add(key);
      batch.push(entry);
    }
    this.waiting = later;
    return batch;
  }

  private async settle(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.flush(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => entry.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1 || this.options.failsEveryItem?.(error)) for (const entry of batch) entry.reject(error);
      else for (const entry of batch) await this.settle([entry]);
    }
  }

  private notifyIdle(): void {
    for (const resolve of this.idle) resolve();
    this.idle.clear();
  }
}
