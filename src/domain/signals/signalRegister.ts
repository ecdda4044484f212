// The register (журнал сигналов): each signal gets an outgoing number per service per year when it
// is approved (or sent urgently). The number comes from a counter row bumped in the same transaction:
// concurrent approvals queue on that row, and an approval that rolls back gives its number back, so
// the numbers of a year run 1, 2, 3, … with no gaps and no duplicates.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localDay } from './signalDeadlines.js';

export interface Registration {
  year: number;
  seq: number;
  /** The service-local day of registration: the letter's date. */
  day: string;
}

export async function serviceTimeZone(tx: Transaction<DB>, serviceId: string): Promise<string> {
  const s = await tx.selectFrom('services').select('time_zone').where('id', '=', serviceId).executeTakeFirstOrThrow();
  return s.time_zone;
}

export async function register(tx: Transaction<DB>, serviceId: string, now: Date): Promise<Registration> {
  const day = localDay(now, await serviceTimeZone(tx, serviceId));
  const year = Number(day.slice(0, 4));
  const row = await tx
    .insertInto('signal_counters')
    .values({ service_id: serviceId, year, last_seq: 1 })
    .onConflict((oc) => oc.columns(['service_id', 'year']).doUpdateSet({ last_seq: sql<number>`signal_counters.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return { year, seq: row.last_seq, day };
}

/** The columns a registration writes onto the signal. */
export const registrationColumns = (r: Registration, now: Date) => ({
  number_year: r.year,
  number_seq: r.seq,
  registered_at: now,
  registered_day: r.day,
});
