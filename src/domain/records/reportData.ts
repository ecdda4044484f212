// What a statistics report covers (scope, period, whether small cells are suppressed) and its
// counts, summed from the rollups: the monthly table for whole months, the daily table for the
// partial months at the ends. A national year is then at most a few hundred thousand rollup rows.
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { checkPeriod, sliceForRollups, yearChunks, type Period } from './reportPeriod.js';

export const REPORT_SCOPES = ['service', 'region', 'network'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

export interface ReportParams {
  scope: ReportScope;
  serviceId?: string | undefined;
  region?: string | undefined;
  from: string;
  to: string;
}

export interface ReportPlan {
  scope: ReportScope;
  period: Period;
  service: { id: string; name: string; region: string } | null;
  region: string | null;
  /** The services counted; 'all' for the network. */
  serviceIds: string[] | 'all';
  /** Counts of 1–4 (and what is computed from them) are hidden. */
  suppress: boolean;
}

/** Checks the period and the caller's right to the scope, and resolves the services it covers. */
export async function planReport(db: Database, actor: Actor, p: ReportParams): Promise<ReportPlan> {
  const period = { from: p.from, to: p.to };
  if (p.scope === 'service') {
    const serviceId = p.serviceId!;
    enforce(policy.viewServiceReport(actor, serviceId), 'service.not_found');
    checkPeriod(period);
    const service = await db.selectFrom('services').select(['id', 'name', 'region']).where('id', '=', serviceId).executeTakeFirst();
    if (!service) throw new AppError('service.not_found');
    return {
      scope: 'service',
      period,
      service,
      region: null,
      serviceIds: [service.id],
      suppress: !policy.exactServiceReport(actor, serviceId),
    };
  }
  enforce(policy.viewNationalReport(actor), 'service.not_found');
  checkPeriod(period);
  if (p.scope === 'network') return { scope: 'network', period, service: null, region: null, serviceIds: 'all', suppress: true };
  const region = p.region!;
  const rows = await db.selectFrom('services').select('id').where('region', '=', region).execute();
  return { scope: 'region', period, service: null, region, serviceIds: rows.map((r) => r.id), suppress: true };
}

/** Counts keyed by `dim` and `value` (see statsKeys.ts). */
export class Counts {
  private readonly m = new Map<string, number>();
  add(dim: string, value: string, n: number): void {
    const k = `${dim}\u0000${value}`;
    this.m.set(k, (this.m.get(k) ?? 0) + n);
  }
  get(dim: string, value: string): number {
    return this.m.get(`${dim}\u0000${value}`) ?? 0;
  }
  /** Every value of a dimension that has a count. */
  values(dim: string): string[] {
    const prefix = `${dim}\u0000`;
    return [...this.m.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }
}

/**
 * Sums the rollups over the plan's period, a calendar year at a time; `onChunk(done, total)` after
 * each year (an export's progress).
 */
export async function loadCounts(db: Database, plan: ReportPlan, onChunk?: (done: number, total: number) => void): Promise<Counts> {
  const counts = new Counts();
  const chunks = yearChunks(plan.period);
  for (const [i, chunk] of chunks.entries()) {
    if (plan.serviceIds === 'all' || plan.serviceIds.length > 0) {
      const slice = sliceForRollups(chunk);
      const parts = [
        ...(slice.months ? [monthlySums(db, plan.serviceIds, slice.months)] : []),
        ...slice.days.map((d) => dailySums(db, plan.serviceIds, d)),
      ];
      for (const rows of await Promise.all(parts)) for (const r of rows) counts.add(r.dim, r.value, r.n);
    }
    onChunk?.(i + 1, chunks.length);
  }
  return counts;
}

type Sums = Promise<{ dim: string; value: string; n: number }[]>;

function monthlySums(db: Database, services: string[] | 'all', [first, last]: [string, string]): Sums {
  let q = db
    .selectFrom('record_stats_monthly')
    .select(['dim', 'value', sql<number>`sum(n)::bigint`.as('n')])
    .where('month', '>=', first)
    .where('month', '<=', last);
  if (services !== 'all') q = q.where('service_id', 'in', services);
  return q.groupBy(['dim', 'value']).execute();
}

function dailySums(db: Database, services: string[] | 'all', [first, last]: [string, string]): Sums {
  let q = db
    .selectFrom('record_stats_daily')
    .select(['dim', 'value', sql<number>`sum(n)::bigint`.as('n')])
    .where('day', '>=', first)
    .where('day', '<=', last);
  if (services !== 'all') q = q.where('service_id', 'in', services);
  return q.groupBy(['dim', 'value']).execute();
}

export interface ReasonInfo {
  code: string;
  labelRu: string;
  labelEn: string;
  categoryCode: string;
  categoryRu: string;
  categoryEn: string;
  nationalRow: string;
  categoryPosition: number;
  position: number;
}

/** Labels and categories of the reason codes a report counts. */
export async function reasonInfo(db: Database, codes: readonly string[]): Promise<Map<string, ReasonInfo>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('reason_codes as r')
    .innerJoin('reason_categories as c', 'c.code', 'r.category_code')
    .select([
      'r.code',
      'r.label_ru as labelRu',
      'r.label_en as labelEn',
      'r.category_code as categoryCode',
      'c.label_ru as categoryRu',
      'c.label_en as categoryEn',
      'r.national_row as nationalRow',
      'c.position as categoryPosition',
      'r.position',
    ])
    .where('r.code', 'in', [...codes])
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}
