// Disabling, enabling and resetting the password of a staff account. Disabling or resetting ends
// the member's sessions at once (their open workstation is told over the realtime hub).
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { policy, type Actor } from '../auth/policy.js';
import { generatePassword, hashPassword, passwordProblems } from '../auth/passwords.js';
import { revokeUserSessions } from '../auth/sessions.js';
import type { StaffView } from './staffSchemas.js';
import { recordStaffChange } from './staffEvents.js';
import { loadStaffFor, toStaffView } from './staffQueries.js';
import { otherActiveAdmins } from './grants.js';

export async function setStaffDisabled(deps: UnitDeps, actor: Actor, id: string, disabled: boolean): Promise<StaffView> {
  if (disabled && id === actor.userId) throw new AppError('staff.cannot_change_self');
  return inUnit(deps, async (u) => {
    const { row, grants } = await loadStaffFor(u.tx, actor, id, policy.manageStaff, true);
    if (row.disabled === disabled) return toStaffView(row, grants, actor);
    if (disabled && grants.some((g) => g.role === 'admin') && (await otherActiveAdmins(u, id)) === 0) {
      throw new AppError('staff.last_admin');
    }
    const updated = await u.tx
      .updateTable('staff_users')
      .set({ disabled, disabled_at: disabled ? u.now : null, version: row.version + 1, updated_at: u.now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (disabled) {
      await revokeUserSessions(u.tx, id, u.now);
      u.emit({ topic: `user:${id}`, name: 'session.revoked', data: { reason: 'disabled' } });
    }
    await recordStaffChange(u, actor, id, grants, disabled ? 'staff.disable' : 'staff.enable');
    return toStaffView(updated, grants, actor);
  });
}

export async function resetStaffPassword(
  deps: UnitDeps,
  actor: Actor,
  id: string,
  input: { password?: string | undefined },
): Promise<{ staff: StaffView; temporaryPassword?: string }> {
  const target = await loadStaffFor(deps.db, actor, id, policy.manageStaff);
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? (generated as string);
  const problems = passwordProblems(password, target.row.login);
  if (problems.length > 0) throw new AppError('password.too_weak', { problems });
  const passwordHash = await hashPassword(password);
  const staff = await inUnit(deps, async (u) => {
    const { row, grants } = await loadStaffFor(u.tx, actor, id, policy.manageStaff, true);
    const updated = await u.tx
      .updateTable('staff_users')
      .set({ password_hash: passwordHash, must_change_password: true, version: row.version + 1, updated_at: u.now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await revokeUserSessions(u.tx, id, u.now);
    u.emit({ topic: `user:${id}`, name: 'session.revoked', data: { reason: 'password_reset' } });
    await recordStaffChange(u, actor, id, grants, 'staff.password_reset');
    return toStaffView(updated, grants, actor);
  });
  return { staff, ...(generated ? { temporaryPassword: generated } : {}) };
}
