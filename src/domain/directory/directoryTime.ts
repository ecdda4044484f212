// The owner's clock for directory writes: the day an entry is verified on and the UTC offset its
// opening hours are given in are the helpline's own (national entries: Moscow's).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';

export const NATIONAL_TIME_ZONE = 'Europe/Moscow';

/** The helpline's time zone; a helpline that does not exist is service.not_found. */
export async function ownerTimeZone(tx: Transaction<DB>, tenantId: string | null): Promise<string> {
  if (tenantId === null) return NATIONAL_TIME_ZONE;
  const row = await tx.selectFrom('services').select('time_zone').where('id', '=', tenantId).executeTakeFirst();
  if (!row) throw new AppError('service.not_found');
  return row.time_zone;
}

/** The ISO date in a time zone at an instant. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The UTC offset of a time zone at an instant, in hours (HSDS schedule.timezone). */
export function utcOffsetHours(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name?.value ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : 0;
}

/** An instant after both now and the previous write, so every save moves updatedAt on (a frozen test clock included). */
export const after = (now: Date, previous: Date): Date => new Date(Math.max(now.getTime(), previous.getTime() + 1));
