// Facts read from the database on a hot path (a service's chat settings, checked by every message),
// kept in memory. Once an entry is older than `maxAgeMs` it is still answered at once while one read
// refreshes it in the background; only a key never read (or forgotten) waits for the database, and
// callers asking for it at the same time share that one read. Without this, every message arriving
// after the entries expired queued its own read, and 1,000 messages a second waited ~2 s for a
// connection (bench:chat, session 10). `forget` is for changes this process makes or hears of: the
// next caller reads again, and a read started before the forget does not put its old answer back.

export class RefreshingCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: V }>();
  private readonly reads = new Map<K, Promise<V>>();
  private readonly generation = new Map<K, number>();

  constructor(
    private readonly load: (key: K) => Promise<V>,
    private readonly maxAgeMs: number,
    private readonly now: () => number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async get(key: K): Promise<V> {
    const cached = this.entries.get(key);
    if (!cached) return this.read(key);
    if (this.now() - cached.at >= this.maxAgeMs) this.read(key).catch(this.onError);
    return cached.value;
  }

  forget(key: K): void {
    this.entries.delete(key);
    this.reads.delete(key);
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
  }

  private read(key: K): Promise<V> {
    const inFlight = this.reads.get(key);
    if (inFlight) return inFlight;
    const gen = this.generation.get(key) ?? 0;
    const read = this.load(key).then(
      (value) => {
        if ((this.generation.get(key) ?? 0) === gen) this.entries.set(key, { at: this.now(), value });
        if (this.reads.get(key) === read) this.reads.delete(key);
        return value;
      },
      (err: unknown) => {
        if (this.reads.get(key) === read) this.reads.delete(key);
        throw err;
      },
    );
    this.reads.set(key, read);
    return read;
  }
}
