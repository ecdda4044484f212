// Reading staff accounts within the actor's scope (SQL-scoped for lists, policy-checked for one).
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, StaffUserRow } from '../../db/schema.js';
import { grantsOf } from '../auth/sessions.js';
import { enforce, managedServices, policy, visibleGrants, type Actor, type Decision, type Grant } from '../auth/policy.js';
import type { StaffView } from './staffSchemas.js';

export const toStaffView = (u: StaffUserRow, grants: Grant[], viewer: Actor): StaffView => ({
  id: u.id,
  login: u.login,
  pseudonym: u.pseudonym,
  fullName: u.full_name,
  disabled: u.disabled,
  mustChangePassword: u.must_change_password,
  lastLoginAt: u.last_login_at?.toISOString() ?? null,
  grants: visibleGrants(viewer, grants),
  version: u.version,
  createdAt: u.created_at.toISOString(),
  canManage: policy.manageStaff(viewer, grants) === 'allow',
});

export async function listStaff(db: Database, actor: Actor, filter: { serviceId?: string }): Promise<StaffView[]> {
  enforce(policy.listStaff(actor, filter.serviceId), 'service.not_found');
  const managed = managedServices(actor);
  let q = db.selectFrom('staff_users as u').selectAll('u').orderBy('u.login');
  const scope = filter.serviceId ? [filter.serviceId] : managed === 'all' ? undefined : managed;
  if (scope) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants as g')
          .select(sql`1`.as('one'))
          .whereRef('g.user_id', '=', 'u.id')
          .where('g.service_id', 'in', scope),
      ),
    );
  }
  const users = await q.execute();
  if (users.length === 0) return [];
  const grants = await db
    .selectFrom('role_grants')
    .select(['user_id', 'service_id', 'role'])
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .orderBy('role')
    .execute();
  const byUser = new Map<string, Grant[]>();
  for (const g of grants) {
    const list = byUser.get(g.user_id) ?? [];
    list.push({ serviceId: g.service_id, role: g.role });
    byUser.set(g.user_id, list);
  }
  return users.map((u) => toStaffView(u, byUser.get(u.id) ?? [], actor));
}

/** Loads one account and checks the actor may act on it; outsiders get staff.not_found. */
export async function loadStaffFor(
  db: Database | Transaction<DB>,
  actor: Actor,
  id: string,
  decide: (actor: Actor, target: readonly Grant[]) => Decision,
  lock = false,
): Promise<{ row: StaffUserRow; grants: Grant[] }> {
  let q = db.selectFrom('staff_users').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  const grants = row ? await grantsOf(db, id) : [];
  enforce(row ? decide(actor, grants) : 'not_found', 'staff.not_found');
  return { row: row as StaffUserRow, grants };
}

export async function getStaff(db: Database, actor: Actor, id: string): Promise<StaffView> {
  const { row, grants } = await loadStaffFor(db, actor, id, policy.viewStaff);
  return toStaffView(row, grants, actor);
}
