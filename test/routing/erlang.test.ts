import { describe, expect, it } from 'vitest';
import { erlangA, erlangAServiceLevel, erlangAWaitOutcomes, erlangB, erlangC, erlangCPWait } from '../../src/domain/routing/erlang.js';

// DOMAIN.md "Operating metrics" and research/contact-center.md §3.2–3.3: λ = 100 per 30 min,
// h = 180 s, N = 14, T = 20 s.
const vector = { arrivalsPerSecond: 100 / 1800, handleSeconds: 180, agents: 14 };

/**
 * Palm's closed form for Erlang A (research note §3.3), an independent route to the same numbers:
 * 𝒜 = x·e^y·y^{−x}·γ(x, y) with x = Nμ/θ, y = λ/θ. With γ's series this is 𝒜 = Σ_n y^n / ((x+1)…(x+n)).
 */
function palm(n: number, lambda: number, h: number, patience: number) {
  const mu = 1 / h;
  const theta = 1 / patience;
  const x = (n * mu) / theta;
  const y = lambda / theta;
  let term = 1;
  let big = 1;
  for (let k = 1; k < 10_000 && term > 1e-18 * big; k++) {
    term *= y / (x + k);
    big += term;
  }
  const eb = erlangB(n, lambda / mu);
  const rho = lambda / (n * mu);
  const pWait = (big * eb) / (1 + (big - 1) * eb);
  return { pWait, pAbandon: (1 / (rho * big) + 1 - 1 / rho) * pWait };
}

describe('Erlang B', () => {
  it('follows the recursion from small cases done by hand', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(1, 2)).toBeCloseTo(2 / 3, 15);
    // N = 2, A = 1: (1/2) / (1 + 1 + 1/2)
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
  });

  it('stays finite where the factorial form overflows', () => {
    const b = erlangB(1000, 950);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.05);
  });
});

describe('Erlang C', () => {
  it('reproduces the test vector', () => {
    const r = erlangC(vector, 20);
    expect(r.trafficErlangs).toBeCloseTo(10, 12);
    expect(r.stable).toBe(true);
    expect(r.pWait).toBeCloseTo(0.17413, 5);
    expect(r.serviceLevel).toBeCloseTo(0.88835, 5);
    expect(r.asaSeconds).toBeCloseTo(7.836, 3);
    expect(r.occupancy).toBeCloseTo(0.714, 3);
    expect(erlangCPWait(14, 10)).toBe(r.pWait);
  });

  it('reports an unstable queue when A ≥ N', () => {
    const r = erlangC({ ...vector, agents: 10 }, 20);
    expect(r).toMatchObject({ stable: false, pWait: 1, serviceLevel: 0, asaSeconds: Infinity, occupancy: 1 });
  });

  it('improves monotonically with more agents', () => {
    const levels = [11, 12, 13, 14, 15, 16].map((agents) => erlangC({ ...vector, agents }, 20).serviceLevel);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeGreaterThan(levels[i - 1]!);
  });
});

describe('Erlang A', () => {
  it('reproduces the test vectors with mean patience 120 s', () => {
    const n14 = erlangA({ ...vector, patienceSeconds: 120 });
    expect(n14.pWait).toBeCloseTo(0.127, 3);
    expect(n14.pAbandon).toBeCloseTo(0.023, 3);
    const n10 = erlangA({ ...vector, agents: 10, patienceSeconds: 120 });
    expect(n10.pWait).toBeCloseTo(0.497, 3);
    expect(n10.pAbandon).toBeCloseTo(0.137, 3);
  });

  it("agrees with Palm's closed form to 1e-12", () => {
    for (const agents of [8, 10, 12, 14]) {
      for (const patienceSeconds of [30, 120, 600]) {
        const chain = erlangA({ ...vector, agents, patienceSeconds });
        const closed = palm(agents, vector.arrivalsPerSecond, vector.handleSeconds, patienceSeconds);
        expect(Math.abs(chain.pWait - closed.pWait)).toBeLessThan(1e-12);
        expect(Math.abs(chain.pAbandon - closed.pAbandon)).toBeLessThan(1e-12);
      }
    }
  });

  it('reduces to Erlang C when nobody abandons', () => {
    const a = erlangA({ ...vector, patienceSeconds: Infinity });
    const c = erlangC(vector, 20);
    expect(a.pWait).toBeCloseTo(c.pWait, 12);
    expect(a.pAbandon).toBe(0);
    expect(a.asaSeconds).toBeCloseTo(c.asaSeconds, 10);
    expect(a.meanWaitSeconds).toBeCloseTo(c.asaSeconds, 10);
    expect(a.occupancy).toBeCloseTo(c.occupancy, 12);
    expect(erlangAServiceLevel({ ...vector, patienceSeconds: Infinity }, 20, 5)).toBeCloseTo(c.serviceLevel, 10);
  });

  it('keeps its wait outcomes consistent with the stationary figures', () => {
    for (const agents of [10, 14]) {
      const q = { ...vector, agents, patienceSeconds: 120 };
      const r = erlangA(q);
      const [zero, short, target, late] = erlangAWaitOutcomes(q, [0, 5, 20, 50_000]);
      // At t = 0 only those who found a counsellor free are answered.
      expect(zero!.answered).toBeCloseTo(1 - r.pWait, 12);
      expect(zero!.abandoned).toBe(0);
      // Everyone is eventually answered or gone; the abandoned share is P(Ab) = θ·E[L_q]/λ.
      expect(late!.answered + late!.abandoned).toBeCloseTo(1, 10);
      expect(late!.abandoned).toBeCloseTo(r.pAbandon, 10);
      expect(short!.answered).toBeLessThan(target!.answered);
      expect(short!.abandoned).toBeLessThan(target!.abandoned);
      // Waits are shorter than in Erlang C (the impatient leave), so SL(20) is higher.
      expect(erlangAServiceLevel(q, 20, 5)).toBeGreaterThan(target!.answered);
    }
    expect(erlangAServiceLevel({ ...vector, patienceSeconds: 120 }, 20, 5)).toBeGreaterThan(erlangC(vector, 20).serviceLevel);
  });

  it('evaluates overload, where Erlang C has no answer', () => {
    const r = erlangA({ ...vector, agents: 6, patienceSeconds: 60 });
    // With A = 10 and 6 agents at least 40% of the offered work cannot be carried.
    expect(r.pAbandon).toBeGreaterThan(0.4);
    expect(r.occupancy).toBeLessThan(1);
    expect(r.occupancy).toBeGreaterThan(0.9);
  });
});
