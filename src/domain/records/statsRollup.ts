// Applies records' statistics keys to the daily and monthly rollups, inside the caller's transaction
// (the one that finalizes, corrects or closes the records), so the rollups never drift from the records.
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { StatKey } from './statsKeys.js';

/** The advisory lock that makes a service's rollup writers take turns (see lockRollups). */
export const rollupLockKey = (serviceId: string) => `record_stats:${serviceId}`;

/** Keys to add (sign 1) or take back (sign −1) on a service's local day and its month. */
export interface StatDelta {
  serviceId: string;
  day: string;
  keys: readonly StatKey[];
  sign: 1 | -1;
}

/**
 * Any number of services' and days' keys in one statement; false when there was nothing to write. The
 * caller holds the rollup locks of every service in it (lockRollups), or names the one service whose
 * lock the statement takes first (`lockService`).
 */
export async function applyStatDeltas(trx: Database, deltas: readonly StatDelta[], lockService: string | null = null): Promise<boolean> {
  const rows = mergeDeltas(deltas);
  if (rows.length === 0) return false;
  const lock = lockService === null ? sql`null` : sql`pg_advisory_xact_lock(hashtextextended(${rollupLockKey(lockService)}, 0))`;
  // Sorted rows: concurrent writers lock the same rollup rows in the same order. Every key row comes
  // through the lock's row: nothing is written before the lock is held.
  await sql`
    with l as (select ${lock} as locked),
    k as (
      select k.* from l, unnest(${rows.map((r) => r.serviceId)}::uuid[], ${rows.map((r) => r.day)}::date[],
        ${rows.map((r) => r.dim)}::text[], ${rows.map((r) => r.value)}::text[], ${rows.map((r) => r.w)}::bigint[])
        as k(service_id, day, dim, value, w)),
    daily as (
      insert into record_stats_daily (service_id, day, dim, value, n)
      select service_id, day, dim, value, w from k
      on conflict (service_id, day, dim, value) do update set n = record_stats_daily.n + excluded.n
    )
    insert into record_stats_monthly (service_id, month, dim, value, n)
    select service_id, date_trunc('month', day)::date, dim, value, sum(w) from k
    group by 1, 2, 3, 4 having sum(w) <> 0 order by 1, 2, 3, 4
    on conflict (service_id, month, dim, value) do update set n = record_stats_monthly.n + excluded.n`.execute(trx);
  return true;
}

interface StatRow {
  serviceId: string;
  day: string;
  dim: string;
  value: string;
  w: number;
}

/** One row per (service, day, dim, value), weights summed with their signs, zeros dropped, sorted. */
function mergeDeltas(deltas: readonly StatDelta[]): StatRow[] {
  const sums = new Map<string, StatRow>();
  for (const { serviceId, day, keys, sign } of deltas)
    for (const [dim, value, w] of keys) {
      const id = [serviceId, day, dim, value].join('\u0000');
      const seen = sums.get(id);
      if (seen) seen.w += w * sign;
      else sums.set(id, { serviceId, day, dim, value, w: w * sign });
    }
  const order = (r: StatRow) => [r.serviceId, r.day, r.dim, r.value];
  return [...sums.values()].filter((r) => r.w !== 0).sort((a, b) => cmpTuple(order(a), order(b)));
}

/** One entry per (dim, value), sorted, weights summed. */
export function mergeKeys(keys: readonly StatKey[]): StatKey[] {
  const sums = new Map<string, StatKey>();
  for (const [dim, value, w] of keys) {
    const id = `${dim}\u0000${value}`;
    const seen = sums.get(id);
    if (seen) seen[2] += w;
    else sums.set(id, [dim, value, w]);
  }
  return [...sums.values()].filter((k) => k[2] !== 0).sort((a, b) => (a[0] === b[0] ? cmp(a[1], b[1]) : cmp(a[0], b[0])));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const cmpTuple = (a: readonly string[], b: readonly string[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return cmp(a[i]!, b[i]!);
  return 0;
};
