// Changing a staff account: names and roles (optimistic concurrency on `version`).
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { isForeignKeyViolation } from '../../db/pgErrors.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import type { StaffPatch, StaffView } from './staffSchemas.js';
import { recordStaffChange } from './staffEvents.js';
import { loadStaffFor, toStaffView } from './staffQueries.js';
import { dedupeGrants, insertGrants, otherActiveAdmins, sameGrant } from './grants.js';

export async function updateStaff(deps: UnitDeps, actor: Actor, id: string, patch: StaffPatch): Promise<StaffView> {
  try {
    return await change(deps, actor, id, patch);
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new AppError('service.not_found');
    throw err;
  }
}

async function change(deps: UnitDeps, actor: Actor, id: string, patch: StaffPatch): Promise<StaffView> {
  return inUnit(deps, async (u) => {
    const { row, grants: before } = await loadStaffFor(u.tx, actor, id, policy.manageStaff, true);
    if (row.version !== patch.version) throw new AppError('resource.version_conflict', { currentVersion: row.version });
    let grants = before;
    if (patch.grants) {
      grants = dedupeGrants(patch.grants);
      const added = grants.filter((g) => !before.some((b) => sameGrant(b, g)));
      const removed = before.filter((b) => !grants.some((g) => sameGrant(b, g)));
      for (const g of [...added, ...removed]) enforce(policy.changeGrant(actor, g), 'service.not_found');
      const losesAdmin = removed.some((g) => g.role === 'admin');
      if (losesAdmin && id === actor.userId) throw new AppError('staff.cannot_change_self');
      if (losesAdmin && !row.disabled && (await otherActiveAdmins(u, id)) === 0) throw new AppError('staff.last_admin');
      await u.tx.deleteFrom('role_grants').where('user_id', '=', id).execute();
      await insertGrants(u, id, grants);
    }
    const updated = await u.tx
      .updateTable('staff_users')
      .set({
        ...(patch.pseudonym !== undefined ? { pseudonym: patch.pseudonym } : {}),
        ...(patch.fullName !== undefined ? { full_name: patch.fullName } : {}),
        version: row.version + 1,
        updated_at: u.now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changes: Record<string, unknown> = {};
    if (updated.pseudonym !== row.pseudonym) changes.pseudonym = { from: row.pseudonym, to: updated.pseudonym };
    if (updated.full_name !== row.full_name) changes.fullName = { from: row.full_name, to: updated.full_name };
    if (patch.grants) changes.grants = { from: before, to: grants };
    await recordStaffChange(u, actor, id, [...before, ...grants], 'staff.update', { changes });
    return toStaffView(updated, grants, actor);
  });
}
