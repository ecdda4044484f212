// Seeded random numbers and the simulation's event queue (no Math.random: same seed, same run).
// ---------------------------------------------------------------------------------------------
// Random numbers: sfc32 (small, fast, passes PractRand), seeded through splitmix32. One stream per
// purpose — 0 arrivals, 1 handle times, 2 patience — so contact i has the same handle and patience
// in two runs that differ only in staffing (common random numbers make such comparisons sharper),
// and a reference queue can replay the same draws (test/routing/simulation.test.ts does).

export function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

/** A seeded uniform generator on [0, 1) (sfc32). Different `stream`s give independent sequences. */
export function seededRandom(seed: number, stream = 0): () => number {
  const mix = splitmix32((seed >>> 0) ^ Math.imul(stream + 1, 0x85ebca6b));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** Draws seconds: exponential with the given mean, or uniformly from observed samples. */
export function sampler(random: () => number, mean: number, samples: readonly number[] | undefined): () => number {
  if (samples) return () => samples[Math.floor(random() * samples.length)]!;
  if (!Number.isFinite(mean)) return () => Infinity;
  return () => -mean * Math.log(1 - random());
}

// ---------------------------------------------------------------------------------------------
// Event queue: a binary heap on (time, insertion order), so equal times run in scheduling order.

export type NewEvent = { t: number } & (
  | { kind: 'arrival' }
  | { kind: 'hour' }
  | { kind: 'tick' }
  | { kind: 'end'; contact: number; staff: number }
  | { kind: 'patience'; contact: number }
);
export type SimEvent = NewEvent & { seq: number };

export class EventQueue {
  private readonly heap: SimEvent[] = [];
  private seq = 0;
  get size(): number {
    return this.heap.length;
  }
  push(e: NewEvent): void {
    const h = this.heap;
    h.push({ ...e, seq: this.seq++ });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): SimEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

export const before = (a: SimEvent, b: SimEvent): boolean => a.t < b.t || (a.t === b.t && a.seq < b.seq);
