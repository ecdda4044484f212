// Sign-in, sign-out, the current user, and changing one's own password.
import { z } from 'zod';
import { changeOwnPassword, login, logout } from '../../domain/auth/login.js';
import { currentUser } from '../../domain/auth/currentUser.js';
import { ROLES } from '../../domain/auth/policy.js';
import { withErrors } from '../errorBody.js';
import { actorOf, cookieName, cookieOptions } from '../sessionHooks.js';
import type { App, AppDeps } from '../types.js';
import { authDeps } from '../deps.js';

const meBody = z.object({
  user: z.object({
    id: z.uuid(),
    login: z.string(),
    pseudonym: z.string(),
    fullName: z.string(),
    mustChangePassword: z.boolean(),
    grants: z.array(z.object({ serviceId: z.uuid().nullable(), role: z.enum(ROLES) })),
  }),
  services: z.array(z.object({ id: z.uuid(), name: z.string(), shortName: z.string().nullable(), timeZone: z.string() })),
  permissions: z.object({
    manageServices: z.boolean(),
    manageStaff: z.boolean(),
    managedServiceIds: z.array(z.uuid()),
    allServices: z.boolean(),
    nationalStatistics: z.boolean(),
    dutyServiceIds: z.array(z.uuid()),
    superviseServiceIds: z.array(z.uuid()),
    directoryEditServiceIds: z.array(z.uuid()),
    directoryExportServiceIds: z.array(z.uuid()),
    directoryPublishServiceIds: z.array(z.uuid()),
    caseSettingsServiceIds: z.array(z.uuid()),
  }),
  csrfToken: z.string(),
  sessionExpiresAt: z.iso.datetime({ offset: true }),
});

const credentials = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict();

export function authRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/auth/login',
    { config: { access: 'public' }, schema: { tags: ['auth'], body: credentials, response: withErrors({ 204: z.null() }) } },
    async (request, reply) => {
      const { session } = await login(authDeps(deps), request.body);
      void reply.setCookie(cookieName(deps), session.token, cookieOptions(deps, session.expiresAt));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'staff-pending' }, schema: { tags: ['auth'], response: withErrors({ 204: z.null() }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      await logout(authDeps(deps), actor.sessionId, actor.userId);
      void reply.clearCookie(cookieName(deps), cookieOptions(deps));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'staff-pending' }, schema: { tags: ['auth'], response: withErrors({ 200: meBody }) } },
    async (request) => currentUser(deps.db, deps.config.secrets, request.session!, request.sessionToken!),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'staff-pending' },
      schema: {
        tags: ['auth'],
        body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }).strict(),
        response: withErrors({ 204: z.null() }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await changeOwnPassword(authDeps(deps), { userId: actor.userId, sessionId: actor.sessionId }, request.body);
      return reply.code(204).send(null);
    },
  );
}
