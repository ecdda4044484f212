// Calendar days as a helpline service counts them: records and signals are filed by the service's
// local day, so a report's default period ("this month so far") is taken in the service's time
// zone, not the browser's or UTC (at 00:30 in Moscow it is still yesterday in UTC).
import type { ServiceSummary } from '../types';

/** 'YYYY-MM-DD' of `at` in `timeZone` (the browser's own zone when none is known). */
export function dayIn(timeZone: string | undefined, at: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    // An unknown zone name: the browser's own day rather than no default at all.
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  }
}

/** This month so far, in the service's days. */
export function monthSoFar(service?: Pick<ServiceSummary, 'timeZone'>, at: Date = new Date()): { from: string; to: string } {
  const to = dayIn(service?.timeZone, at);
  return { from: `${to.slice(0, 8)}01`, to };
}
