// Server-side staff sessions. The browser holds a random token in an httpOnly cookie; the database
// holds only its HMAC, so a leaked table cannot be replayed. The CSRF token is derived from the token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
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
export const TOUCH_EVERY_MS = 60_000;

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

/** A session as stored, with its user and grants: what `liveSession` decides on. */
export interface SessionRow {
  id: string;
  userId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  login: string;
  pseudonym: string;
  fullName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  grants: Grant[];
}

/** Sessions by id, with their users and grants, in one round trip (unknown ids are absent). */
export async function loadSessions(db: Database, ids: readonly string[]): Promise<Map<string, SessionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select((eb) => [
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
      jsonArrayFrom(
        eb
          .selectFrom('role_grants as g')
          .select(['g.service_id as serviceId', 'g.role'])
          .whereRef('g.user_id', '=', 's.user_id')
          .orderBy('g.role')
          .orderBy('g.service_id'),
      ).as('grants'),
    ])
    .where('s.id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        userId: r.user_id,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
        login: r.login,
        pseudonym: r.pseudonym,
        fullName: r.full_name,
        disabled: r.disabled,
        mustChangePassword: r.must_change_password,
        grants: r.grants.map((g) => ({ serviceId: g.serviceId, role: g.role })),
      },
    ]),
  );
}

/** The live session of a row, or undefined when revoked, idle too long, past its end, or the user is disabled. */
export function liveSession(row: SessionRow | undefined, settings: SessionSettings, now: Date): ActiveSession | undefined {
  if (!row || row.revokedAt || row.disabled) return undefined;
  if (row.expiresAt <= now || row.lastSeenAt.getTime() + settings.idleMs <= now.getTime()) return undefined;
  return {
    id: row.id,
    userId: row.userId,
    login: row.login,
    pseudonym: row.pseudonym,
    fullName: row.fullName,
    mustChangePassword: row.mustChangePassword,
    grants: row.grants,
    expiresAt: row.expiresAt,
  };
}

export async function grantsOf(db: Database | Transaction<DB>, userId: string): Promise<Grant[]> {
  const rows = await db.selectFrom('role_grants').select(['service_id', 'role']).where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => ({ serviceId: r.service_id, role: r.role }));
}

/**
 * The people are active: extends the idle window of sessions that are still live (never revives an
 * ended one, never moves `last_seen_at` back). One statement for many sessions.
 */
export async function touchSessions(db: Database, settings: SessionSettings, touches: readonly { id: string; at: Date }[]): Promise<void> {
  if (touches.length === 0) return;
  await sql`
    update sessions s set last_seen_at = t.at
    from unnest(${touches.map((t) => t.id)}::text[], ${touches.map((t) => t.at)}::timestamptz[]) as t (id, at)
    where s.id = t.id and s.revoked_at is null and s.expires_at > t.at and s.last_seen_at < t.at
      and s.last_seen_at > t.at - make_interval(secs => ${settings.idleMs / 1000})`.execute(db);
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
