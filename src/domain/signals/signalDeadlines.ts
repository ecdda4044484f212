// Deadlines of a signal in working days of its service's time zone, and what is overdue at a given
// instant (the clock is the caller's, so tests move it). Working days skip Saturdays and Sundays;
// public holidays and the government's moved working days (производственный календарь) are not
// modelled yet, so a deadline over a holiday comes a day early — on the safe side.
import { addDays, localDayStart } from '../records/reportPeriod.js';

/** The local calendar day ('YYYY-MM-DD') of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const weekend = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};

/** The n-th working day after `day` (n ≥ 1). */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (!weekend(d)) left--;
  }
  return d;
}

/** When n working days after `from` run out: the end of the n-th working day after its local day. */
export function workingDeadline(from: Date, n: number, timeZone: string): Date {
  return localDayStart(addDays(addWorkingDays(localDay(from, timeZone), n), 1), timeZone);
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
