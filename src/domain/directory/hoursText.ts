// Opening hours as a counsellor reads them out: "Пн–Пт 09:00–18:00; Сб 10:00–15:00", "круглосуточно",
// from HSDS schedules (weekly rows with byday/opens_at/closes_at; rows without times whose
// valid_from = valid_to are days the service is closed; other rows without times say it in words).
import type { HsdsData } from '../../db/schema.js';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_NAMES = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];
const MAX_CLOSED_SHOWN = 3;

/** 'HH:MM' of an HSDS time ('10:00', '10:00:00'); null when it is not a time. */
export function hhmm(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{1,2}):(\d{2})/.exec(v);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) return null;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** The weekdays (0 = Monday) a schedule row names: its byday, or every day for a daily one. */
export function scheduleDays(s: HsdsData): number[] {
  if (typeof s.byday === 'string' && s.byday.trim()) {
    const days = s.byday.split(',').map((d) => DAYS.indexOf(d.trim().toUpperCase().slice(-2)));
    return [...new Set(days.filter((d) => d >= 0))].sort((a, b) => a - b);
  }
  return typeof s.freq === 'string' && s.freq.toUpperCase() === 'DAILY' ? [0, 1, 2, 3, 4, 5, 6] : [];
}

/** "Пн–Пт", "Сб, Вс", "Пн, Ср, Пт": runs of three or more days with a dash. */
function dayList(days: number[]): string {
  const runs: [number, number][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  return runs
    .flatMap(([a, b]) => (b - a >= 2 ? [`${DAY_NAMES[a]}–${DAY_NAMES[b]}`] : b === a ? [DAY_NAMES[a]!] : [DAY_NAMES[a]!, DAY_NAMES[b]!]))
    .join(', ');
}

const dayMonth = (iso: string, today: string) =>
  `${iso.slice(8, 10)}.${iso.slice(5, 7)}${iso.slice(0, 4) === today.slice(0, 4) ? '' : `.${iso.slice(0, 4)}`}`;

/**
 * @param today ISO date: schedules that ended before it are left out, and only closed days from it on are named.
 * @returns null when the schedules say nothing.
 */
export function hoursText(schedules: readonly HsdsData[], today: string): string | null {
  const perDay: string[][] = DAYS.map(() => []);
  const words: string[] = [];
  const closed = new Set<string>();
  for (const s of schedules) {
    const from = typeof s.valid_from === 'string' ? s.valid_from.slice(0, 10) : null;
    const to = typeof s.valid_to === 'string' ? s.valid_to.slice(0, 10) : null;
    const opens = hhmm(s.opens_at);
    const closes = hhmm(s.closes_at);
    if (opens === null || closes === null) {
      if (from && from === to) {
        if (from >= today) closed.add(from);
      } else if (typeof s.description === 'string' && s.description.trim()) words.push(s.description.trim());
      continue;
    }
    if (to && to < today) continue;
    const span =
      opens === closes || (opens === '00:00' && (closes === '24:00' || closes === '00:00')) ? 'круглосуточно' : `${opens}–${closes}`;
    for (const d of scheduleDays(s)) if (!perDay[d]!.includes(span)) perDay[d]!.push(span);
  }
  const parts: string[] = [];
  const texts = perDay.map((spans) => (spans.includes('круглосуточно') ? 'круглосуточно' : spans.sort().join(', ')));
  if (texts.every((t) => t === 'круглосуточно')) parts.push('круглосуточно');
  else {
    const groups = new Map<string, number[]>();
    texts.forEach((t, d) => {
      if (t) groups.set(t, [...(groups.get(t) ?? []), d]);
    });
    for (const [t, days] of [...groups.entries()].sort((a, b) => a[1][0]! - b[1][0]!)) parts.push(`${dayList(days)} ${t}`);
  }
  parts.push(...words);
  const upcoming = [...closed].sort().slice(0, MAX_CLOSED_SHOWN);
  if (upcoming.length) parts.push(`не работает ${upcoming.map((d) => dayMonth(d, today)).join(', ')}`);
  return parts.length ? parts.join('; ') : null;
}
