// Role grants of one staff member: storing them and the rules about admins.
import { sql } from 'kysely';
import type { Unit } from '../../db/unitOfWork.js';
import type { Grant } from '../auth/policy.js';

export function dedupeGrants(grants: readonly Grant[]): Grant[] {
  const seen = new Map<string, Grant>();
  for (const g of grants) seen.set(`${g.serviceId ?? ''}/${g.role}`, { serviceId: g.serviceId, role: g.role });
  return [...seen.values()].sort((a, b) => a.role.localeCompare(b.role) || (a.serviceId ?? '').localeCompare(b.serviceId ?? ''));
}

export async function insertGrants(u: Unit, userId: string, grants: readonly Grant[]): Promise<void> {
  if (grants.length === 0) return;
  await u.tx
    .insertInto('role_grants')
    .values(grants.map((g) => ({ user_id: userId, service_id: g.serviceId, role: g.role, created_at: u.now })))
    .execute();
}

/**
 * Enabled admins other than `except`: the deployment must never be left without one. Callers that
 * may remove an admin serialise on one lock, so two admins disabling each other at once cannot
 * both see the other as the remaining one.
 */
export async function otherActiveAdmins(u: Unit, except: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtextextended('staff:admins', 0))`.execute(u.tx);
  const row = await u.tx
    .selectFrom('role_grants as g')
    .innerJoin('staff_users as s', 's.id', 'g.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('g.role', '=', 'admin')
    .where('s.disabled', '=', false)
    .where('s.id', '!=', except)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const sameGrant = (a: Grant, b: Grant) => a.serviceId === b.serviceId && a.role === b.role;
