// Periods of local calendar days ('YYYY-MM-DD', both ends included): validation, the instants a
// service's local day starts at, and the split of a period into what the rollups answer — whole
// months from the monthly table, the partial months at either end from the daily table.
import { AppError } from '../../errors.js';

export interface Period {
  from: string;
  to: string;
}

/** Longest report period: 20 years (e.g. 2006-01-01 to 2025-12-31). */
export const MAX_PERIOD_YEARS = 20;

const DAY_MS = 86_400_000;
const toUtc = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => fromUtc(toUtc(day) + n * DAY_MS);

/** The first day of the month `n` months after `day`'s month. */
export function addMonths(day: string, n: number): string {
  const d = new Date(toUtc(day));
  return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

/** from ≤ to and the period spans at most 20 years; else 400 report.period_invalid. */
export function checkPeriod(p: Period): void {
  // The day 20 years after `from` is the first day outside (29 February moves to 1 March in a common year).
  const limit = Date.UTC(+p.from.slice(0, 4) + MAX_PERIOD_YEARS, +p.from.slice(5, 7) - 1, +p.from.slice(8, 10));
  if (p.from > p.to || toUtc(p.to) >= limit) throw new AppError('report.period_invalid', { from: p.from, to: p.to });
}

/** How a stretch of days is read from the rollups: whole months (monthly) and single days (daily). */
export interface RollupSlice {
  /** First and last whole month ('YYYY-MM-01'), or null when the stretch holds no whole month. */
  months: [string, string] | null;
  /** Stretches of days read from the daily table (the partial months at the ends). */
  days: [string, string][];
}

export function sliceForRollups(p: Period): RollupSlice {
  const firstWhole = p.from === monthStart(p.from) ? p.from : addMonths(p.from, 1);
  const afterLastWhole = addDays(p.to, 1) === monthStart(addDays(p.to, 1)) ? addDays(p.to, 1) : monthStart(p.to);
  if (firstWhole >= afterLastWhole) return { months: null, days: [[p.from, p.to]] };
  const days: [string, string][] = [];
  if (p.from < firstWhole) days.push([p.from, addDays(firstWhole, -1)]);
  if (afterLastWhole <= p.to) days.push([afterLastWhole, p.to]);
  return { months: [firstWhole, addMonths(afterLastWhole, -1)], days };
}

/** The period cut at calendar years, so a long report is read (and its export's progress counted) a year at a time. */
export function yearChunks(p: Period): Period[] {
  const chunks: Period[] = [];
  let from = p.from;
  while (from <= p.to) {
    const yearEnd = `${from.slice(0, 4)}-12-31`;
    const to = yearEnd < p.to ? yearEnd : p.to;
    chunks.push({ from, to });
    from = addDays(to, 1);
  }
  return chunks;
}

/** The instant a local calendar day starts in a time zone. */
export function localDayStart(day: string, timeZone: string): Date {
  const wall = toUtc(day);
  // The zone's offset at the guess, then again at the corrected instant (a change of offset that day).
  let at = wall - offsetAt(wall, timeZone);
  at = wall - offsetAt(at, timeZone);
  return new Date(at);
}

function offsetAt(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** 'YYYY-MM-DD' as the Russian reports write it: 'DD.MM.YYYY'. */
export const ruDate = (day: string): string => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
