// A discrete-event simulation of one service's queue that drives the real RoutingEngine on a
// virtual clock. It answers staffing questions ("what if we have 3 counsellors at night?") and,
// with constant inputs, checks the engine against Erlang C / Erlang A: the engine is built so that
// with wrap-up 0, one voice contact per counsellor and instant accepts it behaves as M/M/N(+M).
// No I/O and no Math.random: the same input and seed give the same report.
import { isAppError } from '../../errors.js';
import { RoutingEngine } from './engine.js';
import { erlangA, erlangAServiceLevel, erlangC } from './erlang.js';
import { routingSettingsOf } from './settings.js';
import type { Command, CounsellorProfile, LoggedEvent } from './types.js';

/** DOMAIN.md conventions: SL threshold T and the short-abandon threshold. */
export const SERVICE_LEVEL_SECONDS = 20;
export const SHORT_ABANDON_SECONDS = 5;

export interface SimulationInput {
  /** Mean arrivals per hour: constant, or 24 values by hour of day (Poisson within each hour). */
  arrivalsPerHour: number | readonly number[];
  /** Mean handle (talk) seconds, exponential. Leave out when `distribution.handleSeconds` is given. */
  handleSeconds?: number;
  /** Counsellors on duty: constant, or 24 whole numbers by hour of day. */
  counsellors: number | readonly number[];
  /** Mean patience seconds, exponential; Infinity (the default) = nobody abandons. */
  patienceSeconds?: number;
  /** Measured hours, after the warm-up. With an hourly profile, hour 0 of the measurement is midnight. */
  hours: number;
  /** PRNG seed, a whole number in [0, 2³²). */
  seed: number;
  /** Simulated before the measurement starts and left out of every figure (default 1). */
  warmupHours?: number;
  /** Observed samples to draw from (uniformly, with replacement) instead of the exponential. */
  distribution?: { handleSeconds?: readonly number[]; patienceSeconds?: readonly number[] };
}

/** Erlang predictions for constant inputs (rates per hour and counts as given, times in seconds). */
export interface ErlangPrediction {
  traffic_erlangs: number;
  erlang_c: { stable: boolean; p_wait: number; sl20: number; asa_s: number | null; occupancy: number };
  erlang_a: {
    p_wait: number;
    abandon_rate_all: number;
    sl20: number;
    asa_s: number | null;
    mean_wait_all_s: number;
    occupancy: number;
  } | null;
  /** True when handle or patience come from samples: Erlang assumes exponential times, so it is a guide only. */
  approximate: boolean;
}

export interface HourReport {
  hour: number;
  arrivals_per_hour: number;
  counsellors: number;
  offered: number;
  sl20: number | null;
  asa_s: number | null;
  abandon_rate: number | null;
  occupancy: number | null;
}

/** The report, with DOMAIN.md's definitions ("Operating metrics"). Ratios with nothing to divide by are null. */
export interface SimulationReport {
  hours: number;
  warmup_hours: number;
  seed: number;
  /** Contacts that arrived in the measured hours. */
  offered: number;
  answered: number;
  /** All abandons, short ones included. */
  abandoned: number;
  /** Abandons within SHORT_ABANDON_SECONDS of arriving. */
  short_abandoned: number;
  /** Answered within 20 s ÷ (answered + abandoned excluding short abandons). */
  sl20: number | null;
  /** Mean wait of answered contacts. */
  asa_s: number | null;
  /** 90th percentile wait of answered contacts. */
  p90_wait_s: number | null;
  /** Abandoned excluding short ÷ (offered − short abandons). */
  abandon_rate: number | null;
  /** All abandons ÷ offered: Erlang A's P(Ab). */
  abandon_rate_all: number | null;
  /** Share of arrivals that waited at all (found no counsellor free). */
  p_wait: number | null;
  /** Mean wait of all arrivals, answered or not (Erlang A's E[W]). */
  mean_wait_all_s: number | null;
  /** Handling time ÷ (handling + available idle time) over the measured hours. */
  occupancy: number | null;
  /** Mean handle time of answered contacts (wrap-up is 0 here). */
  aht_s: number | null;
  /** Contacts the engine expired or that were still waiting when the run stopped (0 unless inputs are extreme). */
  unresolved: number;
  erlang: ErlangPrediction | null;
  /** Per hour of day, when an hourly profile was given. */
  by_hour?: HourReport[];
}

export class SimulationInputError extends Error {}

