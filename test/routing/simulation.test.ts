import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { erlangA, erlangAServiceLevel, erlangC } from '../../src/domain/routing/erlang.js';
import { seededRandom, simulate, SimulationInputError, type SimulationInput } from '../../src/domain/routing/simulation.js';

// The research note's test vector at an hourly rate: λ = 200/h, h = 180 s, N = 14 (A = 10).
const base = { arrivalsPerHour: 200, handleSeconds: 180, counsellors: 14 };
const HOUR_MS = 3_600_000;

/**
 * The same queue without the engine: first-come-first-served M/M/N(+M) by the Kiefer–Wolfowitz
 * recursion (each caller takes the earliest-free counsellor; waits do not depend on which one; a
 * caller whose patience ends first leaves and takes nobody's time). It draws from the same random
 * streams as simulate() (0 arrivals, 1 handle, 2 patience), so the two must agree contact by contact.
 */
function fcfsReference(
  seed: number,
  arrivalsPerHour: number,
  handleSeconds: number,
  agents: number,
  patienceSeconds: number,
  hours: number,
) {
  const arrivalRandom = seededRandom(seed, 0);
  const handleRandom = seededRandom(seed, 1);
  const patienceRandom = seededRandom(seed, 2);
  const warm = HOUR_MS;
  const end = warm + hours * HOUR_MS;
  const rate = arrivalsPerHour / HOUR_MS;
  const free = new Array<number>(agents).fill(0);
  const n = { offered: 0, answered: 0, abandoned: 0, short: 0, within20: 0, waited: 0, waitSum: 0 };
  let t = 0;
  while (t < end) {
    const hourEnd = Math.min(warm + (Math.floor((t - warm) / HOUR_MS) + 1) * HOUR_MS, end);
    const next = t - Math.log(1 - arrivalRandom()) / rate;
    if (next >= hourEnd) {
      t = hourEnd;
      continue;
    }
    t = next;
    const handle = -handleSeconds * Math.log(1 - handleRandom()) * 1000;
    const patience = Number.isFinite(patienceSeconds) ? -patienceSeconds * Math.log(1 - patienceRandom()) * 1000 : Infinity;
    let k = 0;
    for (let j = 1; j < agents; j++) if (free[j]! < free[k]!) k = j;
    const start = Math.max(t, free[k]!);
    const answered = start - t < patience;
    if (answered) free[k] = start + handle;
    if (t < warm) continue;
    n.offered++;
    if (start > t) n.waited++;
    if (answered) {
      n.answered++;
      n.waitSum += start - t;
      if (start - t <= 20_000) n.within20++;
    } else {
      n.abandoned++;
      if (patience < 5_000) n.short++;
    }
  }
  return n;
}

