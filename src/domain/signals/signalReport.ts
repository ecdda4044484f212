// Signals for a period (by their registration day in the service's time zone): how many, to which
// kinds of agency, for what reasons, with what outcomes. Aggregates only; as in the contacts report,
// a region or the network (and a service's report seen by a national analyst or admin) shows every
// count from 1 to 4 as '<5', so no child can be singled out. Totals stay exact.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { Actor } from '../auth/policy.js';
import type { Label } from '../records/labels.js';
import { planReport, REPORT_SCOPES, type ReportParams } from '../records/reportData.js';
import { SUPPRESSED } from '../records/reportSchemas.js';
import {
  AGENCY_TYPE_LABELS,
  AGENCY_TYPES,
  SIGNAL_OUTCOME_LABELS,
  SIGNAL_OUTCOMES,
  SIGNAL_REASON_LABELS,
  SIGNAL_REASONS,
  URGENCIES,
  URGENCY_LABELS,
} from './signalVocabulary.js';

const cell = z.union([z.number(), z.literal(SUPPRESSED)]);
const row = z.object({ key: z.string(), label: z.object({ ru: z.string(), en: z.string() }), n: cell });
export const signalReportSchema = z.object({
  scope: z.enum(REPORT_SCOPES),
  from: z.iso.date(),
  to: z.iso.date(),
  suppressed: z.boolean(),
  /** Signals registered in the period (exact). */
  total: z.number().int(),
  /** Addressees by kind of agency (a signal to two agencies counts in both rows). */
  byAddresseeType: z.array(row),
  byReason: z.array(row),
  byUrgency: z.array(row),
  /** 'pending': no outcome reported yet. */
  byOutcome: z.array(row),
});
export type SignalReport = z.infer<typeof signalReportSchema>;

const PENDING: Label = { ru: 'Результат ещё не получен', en: 'No outcome yet' };

export async function signalReport(db: Database, actor: Actor, params: ReportParams): Promise<SignalReport> {
  const plan = await planReport(db, actor, params);
  const scoped = db
    .selectFrom('signals as s')
    .where('s.registered_day', '>=', plan.period.from)
    .where('s.registered_day', '<=', plan.period.to)
    .$if(plan.serviceIds !== 'all', (q) =>
      plan.serviceIds.length === 0 ? q.where(sql<boolean>`false`) : q.where('s.service_id', 'in', plan.serviceIds as string[]),
    );
  const counts = async (column: 's.reason' | 's.urgency' | 's.outcome') =>
    scoped
      .select([sql<string>`coalesce(${sql.ref(column)}, 'pending')`.as('key'), sql<number>`count(*)::int`.as('n')])
      .groupBy(sql.ref(column))
      .execute();
  const [reasons, urgencies, outcomes, types, total] = await Promise.all([
    counts('s.reason'),
    counts('s.urgency'),
    counts('s.outcome'),
    scoped
      .innerJoin('signal_addressees as a', 'a.signal_id', 's.id')
      .select(['a.agency_type as key', sql<number>`count(*)::int`.as('n')])
      .groupBy('a.agency_type')
      .execute(),
    scoped.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst(),
  ]);
  const hide = plan.suppress;
  const rows = (found: { key: string; n: number }[], keys: readonly string[], labels: Record<string, Label>) => {
    const by = new Map(found.map((r) => [r.key, r.n]));
    return keys.map((key) => {
      const n = by.get(key) ?? 0;
      return { key, label: labels[key]!, n: hide && n >= 1 && n <= 4 ? (SUPPRESSED as typeof SUPPRESSED) : n };
    });
  };
  return {
    scope: plan.scope,
    from: plan.period.from,
    to: plan.period.to,
    suppressed: hide,
    total: total?.n ?? 0,
    byAddresseeType: rows(types, AGENCY_TYPES, AGENCY_TYPE_LABELS),
    byReason: rows(reasons, SIGNAL_REASONS, SIGNAL_REASON_LABELS),
    byUrgency: rows(urgencies, URGENCIES, URGENCY_LABELS),
    byOutcome: rows(outcomes, [...SIGNAL_OUTCOMES, 'pending'], { ...SIGNAL_OUTCOME_LABELS, pending: PENDING }),
  };
}