const HOUR_MS = 3_600_000;
const SERVICE_ID = 'sim';
/** After the measured hours the run goes on without arrivals until every measured contact is answered or gone. */
const MAX_DRAIN_MS = 7 * 24 * HOUR_MS;
/** Beyond this the run would take minutes; it is a staffing tool, not a soak test. */
const MAX_EXPECTED_CONTACTS = 5_000_000;

// ---------------------------------------------------------------------------------------------
// Random numbers: sfc32 (small, fast, passes PractRand), seeded through splitmix32. One stream per
// purpose — 0 arrivals, 1 handle times, 2 patience — so contact i has the same handle and patience
// in two runs that differ only in staffing (common random numbers make such comparisons sharper),
// and a reference queue can replay the same draws (test/routing/simulation.test.ts does).

function splitmix32(seed: number): () => number {
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
function sampler(random: () => number, mean: number, samples: readonly number[] | undefined): () => number {
  if (samples) return () => samples[Math.floor(random() * samples.length)]!;
  if (!Number.isFinite(mean)) return () => Infinity;
  return () => -mean * Math.log(1 - random());
}

// ---------------------------------------------------------------------------------------------
// Event queue: a binary heap on (time, insertion order), so equal times run in scheduling order.

type NewEvent = { t: number } & (
  | { kind: 'arrival' }
  | { kind: 'hour' }
  | { kind: 'tick' }
  | { kind: 'end'; contact: number; staff: number }
  | { kind: 'patience'; contact: number }
);
type SimEvent = NewEvent & { seq: number };

class EventQueue {
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

const before = (a: SimEvent, b: SimEvent): boolean => a.t < b.t || (a.t === b.t && a.seq < b.seq);

// ---------------------------------------------------------------------------------------------
// Input checks (the CLI shows these messages as they are).

const hourly = (v: number | readonly number[], hour: number): number => (typeof v === 'number' ? v : v[hour]!);
const hourOfDay = (hourIndex: number): number => ((hourIndex % 24) + 24) % 24;
const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

function checkProfileOrNumber(name: string, v: number | readonly number[], whole: boolean): void {
  const values = typeof v === 'number' ? [v] : v;
  if (typeof v !== 'number' && v.length !== 24)
    throw new SimulationInputError(`${name}: an hourly profile needs 24 values, got ${v.length}`);
  for (const x of values) {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
      throw new SimulationInputError(`${name}: expected numbers ≥ 0, got ${String(x)}`);
    if (whole && !Number.isInteger(x)) throw new SimulationInputError(`${name}: expected whole numbers, got ${x}`);
  }
}

function checkSamples(name: string, xs: readonly number[] | undefined): void {
  if (xs === undefined) return;
  if (!Array.isArray(xs) || xs.length === 0) throw new SimulationInputError(`${name}: expected a non-empty array of seconds`);
  for (const x of xs) {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
      throw new SimulationInputError(`${name}: samples must be numbers ≥ 0, got ${String(x)}`);
  }
}

/** Checks the input; throws SimulationInputError with a message fit for a user. */
export function checkSimulationInput(input: SimulationInput): void {
  checkProfileOrNumber('arrivals per hour', input.arrivalsPerHour, false);
  checkProfileOrNumber('counsellors', input.counsellors, true);
  checkSamples('distribution handleSeconds', input.distribution?.handleSeconds);
  checkSamples('distribution patienceSeconds', input.distribution?.patienceSeconds);
  const handleSamples = input.distribution?.handleSeconds;
  if (handleSamples && input.handleSeconds !== undefined)
    throw new SimulationInputError('give a mean handle time or handle samples, not both');
  if (!handleSamples && !(typeof input.handleSeconds === 'number' && Number.isFinite(input.handleSeconds) && input.handleSeconds > 0)) {
    throw new SimulationInputError('handle seconds: expected a number > 0');
  }
  if (handleSamples && !(mean(handleSamples) > 0)) throw new SimulationInputError('distribution handleSeconds: the mean must be > 0');
  if (input.distribution?.patienceSeconds && input.patienceSeconds !== undefined) {
    throw new SimulationInputError('give a mean patience or patience samples, not both');
  }
  if (input.patienceSeconds !== undefined && !(typeof input.patienceSeconds === 'number' && input.patienceSeconds > 0)) {
    throw new SimulationInputError('patience seconds: expected a number > 0 (or Infinity)');
  }
  if (!(typeof input.hours === 'number' && Number.isFinite(input.hours) && input.hours > 0))
    throw new SimulationInputError('hours: expected a number > 0');
  const warmup = input.warmupHours ?? 1;
  if (!(typeof warmup === 'number' && Number.isFinite(warmup) && warmup >= 0))
    throw new SimulationInputError('warm-up hours: expected a number ≥ 0');
  if (!(Number.isInteger(input.seed) && input.seed >= 0 && input.seed < 2 ** 32))
    throw new SimulationInputError('seed: expected a whole number from 0 to 4294967295');
  const staffed = typeof input.counsellors === 'number' ? input.counsellors > 0 : input.counsellors.some((n) => n > 0);
  const patient = input.distribution?.patienceSeconds === undefined && !Number.isFinite(input.patienceSeconds ?? Infinity);
  if (!staffed && patient)
    throw new SimulationInputError('counsellors: nobody is ever on duty and callers never give up, so the queue never ends');
  const perHour = typeof input.arrivalsPerHour === 'number' ? input.arrivalsPerHour : mean(input.arrivalsPerHour);
  if (perHour * (input.hours + warmup) > MAX_EXPECTED_CONTACTS) {
    throw new SimulationInputError(
      `too large: about ${Math.round(perHour * (input.hours + warmup))} contacts; at most ${MAX_EXPECTED_CONTACTS}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

/** Per-contact record, in arrays indexed by contact number (ids are `c<number>`). */
interface Contacts {
  arrivedAt: number[];
  handle: number[];
  /** Wait until answered, NaN if not answered (yet). */
  answeredWait: number[];
  /** Wait until abandoned, NaN if not abandoned. */
  abandonedWait: number[];
  /** Handle time actually spent, NaN until ended. */
  talked: number[];
}

const EXPECTED_ERRORS = new Set(['routing.offer_closed', 'routing.offer_not_found', 'routing.contact_closed']);

/** Runs the simulation. Throws SimulationInputError for bad input. */
export function simulate(input: SimulationInput): SimulationReport {
  checkSimulationInput(input);
  const warmupHours = input.warmupHours ?? 1;
  const warmupMs = warmupHours * HOUR_MS;
  const endMs = warmupMs + input.hours * HOUR_MS;
  const handleSamples = input.distribution?.handleSeconds;
  const patienceSamples = input.distribution?.patienceSeconds;
  const meanHandle = handleSamples ? mean(handleSamples) : input.handleSeconds!;
  const meanPatience = patienceSamples ? mean(patienceSamples) : (input.patienceSeconds ?? Infinity);

  const arrivalRandom = seededRandom(input.seed, 0);
  const drawHandle = sampler(seededRandom(input.seed, 1), meanHandle, handleSamples);
  const drawPatience = sampler(seededRandom(input.seed, 2), meanPatience, patienceSamples);

  // Settings that make the engine an M/M/N(+M) queue: one voice contact each, no wrap-up, nothing
  // lapses or expires within any run, no partners or backup to widen to.
  const settings = routingSettingsOf({
    wrapUpSeconds: 0,
    chatCapacity: 1,
    offerTimeoutSeconds: 1e9,
    maxWaitSeconds: 1e9,
    nationalBackupAfterSeconds: null,
    partnerServiceIds: [],
  });
  let offerCounter = 0;
  const engine = new RoutingEngine({ settingsOf: () => settings, newId: () => `o${offerCounter++}` });

  const queue = new EventQueue();
  const contacts: Contacts = { arrivedAt: [], handle: [], answeredWait: [], abandonedWait: [], talked: [] };
  let now = 0;
  let waiting = 0; // contacts queued (any arrival time)
  let unresolved = 0;

  // Staff: on duty (presence available) and busy (talking), by staff number (ids are `s<number>`).
  const onDuty: boolean[] = [];
  const busy: boolean[] = [];
  let busyCount = 0;
  let idleAvailable = 0;
  let busyMs = 0;
  let idleMs = 0;
  const hourBusyMs = new Array<number>(24).fill(0);
  const hourIdleMs = new Array<number>(24).fill(0);

  /** Adds staff time up to `t`, clipped to the measured hours (split at hour boundaries by the hour events). */
  const accrue = (t: number) => {
    const from = Math.max(now, warmupMs);
    const to = Math.min(t, endMs);
    if (to > from) {
      const h = hourOfDay(Math.floor((from - warmupMs) / HOUR_MS));
      busyMs += busyCount * (to - from);
      idleMs += idleAvailable * (to - from);
      hourBusyMs[h]! += busyCount * (to - from);
      hourIdleMs[h]! += idleAvailable * (to - from);
    }
    now = Math.max(now, t);
  };

  const profile: CounsellorProfile = { serviceId: SERVICE_ID, pseudonym: 'sim', supervisor: false, languages: [], skills: [] };

  const run = (command: Command): void => {
    let events: LoggedEvent[];
    try {
      events = engine.execute(command, now);
    } catch (err) {
      if (isAppError(err) && EXPECTED_ERRORS.has(err.code)) return;
      throw err;
    }
    const offers: { offerId: string; staffId: string }[] = [];
    for (const e of events) {
      switch (e.type) {
        case 'offer.created':
          offers.push({ offerId: e.offerId, staffId: e.staffId });
          break;
        case 'contact.accepted': {
          const i = Number(e.contactId.slice(1));
          const s = Number(e.staffId.slice(1));
          contacts.answeredWait[i] = now - contacts.arrivedAt[i]!;
          waiting--;
          if (!busy[s]) {
            busy[s] = true;
            busyCount++;
            if (onDuty[s]) idleAvailable--;
          }
          queue.push({ kind: 'end', t: now + contacts.handle[i]!, contact: i, staff: s });
          break;
        }
        case 'contact.completed': {
          const i = Number(e.contactId.slice(1));
          const c = engine.state.closedContacts.get(e.contactId);
          const s = c?.staffId ? Number(c.staffId.slice(1)) : -1;
          contacts.talked[i] = contacts.handle[i]!;
          if (s >= 0 && busy[s]) {
            busy[s] = false;
            busyCount--;
            if (onDuty[s]) idleAvailable++;
          }
          break;
        }
        case 'contact.abandoned': {
          const i = Number(e.contactId.slice(1));
          contacts.abandonedWait[i] = now - contacts.arrivedAt[i]!;
          waiting--;
          break;
        }
        case 'contact.expired':
          waiting--;
          unresolved++;
          break;
        default:
          break;
      }
    }
    // Every counsellor accepts at once: the offer's creation instant is the answer instant.
    for (const o of offers) run({ type: 'accept', offerId: o.offerId, staffId: o.staffId });
  };

  const setDuty = (s: number, available: boolean) => {
    if (onDuty[s] === available) return;
    onDuty[s] = available;
    if (!busy[s]) idleAvailable += available ? 1 : -1;
    run({ type: 'setPresence', staffId: `s${s}`, presence: available ? 'available' : 'offline', profile, by: 'sim' });
  };

  /** Brings the number on duty to `target`: idle ones go off first; those on a call finish it. */
  const staff = (target: number) => {
    let current = onDuty.filter(Boolean).length;
    for (let pass = 0; pass < 2 && current > target; pass++) {
      for (let s = onDuty.length - 1; s >= 0 && current > target; s--) {
        if (onDuty[s] && (pass === 1 || !busy[s])) {
          setDuty(s, false);
          current--;
        }
      }
    }
    for (let pass = 0; pass < 2 && current < target; pass++) {
      for (let s = 0; s < onDuty.length && current < target; s++) {
        if (!onDuty[s] && (pass === 1 || !busy[s])) {
          setDuty(s, true);
          current++;
        }
      }
    }
    while (current < target) {
      const s = onDuty.length;
      onDuty.push(false);
      busy.push(false);
      setDuty(s, true);
      current++;
    }
  };

  /** Next Poisson arrival after `from` with the hourly rate; memorylessness lets each hour restart the clock. */
  const nextArrival = (from: number): number | null => {
    let t = from;
    while (t < endMs) {
      const hourIndex = Math.floor((t - warmupMs) / HOUR_MS);
      const hourEnd = Math.min(warmupMs + (hourIndex + 1) * HOUR_MS, endMs);
      const rate = hourly(input.arrivalsPerHour, hourOfDay(hourIndex)) / HOUR_MS;
      if (rate > 0) {
        const next = t - Math.log(1 - arrivalRandom()) / rate;
        if (next < hourEnd) return next;
      }
      t = hourEnd;
    }
    return null;
  };

  // Hour boundaries of the measured clock, starting at the first one at or before time 0.
  const firstHour = Math.floor(-warmupMs / HOUR_MS);
  queue.push({ kind: 'hour', t: warmupMs + firstHour * HOUR_MS });
  const firstArrival = nextArrival(0);
  if (firstArrival !== null) queue.push({ kind: 'arrival', t: firstArrival });
  let tickAt = Infinity;

  for (let e = queue.pop(); e; e = queue.pop()) {
    if (e.t >= endMs && waiting === 0) break;
    if (e.t > endMs + MAX_DRAIN_MS) {
      unresolved += waiting;
      break;
    }
    accrue(e.t);
    switch (e.kind) {
      case 'arrival': {
        const i = contacts.arrivedAt.length;
        contacts.arrivedAt.push(now);
        contacts.handle.push(drawHandle() * 1000);
        contacts.answeredWait.push(NaN);
        contacts.abandonedWait.push(NaN);
        contacts.talked.push(NaN);
        const patience = drawPatience() * 1000;
        waiting++;
        run({
          type: 'arrive',
          contactId: `c${i}`,
          serviceId: SERVICE_ID,
          channel: 'voice',
          attributes: { language: null, region: null, callerKey: null, skills: [] },
          risk: 'unknown',
          carePlan: null,
        });
        if (Number.isFinite(patience) && Number.isNaN(contacts.answeredWait[i]!))
          queue.push({ kind: 'patience', t: now + patience, contact: i });
        const next = nextArrival(now);
        if (next !== null) queue.push({ kind: 'arrival', t: next });
        break;
      }
      case 'patience':
        if (Number.isNaN(contacts.answeredWait[e.contact]!) && Number.isNaN(contacts.abandonedWait[e.contact]!)) {
          run({ type: 'callerLeft', contactId: `c${e.contact}` });
        }
        break;
      case 'end':
        run({ type: 'end', contactId: `c${e.contact}`, by: `s${e.staff}` });
        break;
      case 'hour': {
        const hourIndex = Math.round((now - warmupMs) / HOUR_MS);
        staff(hourly(input.counsellors, hourOfDay(hourIndex)));
        // A tick each hour keeps the engine's bookkeeping pruned (it forgets contacts closed over an
        // hour ago) and would also catch anything time alone makes eligible.
        run({ type: 'tick' });
        queue.push({ kind: 'hour', t: e.t + HOUR_MS });
        // With the settings above nothing lapses within a run; should that change, tick at the deadline.
        const deadline = engine.nextDeadline(now);
        if (deadline !== null && deadline < now + HOUR_MS && deadline < tickAt) {
          tickAt = deadline;
          queue.push({ kind: 'tick', t: deadline });
        }
        break;
      }
      case 'tick':
        tickAt = Infinity;
        run({ type: 'tick' });
        break;
    }
  }
  accrue(endMs);

  return report(input, warmupHours, warmupMs, endMs, contacts, {
    busyMs,
    idleMs,
    hourBusyMs,
    hourIdleMs,
    unresolved,
    meanHandle,
    meanPatience,
  });
}

interface Totals {
  busyMs: number;
  idleMs: number;
  hourBusyMs: number[];
  hourIdleMs: number[];
  unresolved: number;
  meanHandle: number;
  meanPatience: number;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

interface Tally {
  offered: number;
  answered: number;
  answeredWithinT: number;
  waitedAtAll: number;
  abandoned: number;
  shortAbandoned: number;
  answeredWaitMs: number;
  allWaitMs: number;
  talkedMs: number;
  talkedCount: number;
}

const emptyTally = (): Tally => ({
  offered: 0,
  answered: 0,
  answeredWithinT: 0,
  waitedAtAll: 0,
  abandoned: 0,
  shortAbandoned: 0,
  answeredWaitMs: 0,
  allWaitMs: 0,
  talkedMs: 0,
  talkedCount: 0,
});

function report(
  input: SimulationInput,
  warmupHours: number,
  warmupMs: number,
  endMs: number,
  c: Contacts,
  totals: Totals,
): SimulationReport {
  const all = emptyTally();
  const byHour = Array.from({ length: 24 }, emptyTally);
  const answeredWaits: number[] = [];
  for (let i = 0; i < c.arrivedAt.length; i++) {
    const at = c.arrivedAt[i]!;
    if (at < warmupMs || at >= endMs) continue;
    const hour = byHour[hourOfDay(Math.floor((at - warmupMs) / HOUR_MS))]!;
    for (const t of [all, hour]) {
      t.offered++;
      const answered = c.answeredWait[i]!;
      const abandoned = c.abandonedWait[i]!;
      if (!Number.isNaN(answered)) {
        t.answered++;
        t.answeredWaitMs += answered;
        t.allWaitMs += answered;
        if (answered <= SERVICE_LEVEL_SECONDS * 1000) t.answeredWithinT++;
        if (answered > 0) t.waitedAtAll++;
      } else if (!Number.isNaN(abandoned)) {
        t.abandoned++;
        t.allWaitMs += abandoned;
        t.waitedAtAll++;
        if (abandoned < SHORT_ABANDON_SECONDS * 1000) t.shortAbandoned++;
      }
      if (!Number.isNaN(c.talked[i]!)) {
        t.talkedMs += c.talked[i]!;
        t.talkedCount++;
      }
    }
    if (!Number.isNaN(c.answeredWait[i]!)) answeredWaits.push(c.answeredWait[i]!);
  }
  const sl = (t: Tally) => ratio(t.answeredWithinT, t.answered + t.abandoned - t.shortAbandoned);
  const abandonRate = (t: Tally) => ratio(t.abandoned - t.shortAbandoned, t.offered - t.shortAbandoned);
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  answeredWaits.sort((x, y) => x - y);
  const p90 = answeredWaits.length > 0 ? answeredWaits[Math.ceil(0.9 * answeredWaits.length) - 1]! / 1000 : null;

  const result: SimulationReport = {
    hours: input.hours,
    warmup_hours: warmupHours,
    seed: input.seed,
    offered: all.offered,
    answered: all.answered,
    abandoned: all.abandoned,
    short_abandoned: all.shortAbandoned,
    sl20: sl(all),
    asa_s: seconds(ratio(all.answeredWaitMs, all.answered)),
    p90_wait_s: p90,
    abandon_rate: abandonRate(all),
    abandon_rate_all: ratio(all.abandoned, all.offered),
    p_wait: ratio(all.waitedAtAll, all.offered),
    mean_wait_all_s: seconds(ratio(all.allWaitMs, all.answered + all.abandoned)),
    occupancy: ratio(totals.busyMs, totals.busyMs + totals.idleMs),
    aht_s: seconds(ratio(all.talkedMs, all.talkedCount)),
    unresolved: totals.unresolved,
    erlang: erlangPrediction(input, totals.meanHandle, totals.meanPatience),
  };
  if (typeof input.arrivalsPerHour !== 'number' || typeof input.counsellors !== 'number') {
    result.by_hour = byHour.map((t, hour) => ({
      hour,
      arrivals_per_hour: hourly(input.arrivalsPerHour, hour),
      counsellors: hourly(input.counsellors, hour),
      offered: t.offered,
      sl20: sl(t),
      asa_s: seconds(ratio(t.answeredWaitMs, t.answered)),
      abandon_rate: abandonRate(t),
      occupancy: ratio(totals.hourBusyMs[hour]!, totals.hourBusyMs[hour]! + totals.hourIdleMs[hour]!),
    }));
  }
  return result;
}

/** Erlang C (and Erlang A with finite patience) for constant inputs; null for hourly profiles. */
function erlangPrediction(input: SimulationInput, meanHandle: number, meanPatience: number): ErlangPrediction | null {
  if (typeof input.arrivalsPerHour !== 'number' || typeof input.counsellors !== 'number') return null;
  const q = { arrivalsPerSecond: input.arrivalsPerHour / 3600, handleSeconds: meanHandle, agents: input.counsellors };
  if (q.arrivalsPerSecond === 0) return null;
  const c = erlangC(q, SERVICE_LEVEL_SECONDS);
  let a: ErlangPrediction['erlang_a'] = null;
  if (Number.isFinite(meanPatience) && meanPatience > 0) {
    const pq = { ...q, patienceSeconds: meanPatience };
    try {
      const r = erlangA(pq);
      a = {
        p_wait: r.pWait,
        abandon_rate_all: r.pAbandon,
        sl20: erlangAServiceLevel(pq, SERVICE_LEVEL_SECONDS, SHORT_ABANDON_SECONDS),
        asa_s: Number.isFinite(r.asaSeconds) ? r.asaSeconds : null,
        mean_wait_all_s: r.meanWaitSeconds,
        occupancy: r.occupancy,
      };
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
  }
  return {
    traffic_erlangs: c.trafficErlangs,
    erlang_c: { stable: c.stable, p_wait: c.pWait, sl20: c.serviceLevel, asa_s: c.stable ? c.asaSeconds : null, occupancy: c.occupancy },
    erlang_a: a,
    approximate: input.distribution?.handleSeconds !== undefined || input.distribution?.patienceSeconds !== undefined,
  };
}
