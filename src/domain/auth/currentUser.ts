// The signed-in user as the SPA needs it: who they are, their services, what they may do, and
// the CSRF token for their session.
import type { Database } from '../../db/database.js';
import { listServices } from '../tenants/serviceQueries.js';
import { permissionsOf } from './policy.js';
import { csrfTokenOf, type ActiveSession, type SessionKeys } from './sessions.js';

export async function currentUser(db: Database, keys: SessionKeys, session: ActiveSession, token: string) {
  const actor = { userId: session.userId, grants: session.grants };
  const services = await listServices(db, actor);
  return {
    user: {
      id: session.userId,
      login: session.login,
      pseudonym: session.pseudonym,
      fullName: session.fullName,
      mustChangePassword: session.mustChangePassword,
      grants: session.grants,
    },
    services: services.map(({ id, name, shortName, timeZone }) => ({ id, name, shortName, timeZone })),
    permissions: permissionsOf(actor),
    csrfToken: csrfTokenOf(keys, token),
    sessionExpiresAt: session.expiresAt.toISOString(),
  };
}
