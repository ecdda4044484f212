// Opening hours from HSDS schedules (RFC 5545-style rows: freq, byday, opens_at, closes_at,
// timezone as a UTC offset in hours) as minutes of the week in UTC, so "open now" is one range
// test in the database. A schedule without opening times whose valid_from = valid_to is a day the
// service is closed (a holiday). Schedules no longer valid are left out.
import type { HsdsData } from '../../db/schema.js';

export const MINUTES_PER_WEEK = 7 * 24 * 60;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export interface WeeklyHours {
  /** Half-open [from, to) minute ranges of the week in UTC, Monday 00:00 = 0; merged and sorted. */
  ranges: [number, number][];
  /** ISO dates the service is closed. */
  closedDates: string[];
}

function minutesOf(time: unknown): number | null {
  if (typeof time !== 'string') return null;
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?/.exec(time);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

function daysOf(byday: unknown, freq: unknown): number[] {
  if (typeof byday === 'string' && byday.trim()) {
    const out = byday
      .split(',')
      .map((d) => DAYS.indexOf(d.trim().toUpperCase().slice(-2)))
      .filter((d) => d >= 0);
    return [...new Set(out)];
  }
  return typeof freq === 'string' && freq.toUpperCase() === 'DAILY' ? [0, 1, 2, 3, 4, 5, 6] : [];
}

function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * @param defaultOffsetHours the owner's UTC offset, for schedules that do not give a timezone.
 * @param today ISO date, to leave out schedules whose valid_to has passed.
 */
export function weeklyHours(schedules: readonly HsdsData[], defaultOffsetHours: number, today: string): WeeklyHours {
  const ranges: [number, number][] = [];
  const closedDates = new Set<string>();
  for (const s of schedules) {
    const validTo = typeof s.valid_to === 'string' ? s.valid_to.slice(0, 10) : null;
    const opens = minutesOf(s.opens_at);
    const closes = minutesOf(s.closes_at);
    if (opens === null || closes === null) {
      const from = typeof s.valid_from === 'string' ? s.valid_from.slice(0, 10) : null;
      if (from && from === validTo && from >= today) closedDates.add(from);
      continue;
    }
    if (validTo && validTo < today) continue;
    const offset = typeof s.timezone === 'number' && Number.isFinite(s.timezone) ? s.timezone : defaultOffsetHours;
    const length = closes > opens ? closes - opens : closes === opens ? 24 * 60 : closes + 24 * 60 - opens;
    for (const day of daysOf(s.byday, s.freq)) {
      const start = (((day * 1440 + opens - Math.round(offset * 60)) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
      const end = start + length;
      if (end <= MINUTES_PER_WEEK) ranges.push([start, end]);
      else ranges.push([start, MINUTES_PER_WEEK], [0, end - MINUTES_PER_WEEK]);
    }
  }
  return { ranges: merge(ranges), closedDates: [...closedDates].sort() };
}

/** The ranges as a Postgres int4multirange literal; null when no opening hours are known. */
export function multirangeLiteral(ranges: readonly [number, number][]): string | null {
  return ranges.length ? `{${ranges.map(([a, b]) => `[${a},${b})`).join(',')}}` : null;
}

/** The minute of the week (UTC, Monday 00:00 = 0) of an instant. */
export function minuteOfWeek(at: Date): number {
  const day = (at.getUTCDay() + 6) % 7;
  return day * 1440 + at.getUTCHours() * 60 + at.getUTCMinutes();
}
