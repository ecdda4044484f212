// The Russian production calendar (производственный календарь) that signal deadlines count in.
// The law gives the non-working holidays (Labour Code art. 112) and moves a holiday that falls on a
// Saturday or Sunday to the next working day — except the January ones, whose days off the
// government moves each year by decree. The decree and a region's own holidays are not known in
// advance, so each service adds them: extra days off, and extra working days (a working Saturday).
import { addDays } from '../records/reportPeriod.js';

/** A service's additions to the law's calendar ('YYYY-MM-DD' days). */
export interface CalendarAdditions {
  extraDaysOff: readonly string[];
  extraWorkingDays: readonly string[];
}

export const NO_ADDITIONS: CalendarAdditions = { extraDaysOff: [], extraWorkingDays: [] };

/** Art. 112: New Year holidays (1–6 and 8 January) and Christmas (7 January), whose weekend clashes the decree moves. */
const JANUARY = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08'];
/** Art. 112's other holidays: a Saturday or Sunday one gives its day off to the next working day. */
const MOVABLE = ['02-23', '03-08', '05-01', '05-09', '06-12', '11-04'];

const weekend = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};

const lawDaysOff = new Map<number, Set<string>>();

/** The law's non-working days of a year besides Saturdays and Sundays: holidays and the days off they moved to. */
function daysOffOf(year: number): Set<string> {
  let off = lawDaysOff.get(year);
  if (off) return off;
  const y = String(year).padStart(4, '0');
  off = new Set([...JANUARY, ...MOVABLE].map((md) => `${y}-${md}`));
  for (const md of MOVABLE) {
    const holiday = `${y}-${md}`;
    if (!weekend(holiday)) continue;
    let d = addDays(holiday, 1);
    while (weekend(d) || off.has(d)) d = addDays(d, 1);
    off.add(d);
  }
  lawDaysOff.set(year, off);
  return off;
}

/** Whether `day` is a working day: the service's additions first, then the law's holidays, then the weekend. */
export function isWorkingDay(day: string, additions: CalendarAdditions = NO_ADDITIONS): boolean {
  if (additions.extraWorkingDays.includes(day)) return true;
  if (additions.extraDaysOff.includes(day)) return false;
  return !weekend(day) && !daysOffOf(Number(day.slice(0, 4))).has(day);
}