describe('simulation drives the routing engine as an M/M/N(+M) queue', () => {
  it('matches a first-come-first-served queue without the engine, contact for contact', () => {
    for (const patienceSeconds of [Infinity, 120]) {
      for (const counsellors of [10, 14]) {
        if (counsellors === 10 && !Number.isFinite(patienceSeconds)) continue; // unstable without abandons
        const r = simulate({ ...base, counsellors, patienceSeconds, hours: 50, seed: 11 });
        const ref = fcfsReference(11, 200, 180, counsellors, patienceSeconds, 50);
        expect(r.offered).toBe(ref.offered);
        expect(r.answered).toBe(ref.answered);
        expect(r.abandoned).toBe(ref.abandoned);
        expect(r.short_abandoned).toBe(ref.short);
        expect(r.sl20).toBe(ref.within20 / (ref.answered + ref.abandoned - ref.short));
        expect(r.p_wait).toBe(ref.waited / ref.offered);
        expect(r.asa_s).toBeCloseTo(ref.waitSum / ref.answered / 1000, 9);
        expect(r.unresolved).toBe(0);
      }
    }
  });

  // Tolerances. Queue waits are strongly autocorrelated (a busy spell delays many callers in a
  // row), so the naive binomial / iid standard errors understate the spread several-fold (for ASA:
  // sd(W) ≈ 25 s, so 25/√200 000 ≈ 0.06 s naive, against ≈ 0.5 s measured). The spread was therefore
  // measured: over 20 seeds at 1000 h the sd was 0.0043 for SL and 0.48 s for ASA, 0.0049 for
  // P(wait) and 0.0027 for occupancy (40 seeds at 200 h gave 0.0081, 0.90 s, …: sd ∝ 1/√hours as
  // expected), with means 0.8887 and 7.81 s against Erlang's 0.8884 and 7.836 s. The tolerances
  // below are ≥ 3 sd; and the test above already shows the engine is exactly FCFS M/M/N.
  it('agrees with Erlang C when nobody abandons (λ = 200/h, h = 180 s, N = 14)', () => {
    const r = simulate({ ...base, hours: 1000, seed: 2024 });
    const c = erlangC({ arrivalsPerSecond: 200 / 3600, handleSeconds: 180, agents: 14 }, 20);
    expect(r.erlang?.erlang_c).toEqual({
      stable: true,
      p_wait: c.pWait,
      sl20: c.serviceLevel,
      asa_s: c.asaSeconds,
      occupancy: c.occupancy,
    });
    expect(r.erlang?.erlang_a).toBeNull();
    expect(r.offered).toBeGreaterThan(190_000);
    expect(r.abandoned).toBe(0);
    expect(Math.abs(r.sl20! - c.serviceLevel)).toBeLessThan(0.02);
    expect(Math.abs(r.asa_s! - c.asaSeconds)).toBeLessThan(1.5);
    expect(Math.abs(r.p_wait! - c.pWait)).toBeLessThan(0.02);
    expect(Math.abs(r.occupancy! - c.occupancy)).toBeLessThan(0.01);
    // AHT: sd 180 s / √200 000 ≈ 0.4 s.
    expect(Math.abs(r.aht_s! - 180)).toBeLessThan(2);
    expect(r.p90_wait_s).toBeGreaterThan(0);
  });

  // Over 20 seeds at 500 h (N = 10 / N = 14) the sd was 0.0030 / 0.0010 for the abandon share,
  // 0.0071 / 0.0042 for P(wait), 0.0067 / 0.0027 for SL and 0.0024 / 0.0033 for occupancy, with
  // mean abandon shares 0.1375 / 0.0228 against Erlang A's 0.1375 / 0.0228. Tolerances are ≥ 3.3 sd.
  it('agrees with Erlang A when callers give up (mean patience 120 s)', () => {
    for (const [counsellors, abandonTolerance] of [
      [10, 0.01],
      [14, 0.005],
    ] as const) {
      const r = simulate({ ...base, counsellors, patienceSeconds: 120, hours: 500, seed: 7 });
      const q = { arrivalsPerSecond: 200 / 3600, handleSeconds: 180, agents: counsellors, patienceSeconds: 120 };
      const a = erlangA(q);
      expect(r.erlang?.erlang_a?.abandon_rate_all).toBe(a.pAbandon);
      expect(Math.abs(r.abandon_rate_all! - a.pAbandon)).toBeLessThan(abandonTolerance);
      expect(Math.abs(r.p_wait! - a.pWait)).toBeLessThan(0.025);
      expect(Math.abs(r.sl20! - erlangAServiceLevel(q, 20, 5))).toBeLessThan(0.025);
      expect(Math.abs(r.occupancy! - a.occupancy)).toBeLessThan(0.015);
      // Short abandons leave both sides of DOMAIN.md's abandon rate.
      expect(r.short_abandoned).toBeGreaterThan(0);
      expect(r.abandon_rate).toBeCloseTo((r.abandoned - r.short_abandoned) / (r.offered - r.short_abandoned), 12);
      expect(r.abandon_rate!).toBeLessThan(r.abandon_rate_all!);
    }
  });

  it('gives the same report for the same seed, and a different one for another seed', () => {
    const input: SimulationInput = { ...base, counsellors: 12, patienceSeconds: 90, hours: 30, seed: 42 };
    const first = simulate(input);
    expect(simulate({ ...input })).toEqual(first);
    expect(simulate({ ...input, seed: 43 })).not.toEqual(first);
  });
});

