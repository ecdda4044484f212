// Staff sign-in, sign-out and own password change.
import { AppError } from '../../errors.js';
import { inUnit, type Unit } from '../../db/unitOfWork.js';
import { appendAudit } from '../audit/appendAudit.js';
import type { AuthDeps } from './context.js';
import { claimLoginAttempt, clearLoginFailures, loginKeyOf } from './loginThrottle.js';
import { dummyPasswordHash, hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { createSession, revokeSession, revokeUserSessions, type NewSession } from './sessions.js';

/** Sign-in events are about the user's own account, in the deployment-wide chain. */
const auditOwnAccount = (u: Unit, userId: string, action: string, details?: Record<string, unknown>) =>
  appendAudit(u.tx, u.now, {
    actorId: userId,
    serviceId: null,
    action,
    targetType: 'staff_user',
    targetId: userId,
    ...(details ? { details } : {}),
  });

export interface LoginResult {
  session: NewSession;
  userId: string;
}

/** Claims a throttled attempt for `key`, or refuses with the seconds left. */
async function claim(deps: AuthDeps, key: string): Promise<number> {
  const claimed = await inUnit(deps, (u) => claimLoginAttempt(u.tx, key, u.now));
  if (!claimed.allowed) throw new AppError('auth.too_many_attempts', { seconds: claimed.seconds });
  return claimed.delayIfWrong;
}

export async function login(deps: AuthDeps, input: { login: string; password: string }): Promise<LoginResult> {
  const key = loginKeyOf(input.login);
  const delayIfWrong = await claim(deps, key);

  const user = await deps.db
    .selectFrom('staff_users')
    .select(['id', 'password_hash', 'disabled'])
    .where('login', '=', key)
    .executeTakeFirst();
  // Hash work happens outside any transaction: the embedded database has one connection to share.
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);

  if (!user || user.disabled || !passwordOk) {
    // Failures against real accounts are audited; unknown logins are not, so nobody can grow the
    // append-only log by inventing logins (they are still throttled per login key).
    if (user) {
      await inUnit(deps, (u) =>
        auditOwnAccount(u, user.id, 'auth.login_failed', { reason: user.disabled ? 'disabled' : 'wrong_password' }),
      );
    }
    throw new AppError('auth.invalid_credentials', delayIfWrong > 0 ? { retryAfterSeconds: delayIfWrong } : undefined);
  }

  const session = await inUnit(deps, async (u) => {
    await clearLoginFailures(u.tx, key);
    await u.tx.updateTable('staff_users').set({ last_login_at: u.now }).where('id', '=', user.id).execute();
    await auditOwnAccount(u, user.id, 'auth.login');
    return createSession(u.tx, deps.keys, deps.session, user.id, u.now);
  });
  return { session, userId: user.id };
}

export async function logout(deps: AuthDeps, sessionId: string, userId: string): Promise<void> {
  await inUnit(deps, async (u) => {
    await revokeSession(u.tx, sessionId, u.now);
    await auditOwnAccount(u, userId, 'auth.logout');
    u.emit({ topic: `user:${userId}`, name: 'session.revoked', data: { reason: 'logout' } });
  });
}

/**
 * A user changes their own password; their other sessions end. Guessing the current password
 * from a stolen session is throttled and audited like sign-in.
 */
export async function changeOwnPassword(
  deps: AuthDeps,
  who: { userId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await deps.db
    .selectFrom('staff_users')
    .select(['login', 'password_hash'])
    .where('id', '=', who.userId)
    .executeTakeFirstOrThrow();
  const key = loginKeyOf(user.login);
  await claim(deps, key);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await inUnit(deps, (u) => auditOwnAccount(u, who.userId, 'auth.password_change_failed', { reason: 'wrong_current_password' }));
    throw new AppError('auth.wrong_password');
  }
  await inUnit(deps, (u) => clearLoginFailures(u.tx, key));
  const problems = passwordProblems(input.newPassword, user.login);
  if (input.newPassword === input.currentPassword) problems.push('too_common');
  if (problems.length > 0) throw new AppError('password.too_weak', { problems });
  const passwordHash = await hashPassword(input.newPassword);
  await inUnit(deps, async (u) => {
    await u.tx
      .updateTable('staff_users')
      .set((eb) => ({ password_hash: passwordHash, must_change_password: false, updated_at: u.now, version: eb('version', '+', 1) }))
      .where('id', '=', who.userId)
      .execute();
    await revokeUserSessions(u.tx, who.userId, u.now, who.sessionId);
    await auditOwnAccount(u, who.userId, 'auth.password_change');
    u.emit({ topic: `user:${who.userId}`, name: 'session.revoked', data: { reason: 'password_changed' } });
  });
}
