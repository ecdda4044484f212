// The batcher that coalesces small reads and writes into one round trip.
import { describe, expect, it } from 'vitest';
import { Batcher } from '../src/db/batcher.js';

/** A batch function whose batches the test releases by hand. */
function controlled() {
  const batches: { keys: number[]; release(): void; fail(err: Error): void }[] = [];
  const run = (keys: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({ keys, release: () => resolve(keys.map((k) => `v${k}`)), fail: reject });
    });
  return { batches, run };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('Batcher', () => {
  it('sends keys asked for in one turn together, and answers each with its own value', async () => {
    const { batches, run } = controlled();
    const b = new Batcher(run, { maxInFlight: 1 });
    const answers = Promise.all([1, 2, 3].map((k) => b.load(k)));
    await turn();
    expect(batches.map((x) => x.keys)).toEqual([[1, 2, 3]]);
    batches[0]!.release();
    expect(await answers).toEqual(['v1', 'v2', 'v3']);
  });

  it('gathers keys that arrive while a batch is in flight into the next one', async () => {
    const { batches, run } = controlled();
    const b = new Batcher(run, { maxInFlight: 1 });
    const first = b.load(1);
    await turn();
    const later = [b.load(2), b.load(3)];
    await turn();
    const more = b.load(4);
    await turn();
    expect(batches.map((x) => x.keys)).toEqual([[1]]);
    batches[0]!.release();
    expect(await first).toBe('v1');
    await turn();
    expect(batches.map((x) => x.keys)).toEqual([[1], [2, 3, 4]]);
    batches[1]!.release();
    expect(await Promise.all([...later, more])).toEqual(['v2', 'v3', 'v4']);
  });

  it('keeps at most maxInFlight batches of at most maxBatch keys', async () => {
    const { batches, run } = controlled();
    const b = new Batcher(run, { maxInFlight: 2, maxBatch: 2 });
    const all = Promise.all([1, 2, 3, 4, 5].map((k) => b.load(k)));
    await turn();
    expect(batches.map((x) => x.keys)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    batches[0]!.release();
    await turn();
    expect(batches.map((x) => x.keys)).toEqual([[1, 2], [3, 4], [5]]);
    batches[1]!.release();
    batches[2]!.release();
    expect(await all).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
  });

  it('rejects every key of a failed batch, and goes on with the next', async () => {
    const { batches, run } = controlled();
    const b = new Batcher(run, { maxInFlight: 1 });
    const failed = [b.load(1), b.load(2)].map((p) =>
      p.then(
        () => 'ok',
        (err: Error) => err.message,
      ),
    );
    await turn();
    const next = b.load(3);
    batches[0]!.fail(new Error('connection lost'));
    expect(await Promise.all(failed)).toEqual(['connection lost', 'connection lost']);
    await turn();
    batches[1]!.release();
    expect(await next).toBe('v3');
  });

  it('refuses an answer with the wrong number of values', async () => {
    const b = new Batcher(async (keys: number[]) => keys.slice(1));
    await expect(Promise.all([b.load(1), b.load(2)])).rejects.toThrow('batch answered 1 of 2 keys');
  });
});
