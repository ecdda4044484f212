// Applies a record's statistics keys to the daily and monthly rollups, inside the caller's transaction
// (the one that finalizes, corrects or closes the record), so the rollups never drift from the records.
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { StatKey } from './statsKeys.js';

/** The advisory lock that makes a service's rollup writers take turns (see lockRollups). */
export const rollupLockKey = (serviceId: string) => `record_stats:${serviceId}`;

/**
 * Adds (sign 1) or takes back (sign −1) the keys on a service's local day and its month; false when
 * there was nothing to write. With `lock`, the same statement first takes the service's rollup lock
 * (lockRollups without its own round trip).
 */
export async function applyStatKeys(
  trx: Database,
  serviceId: string,
  day: string,
  keys: readonly StatKey[],
  sign: 1 | -1,
  lock = false,
): Promise<boolean> {
  const merged = mergeKeys(keys);
  if (merged.length === 0) return false;
  const dims = merged.map((k) => k[0]);
  const values = merged.map((k) => k[1]);
  const weights = merged.map((k) => k[2] * sign);
  const month = `${day.slice(0, 7)}-01`;
  // One statement for both tables; sorted keys: concurrent writers lock the same rollup rows in the same order.
  await sql`
    with l as (select ${lock ? sql`pg_advisory_xact_lock(hashtextextended(${rollupLockKey(serviceId)}, 0))` : sql`null`} as locked),
    -- Every key row comes through the lock's row: nothing is written before the lock is held.
    k as (select k.* from l, unnest(${dims}::text[], ${values}::text[], ${weights}::bigint[]) as k(dim, value, w)),
    daily as (
      insert into record_stats_daily (service_id, day, dim, value, n)
      select ${serviceId}::uuid, ${day}::date, k.dim, k.value, k.w from k
      on conflict (service_id, day, dim, value) do update set n = record_stats_daily.n + excluded.n
    )
    insert into record_stats_monthly (service_id, month, dim, value, n)
    select ${serviceId}::uuid, ${month}::date, k.dim, k.value, k.w from k
    on conflict (service_id, month, dim, value) do update set n = record_stats_monthly.n + excluded.n`.execute(trx);
  return true;
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
