// Slows down password guessing: after a few failures for one login, each further failure doubles
// the wait before the next attempt is even checked. Kept in the database so restarts don't reset it.
// An attempt is claimed (counted) under a row lock *before* the password is hashed, so parallel
// requests cannot all slip through while the first ones are still being checked.
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

export type Claim = { allowed: true; delayIfWrong: number } | { allowed: false; seconds: number };

/**
 * Counts this attempt as a failure up front (a success clears it) and says whether it may be
 * checked at all. `delayIfWrong` is the wait the attempt imposes if the password turns out wrong.
 */
export async function claimLoginAttempt(tx: Transaction<DB>, loginKey: string, now: Date): Promise<Claim> {
  await tx
    .insertInto('login_attempts')
    .values({ login_key: loginKey, failures: 0, last_failure_at: now, locked_until: null })
    .onConflict((oc) => oc.column('login_key').doNothing())
    .execute();
  const row = await tx
    .selectFrom('login_attempts')
    .select(['failures', 'last_failure_at', 'locked_until'])
    .where('login_key', '=', loginKey)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.locked_until && row.locked_until > now) {
    return { allowed: false, seconds: Math.ceil((row.locked_until.getTime() - now.getTime()) / 1000) };
  }
  const previous = now.getTime() - row.last_failure_at.getTime() < FORGET_AFTER_MS ? row.failures : 0;
  const failures = previous + 1;
  const delay = delaySecondsAfter(failures);
  await tx
    .updateTable('login_attempts')
    .set({ failures, last_failure_at: now, locked_until: delay > 0 ? new Date(now.getTime() + delay * 1000) : null })
    .where('login_key', '=', loginKey)
    .execute();
  return { allowed: true, delayIfWrong: delay };
}

export async function clearLoginFailures(tx: Transaction<DB>, loginKey: string): Promise<void> {
  await tx.deleteFrom('login_attempts').where('login_key', '=', loginKey).execute();
}
