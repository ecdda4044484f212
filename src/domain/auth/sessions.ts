// Server-side staff sessions. The browser holds a random token in an httpOnly cookie; the database
// holds only its HMAC, so a leaked table cannot be replayed. The CSRF token is derived from the token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Grant } from './policy.js';

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
}

export interface SessionKeys {
  sessionSecret: Buffer;
}

/** Sessions touched less than this long ago are not re-written on every request. */
const TOUCH_EVERY_MS = 60_000;

const mac = (keys: SessionKeys, value: string) => createHmac('sha256', keys.sessionSecret).update(value).digest('base64url');

export const sessionIdOf = (keys: SessionKeys, token: string) => mac(keys, `session:${token}`);
export const csrfTokenOf = (keys: SessionKeys, token: string) => mac(keys, `csrf:${token}`);

export function csrfMatches(keys: SessionKeys, token: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenOf(keys, token));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  tx: Transaction<DB>,
  keys: SessionKeys,
  settings: SessionSettings,
  userId: string,
  now: Date,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + settings.absoluteMs);
  await tx
    .insertInto('sessions')
    .values({ id: sessionIdOf(keys, token), user_id: userId, created_at: now, last_seen_at: now, expires_at: expiresAt, revoked_at: null })
    .execute();
  return { token, csrfToken: csrfTokenOf(keys, token), expiresAt };
}

export interface ActiveSession {
  id: string;
  userId: string;
  login: string;
  pseudonym: string;
  fullName: string;
  mustChangePassword: boolean;
  grants: Grant[];
  expiresAt: Date;
}

/** The live session for a token, or undefined when unknown, revoked, idle too long, past its end, or the user is disabled. */
export async function resolveSession(
  db: Database,
  keys: SessionKeys,
  settings: SessionSettings,
  token: string,
  now: Date,
  /** false for background re-checks (an open socket), which must not count as activity. */
  touch = true,
): Promise<ActiveSession | undefined> {
  const id = sessionIdOf(keys, token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'u.login',
      'u.pseudonym',
      'u.full_name',
      'u.disabled',
      'u.must_change_password',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled) return undefined;
  if (row.expires_at <= now || row.last_seen_at.getTime() + settings.idleMs <= now.getTime()) return undefined;
  if (touch && now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  const grants = await grantsOf(db, row.user_id);
  return {
    id,
    userId: row.user_id,
    login: row.login,
    pseudonym: row.pseudonym,
    fullName: row.full_name,
    mustChangePassword: row.must_change_password,
    grants,
    expiresAt: row.expires_at,
  };
}

export async function grantsOf(db: Database | Transaction<DB>, userId: string): Promise<Grant[]> {
  const rows = await db.selectFrom('role_grants').select(['service_id', 'role']).where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => ({ serviceId: r.service_id, role: r.role }));
}

/** The person is active: extends the idle window of a session that is still live (never revives an ended one). */
export async function touchSession(db: Database, settings: SessionSettings, id: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - settings.idleMs))
    .execute();
}

export async function revokeSession(tx: Transaction<DB>, id: string, now: Date): Promise<void> {
  await tx.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a user (disabled, password reset); returns how many were live. */
export async function revokeUserSessions(tx: Transaction<DB>, userId: string, now: Date, except?: string): Promise<number> {
  let q = tx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (except) q = q.where('id', '!=', except);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function purgeEndedSessions(db: Database, settings: SessionSettings, now: Date): Promise<number> {
  const idleCutoff = new Date(now.getTime() - settings.idleMs);
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff), eb('revoked_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
