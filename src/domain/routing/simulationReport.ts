// The simulation's report: tallies of the measured contacts, and the Erlang prediction beside them.
import { erlangA, erlangAServiceLevel, erlangC } from './erlang.js';
import {
  HOUR_MS,
  hourly,
  hourOfDay,
  SERVICE_LEVEL_SECONDS,
  SHORT_ABANDON_SECONDS,
  type Contacts,
  type ErlangPrediction,
  type SimulationInput,
  type SimulationReport,
} from './simulationTypes.js';

export interface Totals {
  busyMs: number;
  idleMs: number;
  hourBusyMs: number[];
  hourIdleMs: number[];
  unresolved: number;
  meanHandle: number;
  meanPatience: number;
}

export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export interface Tally {
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

export const emptyTally = (): Tally => ({
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

export function report(
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
export function erlangPrediction(input: SimulationInput, meanHandle: number, meanPatience: number): ErlangPrediction | null {
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
