// The shape of the synthetic network's contacts: shares from DOMAIN.md and research/domain.md, as
// cumulative thresholds for SQL's width_bucket (K categories → the first K − 1 cumulative sums).
// Everything random on the JavaScript side comes from one seeded generator, so a scale is reproducible
// up to PostgreSQL's own random() (the per-record draws).
import { REASON_CODES } from '../../src/domain/records/classificationSeed.js';
import type { NationalRow } from '../../src/domain/records/vocabulary.js';
import { REGIONS } from './regions.js';

/** Mulberry32: small, fast, seeded. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** width_bucket thresholds of a list of weights: bucket i (0-based) has probability w[i] / Σw. */
export function thresholds(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  for (const w of weights.slice(0, -1)) out.push((acc += w) / total);
  return out;
}

export const FIRST_YEAR = 2011;
export const YEARS = 15;

/** Local hour of arrival, 0–23: a night trough and an evening peak (after school, before sleep). */
export const HOUR_WEIGHTS = [1.5, 1, 0.7, 0.5, 0.4, 0.4, 0.6, 1.2, 2.2, 3, 3.6, 4, 4.3, 4.6, 5, 5.4, 5.8, 6.3, 6.8, 7.2, 7.4, 6.8, 5.2, 3];
/** ISO weekday 1–7: slightly more on school days' starts, fewer on Friday and Saturday. */
const WEEKDAY_WEIGHTS = [1.05, 1.05, 1.02, 1, 0.95, 0.9, 1];
/** Fewer contacts in the summer holidays and the New Year break. */
const MONTH_WEIGHTS = [0.85, 1.05, 1.08, 1.06, 1.02, 0.85, 0.75, 0.78, 1.05, 1.1, 1.12, 1.02];

/** Unanswered: abandoned 8 % (a share of them before the greeting ends), expired 1 %. */
export const OUTCOMES = { abandoned: 0.08, expired: 0.01 };

/** Non-counselling answered contacts (research: silent, dropped and pranks dominate). */
export const OTHER_TYPES = ['silent', 'dropped', 'prank', 'abusive', 'wrong_number', 'test', 'thanks', 'info_line', 'info_services'];
export const OTHER_TYPE_WEIGHTS = [26, 30, 19, 4, 6, 2, 5, 5, 3];

/** Caller type: the child share varies by service (60–78 %), the rest 70 % parents, 30 % other adults. */
export const CHILD_SHARE = [0.6, 0.78];
export const COUNSELLING_SHARE = [0.45, 0.76];

export const AGE_GROUPS = ['under_10', '10_14', '15_17', '18_plus', 'unknown'];
/** Age group of the child: when the child calls, and when an adult calls about a child. */
export const AGE_WEIGHTS_CHILD = [4, 38, 50, 3, 5];
export const AGE_WEIGHTS_ADULT = [35, 33, 20, 2, 10];
export const GENDERS = ['girl', 'boy', 'unknown'];
export const GENDER_WEIGHTS = [58, 34, 8];
export const RISKS = ['none', 'low', 'moderate', 'high', 'imminent', 'unknown'];
export const RISK_WEIGHTS = [70, 17, 6, 1.5, 0.3, 5.2];
/** Screener answers that give each level (riskLevelOf), so a record's answers and level agree. */
export const RISK_ANSWERS: Record<string, object | null> = {
  none: { q1: 'no', q2: 'no' },
  low: { q1: 'yes', q2: 'no' },
  moderate: { q1: 'yes', q2: 'yes', q3: 'no', q4: 'no', q5: 'no', q6: 'no' },
  high: { q1: 'yes', q2: 'yes', q3: 'yes' },
  imminent: { q1: 'yes', q2: 'yes', q4: 'yes', q5: 'yes', means_available: 'yes', alone: 'yes' },
  unknown: null,
};
export const LOCALITIES = ['city', 'town', 'rural', 'unknown'];
export const LOCALITY_WEIGHTS = [58, 25, 13, 4];
export const HEARD = ['school', 'internet', 'social_media', 'friends', 'family', 'leaflet', 'tv_radio', 'specialist', 'repeat', 'other'];
export const HEARD_WEIGHTS = [28, 18, 14, 8, 7, 6, 4, 5, 6, 4];
export const VULNERABLE = [
  'disability',
  'orphan',
  'foster_family',
  'difficult_situation',
  'migrant',
  'low_income',
  'in_care_institution',
  'in_conflict_with_law',
];
/** Number of reasons of a counselling record: 1 (55 %), 2 (30 %), 3 (15 %). */
export const REASON_COUNT_WEIGHTS = [55, 30, 15];

