// Slows down password guessing: after a few failures for one login, each further failure doubles
// the wait before the next attempt is even checked. Kept in the database so restarts don't reset it.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export const FREE_FAILURES = 3;
export const MAX_DELAY_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 60 * 60_000;

export const loginKeyOf = (login: string) => login.normalize('NFC').trim().toLowerCase().slice(0, 64);

export function delaySecondsAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

/** Seconds the caller must still wait before this login may be tried, 0 when it may be tried now. */
export async function secondsLocked(tx: Transaction<DB>, loginKey: string, now: Date): Promise<number> {
  const row = await tx.selectFrom('login_attempts').select('locked_until').where('login_key', '=', loginKey).executeTakeFirst();
  if (!row?.locked_until || row.locked_until <= now) return 0;
  return Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000);
}

/** Records a failure and returns the wait it imposes (seconds). */
export async function recordLoginFailure(tx: Transaction<DB>, loginKey: string, now: Date): Promise<number> {
  const row = await tx
    .selectFrom('login_attempts')
    .select(['failures', 'last_failure_at'])
    .where('login_key', '=', loginKey)
    .forUpdate()
    .executeTakeFirst();
  const previous = row && now.getTime() - row.last_failure_at.getTime() < FORGET_AFTER_MS ? row.failures : 0;
  const failures = previous + 1;
  const delay = delaySecondsAfter(failures);
  const lockedUntil = delay > 0 ? new Date(now.getTime() + delay * 1000) : null;
  await tx
    .insertInto('login_attempts')
    .values({ login_key: loginKey, failures, last_failure_at: now, locked_until: lockedUntil })
    .onConflict((oc) => oc.column('login_key').doUpdateSet({ failures, last_failure_at: now, locked_until: lockedUntil }))
    .execute();
  return delay;
}

export async function clearLoginFailures(tx: Transaction<DB>, loginKey: string): Promise<void> {
  await tx.deleteFrom('login_attempts').where('login_key', '=', loginKey).execute();
}
