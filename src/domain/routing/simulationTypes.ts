// The simulation's inputs, report shapes and shared conventions (simulation.ts runs it).

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

export const HOUR_MS = 3_600_000;
/** Beyond this the run would take minutes; it is a staffing tool, not a soak test. */
export const MAX_EXPECTED_CONTACTS = 5_000_000;

// ---------------------------------------------------------------------------------------------

/** Per-contact record, in arrays indexed by contact number (ids are `c<number>`). */
export interface Contacts {
  arrivedAt: number[];
  handle: number[];
  /** Wait until answered, NaN if not answered (yet). */
  answeredWait: number[];
  /** Wait until abandoned, NaN if not abandoned. */
  abandonedWait: number[];
  /** Handle time actually spent, NaN until ended. */
  talked: number[];
}

export const hourly = (v: number | readonly number[], hour: number): number => (typeof v === 'number' ? v : v[hour]!);
export const hourOfDay = (hourIndex: number): number => ((hourIndex % 24) + 24) % 24;
export const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
