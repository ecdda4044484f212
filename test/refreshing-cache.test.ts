// The cache of hot-path facts: old entries answered at once while one read refreshes them, one shared
// read for callers of a key not yet known, and a forget that an older read cannot undo.
import { describe, expect, it } from 'vitest';
import { RefreshingCache } from '../src/db/refreshingCache.js';

/** A load function whose reads the test answers by hand. */
function controlled() {
  const reads: { key: string; answer(v: string): void; fail(err: Error): void }[] = [];
  const load = (key: string) =>
    new Promise<string>((resolve, reject) => {
      reads.push({ key, answer: resolve, fail: reject });
    });
  return { reads, load };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('RefreshingCache', () => {
  it('shares one read among callers of a key it does not hold yet', async () => {
    const { reads, load } = controlled();
    const cache = new RefreshingCache(load, 5_000, () => 0);
    const answers = Promise.all([cache.get('a'), cache.get('a'), cache.get('a')]);
    await turn();
    expect(reads.map((r) => r.key)).toEqual(['a']);
    reads[0]!.answer('A1');
    expect(await answers).toEqual(['A1', 'A1', 'A1']);
    expect(await cache.get('a')).toBe('A1');
    expect(reads).toHaveLength(1);
  });

  it('answers an old entry at once and refreshes it with one read in the background', async () => {
    const { reads, load } = controlled();
    let now = 0;
    const cache = new RefreshingCache(load, 5_000, () => now);
    const first = cache.get('a');
    reads[0]!.answer('A1');
    await first;
    now = 6_000;
    // Many callers after expiry: all answered from memory, without waiting for the database.
    expect(await Promise.all([cache.get('a'), cache.get('a'), cache.get('a')])).toEqual(['A1', 'A1', 'A1']);
    expect(reads).toHaveLength(2);
    reads[1]!.answer('A2');
    await turn();
    expect(await cache.get('a')).toBe('A2');
    expect(reads).toHaveLength(2);
  });

  it('after a forget, the next caller waits for a new read, and an older read does not put its answer back', async () => {
    const { reads, load } = controlled();
    let now = 0;
    const cache = new RefreshingCache(load, 5_000, () => now);
    const first = cache.get('a');
    reads[0]!.answer('old');
    await first;
    now = 6_000;
    await cache.get('a'); // starts a background refresh (reads[1])
    cache.forget('a');
    const fresh = cache.get('a');
    await turn();
    expect(reads).toHaveLength(3);
    reads[2]!.answer('new');
    expect(await fresh).toBe('new');
    reads[1]!.answer('stale'); // the refresh started before the forget ends last
    await turn();
    expect(await cache.get('a')).toBe('new');
  });

  it('a failed first read fails its callers and is tried again by the next one; a failed refresh keeps the old entry', async () => {
    const { reads, load } = controlled();
    let now = 0;
    const errors: unknown[] = [];
    const cache = new RefreshingCache(
      load,
      5_000,
      () => now,
      (err) => errors.push(err),
    );
    const failing = cache.get('a');
    reads[0]!.fail(new Error('down'));
    await expect(failing).rejects.toThrow('down');
    const second = cache.get('a');
    reads[1]!.answer('A1');
    expect(await second).toBe('A1');
    now = 6_000;
    expect(await cache.get('a')).toBe('A1');
    reads[2]!.fail(new Error('down again'));
    await turn();
    expect(errors).toHaveLength(1);
    expect(await cache.get('a')).toBe('A1'); // still held, and refreshed again
    expect(reads).toHaveLength(4);
  });
});