describe('hourly profiles', () => {
  const night = (h: number) => h < 6;
  const arrivalsPerHour = Array.from({ length: 24 }, (_, h) => (night(h) ? 40 : 200));
  const thin = Array.from({ length: 24 }, (_, h) => (night(h) ? 3 : 14));
  const full = Array.from({ length: 24 }, () => 14);

  it('shows the cost of fewer counsellors at night, and only at night', () => {
    const withThinNights = simulate({ arrivalsPerHour, handleSeconds: 180, counsellors: thin, patienceSeconds: 300, hours: 240, seed: 5 });
    const withFullNights = simulate({ arrivalsPerHour, handleSeconds: 180, counsellors: full, patienceSeconds: 300, hours: 240, seed: 5 });
    expect(withThinNights.erlang).toBeNull();
    const hours = withThinNights.by_hour!;
    expect(hours.map((h) => h.counsellors)).toEqual(thin);
    expect(hours.map((h) => h.arrivals_per_hour)).toEqual(arrivalsPerHour);
    // About 10 days × 40 contacts in each night hour.
    for (let h = 0; h < 6; h++) expect(hours[h]!.offered).toBeGreaterThan(300);

    const nightly = (r: typeof withThinNights, key: 'sl20' | 'occupancy') => {
      const xs = r.by_hour!.filter((h) => night(h.hour)).map((h) => h[key]!);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    // A = 2 erlangs at night: 3 counsellors are 2/3 busy and callers wait; 14 are mostly idle.
    expect(nightly(withThinNights, 'sl20')).toBeLessThan(nightly(withFullNights, 'sl20') - 0.15);
    expect(nightly(withThinNights, 'occupancy')).toBeGreaterThan(0.55);
    expect(nightly(withFullNights, 'occupancy')).toBeLessThan(0.2);
    for (let h = 1; h < 6; h++) expect(hours[h]!.sl20!).toBeLessThan(withFullNights.by_hour![h]!.sl20!);
    expect(withThinNights.sl20!).toBeLessThan(withFullNights.sl20!);
    // Daytime is staffed alike; the same random draws make the daytime hours nearly identical.
    for (let h = 10; h < 18; h++) expect(Math.abs(hours[h]!.sl20! - withFullNights.by_hour![h]!.sl20!)).toBeLessThan(0.02);
  });

  it('accepts a constant rate with a staffing profile, and serves nobody in hours nobody is on duty', () => {
    const counsellors = Array.from({ length: 24 }, (_, h) => (h === 3 ? 0 : 14));
    const r = simulate({ ...base, counsellors, patienceSeconds: 20, hours: 48, seed: 9 });
    const empty = r.by_hour![3]!;
    expect(empty.offered).toBeGreaterThan(200);
    // Patience is short against the hour: nearly everyone who arrives in the empty hour gives up.
    expect(empty.sl20!).toBeLessThan(0.05);
    expect(empty.abandon_rate!).toBeGreaterThan(0.9);
    expect(r.by_hour![12]!.sl20!).toBeGreaterThan(0.9);
  });
});

describe('observed distributions', () => {
  it('draws handle times from samples, which Erlang only approximates', () => {
    // A fixed 180 s handle time (M/D/N) queues less than the exponential Erlang C assumes: by the
    // Allen–Cunneen approximation waits scale with (1 + c²)/2 = 1/2 for c = 0. The ASA sd at 300 h
    // is ≤ 0.6 s (see above), so "below 80% of Erlang C's 7.8 s" has a margin of several sd.
    const r = simulate({ arrivalsPerHour: 200, counsellors: 14, hours: 300, seed: 3, distribution: { handleSeconds: [180] } });
    expect(r.aht_s).toBeCloseTo(180, 9);
    expect(r.erlang?.approximate).toBe(true);
    expect(r.erlang?.traffic_erlangs).toBeCloseTo(10, 12);
    expect(r.asa_s!).toBeLessThan(0.8 * r.erlang!.erlang_c.asa_s!);
  });

  it('draws patience from samples', () => {
    const r = simulate({ ...base, counsellors: 10, hours: 50, seed: 3, distribution: { patienceSeconds: [2, 600] } });
    // Half the callers leave after 2 s if they must wait: short abandons only from those.
    expect(r.short_abandoned).toBeGreaterThan(0);
    expect(r.erlang?.erlang_a).not.toBeNull();
  });
});

describe('input checks', () => {
  const bad: [string, Partial<SimulationInput>, RegExp][] = [
    ['a profile of 23 hours', { counsellors: new Array(23).fill(3) }, /24 values/],
    ['fractional counsellors', { counsellors: 2.5 }, /whole numbers/],
    ['negative arrivals', { arrivalsPerHour: -1 }, /≥ 0/],
    ['zero handle time', { handleSeconds: 0 }, /handle seconds/],
    ['both handle mean and samples', { distribution: { handleSeconds: [60] } }, /not both/],
    ['a seed out of range', { seed: 2 ** 32 }, /seed/],
    ['no hours', { hours: 0 }, /hours/],
    ['nobody on duty and infinite patience', { counsellors: 0 }, /never ends/],
    ['a run of years', { hours: 1_000_000 }, /too large/],
  ];
  it.each(bad)('refuses %s', (_name, change, message) => {
    expect(() => simulate({ ...base, hours: 10, seed: 1, ...change })).toThrow(SimulationInputError);
    expect(() => simulate({ ...base, hours: 10, seed: 1, ...change })).toThrow(message);
  });
});

describe('npm run simulate', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'doverie-simulate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { cwd: process.cwd(), encoding: 'utf8' });

  it('prints one JSON line with the report', async () => {
    const args = [
      '--arrivals-per-hour',
      '200',
      '--handle-seconds',
      '180',
      '--counsellors',
      '14',
      '--patience-seconds',
      '120',
      '--hours',
      '20',
      '--seed',
      '7',
    ];
    const { stdout } = await cli(...args);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as Record<string, unknown>;
    const same = simulate({ ...base, patienceSeconds: 120, hours: 20, seed: 7 });
    for (const key of ['sl20', 'asa_s', 'abandon_rate', 'occupancy', 'p_wait', 'p90_wait_s', 'abandon_rate_all', 'aht_s'] as const) {
      expect(out[key]).toBeCloseTo(same[key]!, 6);
    }
    expect(out).toMatchObject({
      offered: same.offered,
      answered: same.answered,
      abandoned: same.abandoned,
      short_abandoned: same.short_abandoned,
    });
    expect(out.erlang).toMatchObject({ traffic_erlangs: 10, erlang_a: { p_wait: 0.126976 } });
  });

  it('reads a profile and a distribution file', async () => {
    const profile = join(dir, 'profile.json');
    const distribution = join(dir, 'distribution.json');
    writeFileSync(
      profile,
      JSON.stringify({ arrivalsPerHour: new Array(24).fill(30), counsellors: [...new Array(8).fill(3), ...new Array(16).fill(5)] }),
    );
    writeFileSync(distribution, JSON.stringify({ handleSeconds: [120, 240, 600] }));
    const { stdout } = await cli('--profile', profile, '--distribution', distribution, '--hours', '24', '--seed', '1');
    const out = JSON.parse(stdout) as { offered: number; by_hour: { counsellors: number }[]; erlang: unknown };
    expect(out.offered).toBeGreaterThan(500);
    expect(out.by_hour.map((h) => h.counsellors).slice(6, 10)).toEqual([3, 3, 5, 5]);
    expect(out.erlang).toBeNull();
  });

  it.each([
    [['--arrivals-per-hour', 'lots', '--handle-seconds', '180', '--counsellors', '14'], /--arrivals-per-hour: not a number/],
    [['--handle-seconds', '180', '--counsellors', '14'], /--arrivals-per-hour is required/],
    [['--arrivals-per-hour', '200', '--handle-seconds', '180', '--counsellors', '14', '--staff', '3'], /Unknown option '--staff'/],
    [['--arrivals-per-hour', '200', '--handle-seconds', '180', '--counsellors=-2'], /counsellors: expected numbers ≥ 0/],
    [
      ['--arrivals-per-hour', '200', '--handle-seconds', '180', '--counsellors', '14', '--profile', '/nonexistent/p.json'],
      /--profile: cannot read/,
    ],
  ])('exits 2 with a message on bad input: %s', async (args, message) => {
    const failed = await cli(...args).then(
      () => null,
      (err: { code: number; stderr: string; stdout: string }) => err,
    );
    expect(failed).not.toBeNull();
    expect(failed!.code).toBe(2);
    expect(failed!.stderr).toMatch(message);
    expect(failed!.stderr).toMatch(/Usage: npm run simulate/);
    expect(failed!.stdout).toBe('');
  });
});
