// Creating a staff account. The creator sets or generates a first password; the new member must
// replace it at first sign-in, so nobody else knows a password in use.
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/pgErrors.js';
import { AppError } from '../../errors.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { generatePassword, hashPassword, passwordProblems } from '../auth/passwords.js';
import type { NewStaff, StaffView } from './staffSchemas.js';
import { recordStaffChange } from './staffEvents.js';
import { toStaffView } from './staffQueries.js';
import { dedupeGrants, insertGrants } from './grants.js';

export async function createStaff(
  deps: UnitDeps,
  actor: Actor,
  input: NewStaff,
): Promise<{ staff: StaffView; temporaryPassword?: string }> {
  const grants = dedupeGrants(input.grants);
  for (const g of grants) enforce(policy.changeGrant(actor, g), 'service.not_found');
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? (generated as string);
  const problems = passwordProblems(password, input.login);
  if (problems.length > 0) throw new AppError('password.too_weak', { problems });
  const passwordHash = await hashPassword(password);
  try {
    const staff = await inUnit(deps, async (u) => {
      const row = await u.tx
        .insertInto('staff_users')
        .values({
          login: input.login,
          pseudonym: input.pseudonym,
          full_name: input.fullName,
          password_hash: passwordHash,
          must_change_password: true,
          created_at: u.now,
          updated_at: u.now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await insertGrants(u, row.id, grants);
      await recordStaffChange(u, actor, row.id, grants, 'staff.create', { login: row.login, grants });
      return toStaffView(row, grants, actor);
    });
    return { staff, ...(generated ? { temporaryPassword: generated } : {}) };
  } catch (err) {
    if (isUniqueViolation(err, 'staff_users_login_key')) throw new AppError('staff.login_taken');
    if (isForeignKeyViolation(err)) throw new AppError('service.not_found');
    throw err;
  }
}