/** Share of counselling reasons by national row (regional services' published reports). */
const ROW_WEIGHTS: Record<NationalRow, number> = {
  parent_child: 22,
  mental_state: 18,
  peers: 14,
  school: 10,
  other: 7,
  health_sexuality: 6,
  suicidal: 5,
  cruelty_family: 5,
  cruelty_peers: 4,
  career: 4,
  addictions: 2,
  cruelty_outside_family: 1.5,
  sexual_violence: 1.5,
};

/** Every national code, its national row, and its weight (its row's share split among the row's codes). */
export function reasonTable(): { codes: string[]; rows: string[]; weights: number[] } {
  const perRow = new Map<string, number>();
  for (const r of REASON_CODES) perRow.set(r.nationalRow, (perRow.get(r.nationalRow) ?? 0) + 1);
  return {
    codes: REASON_CODES.map((r) => r.code),
    rows: REASON_CODES.map((r) => r.nationalRow),
    weights: REASON_CODES.map((r) => ROW_WEIGHTS[r.nationalRow] / perRow.get(r.nationalRow)!),
  };
}

export interface ServicePlan {
  region: string;
  timeZone: string;
  /** Share of the network's contacts. */
  weight: number;
  counsellingShare: number;
  childShare: number;
  /** Index of the partner service that answers some of its overflow (same region if it has two). */
  partner: number;
}

/** 230 services over the 85 regions: one each, the rest by population; volumes by population with noise. */
export function planServices(count: number, rand: () => number): ServicePlan[] {
  const regionOf: number[] = REGIONS.map((_, i) => i);
  const pop = REGIONS.map((r) => r[2]);
  const total = pop.reduce((a, b) => a + b, 0);
  const cdf = thresholds(pop);
  while (regionOf.length < count) {
    const u = rand();
    let i = 0;
    while (i < cdf.length && u >= cdf[i]!) i++;
    regionOf.push(i);
  }
  const perRegion = new Map<number, number[]>();
  regionOf.forEach((r, s) => perRegion.set(r, [...(perRegion.get(r) ?? []), s]));
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const raw = regionOf.map((r) => (REGIONS[r]![2] / total / perRegion.get(r)!.length) * Math.exp(0.4 * normal()));
  const sum = raw.reduce((a, b) => a + b, 0);
  return regionOf.map((r, s) => {
    const mates = perRegion.get(r)!;
    return {
      region: REGIONS[r]![0],
      timeZone: REGIONS[r]![1],
      weight: raw[s]! / sum,
      counsellingShare: COUNSELLING_SHARE[0]! + rand() * (COUNSELLING_SHARE[1]! - COUNSELLING_SHARE[0]!),
      childShare: CHILD_SHARE[0]! + rand() * (CHILD_SHARE[1]! - CHILD_SHARE[0]!),
      partner: mates.length > 1 ? mates[(mates.indexOf(s) + 1) % mates.length]! : (s + 1) % count,
    };
  });
}

export interface MonthPlan {
  /** First day, YYYY-MM-DD. */
  start: string;
  yearIndex: number;
  /** Share of all contacts in this month. */
  share: number;
  /** width_bucket thresholds over the month's days (weekday weights). */
  dayThresholds: number[];
  /** width_bucket thresholds over voice, chat, messenger: chat grows from 1 % to 22 %, messengers from year 7. */
  channelThresholds: number[];
}

export function planMonths(): MonthPlan[] {
  const months: MonthPlan[] = [];
  for (let y = 0; y < YEARS; y++) {
    for (let m = 0; m < 12; m++) {
      const days = new Date(Date.UTC(FIRST_YEAR + y, m + 1, 0)).getUTCDate();
      const dayWeights = Array.from(
        { length: days },
        (_, d) => WEEKDAY_WEIGHTS[(new Date(Date.UTC(FIRST_YEAR + y, m, d + 1)).getUTCDay() + 6) % 7]!,
      );
      const chat = 0.01 + 0.015 * y;
      const messenger = Math.max(0, (y - 6) * 0.012);
      months.push({
        start: `${FIRST_YEAR + y}-${String(m + 1).padStart(2, '0')}-01`,
        yearIndex: y,
        share: (0.55 + 0.045 * y) * MONTH_WEIGHTS[m]! * dayWeights.reduce((a, b) => a + b, 0),
        dayThresholds: thresholds(dayWeights),
        channelThresholds: [1 - chat - messenger, 1 - messenger],
      });
    }
  }
  const total = months.reduce((a, m) => a + m.share, 0);
  for (const m of months) m.share /= total;
  return months;
}

/** Contacts of each service in a month, rounded stochastically so the total stays near the target. */
export function monthCounts(total: number, month: MonthPlan, services: readonly ServicePlan[], rand: () => number): number[] {
  return services.map((s) => {
    const x = total * month.share * s.weight;
    return Math.floor(x) + (rand() < x - Math.floor(x) ? 1 : 0);
  });
}
