// Deadlines of a signal in working days of its service — its time zone and its production calendar
// (./workingCalendar.ts: the law's holidays plus the service's additions) — and what is overdue at a
// given instant (the clock is the caller's, so tests move it).
import { addDays, localDayStart } from '../records/reportPeriod.js';
import { isWorkingDay, NO_ADDITIONS, type CalendarAdditions } from './workingCalendar.js';

/** The local calendar day ('YYYY-MM-DD') of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The n-th working day after `day` (n ≥ 1). */
export function addWorkingDays(day: string, n: number, calendar: CalendarAdditions = NO_ADDITIONS): string {
  let d = day;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/** When n working days after `from` run out: the end of the n-th working day after its local day. */
export function workingDeadline(from: Date, n: number, timeZone: string, calendar: CalendarAdditions = NO_ADDITIONS): Date {
  return localDayStart(addDays(addWorkingDays(localDay(from, timeZone), n, calendar), 1), timeZone);
}

export const OVERDUE_KINDS = ['acknowledgement', 'outcome', 'review'] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

/**
 * What a signal is overdue for at `now`: the agencies' acknowledgement, the outcome, or a
 * supervisor's review of a signal sent urgently without approval (due at once).
 */
export function overdueOf(
  s: { status: string; ack_due_at: Date | null; outcome_due_at: Date | null; sent_without_approval: boolean; reviewed_at: Date | null },
  now: Date,
): OverdueKind[] {
  const out: OverdueKind[] = [];
  if (s.status === 'sent' && s.ack_due_at !== null && s.ack_due_at.getTime() < now.getTime()) out.push('acknowledgement');
  if ((s.status === 'sent' || s.status === 'acknowledged') && s.outcome_due_at !== null && s.outcome_due_at.getTime() < now.getTime())
    out.push('outcome');
  if (s.sent_without_approval && s.reviewed_at === null) out.push('review');
  return out;
}
