// Coalesces many small reads or writes into one database round trip. Under load every query costs a
// round trip that wakes a database backend (on a small machine that costs more than the query), so
// requests arriving while a batch is in flight wait and go together in the next one: at low load a
// request goes alone at once, at high load one query serves hundreds.

export interface BatcherOptions {
  /** Most batches in flight at once (the rest wait for one to finish). */
  maxInFlight?: number;
  /** Most keys in one batch. */
  maxBatch?: number;
}

interface Waiting<K, V> {
  key: K;
  resolve(value: V): void;
  reject(err: unknown): void;
}

export class Batcher<K, V> {
  private waiting: Waiting<K, V>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;

  /** `run` answers a batch of keys with one value per key, in the same order. */
  constructor(
    private readonly run: (keys: K[]) => Promise<V[]>,
    options: BatcherOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxBatch = options.maxBatch ?? 500;
  }

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      // Keys asked for in the same turn of the event loop go together.
      if (!this.scheduled) {
        this.scheduled = true;
        process.nextTick(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const taken = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      this.runBatch(taken)
        .catch(() => {})
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  private async runBatch(taken: Waiting<K, V>[]): Promise<void> {
    let values: V[];
    try {
      values = await this.run(taken.map((w) => w.key));
      if (values.length !== taken.length) throw new Error(`batch answered ${values.length} of ${taken.length} keys`);
    } catch (err) {
      for (const w of taken) w.reject(err);
      return;
    }
    taken.forEach((w, i) => w.resolve(values[i]!));
  }
}
