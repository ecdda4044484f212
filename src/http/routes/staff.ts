// Staff accounts: list, read, create, change names and roles, disable/enable, reset password.
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import { PASSWORD_MAX } from '../../domain/auth/passwords.js';
import { createStaff } from '../../domain/staff/createStaff.js';
import { resetStaffPassword, setStaffDisabled } from '../../domain/staff/accountActions.js';
import { getStaff, listStaff } from '../../domain/staff/staffQueries.js';
import { newStaffSchema, staffPatchSchema, staffViewSchema } from '../../domain/staff/staffSchemas.js';
import { updateStaff } from '../../domain/staff/updateStaff.js';
import { getRoutingProfile, routingProfileSchema, setRoutingProfile } from '../../domain/staff/routingProfile.js';
import { unitDeps } from '../deps.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App, AppDeps } from '../types.js';

const idParams = z.object({ userId: idInput() }).strict();
const withPassword = z.object({ staff: staffViewSchema, temporaryPassword: z.string().optional() });

export function staffRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/staff',
    {
      schema: {
        tags: ['staff'],
        querystring: z.object({ serviceId: idInput().optional() }).strict(),
        response: withErrors({ 200: z.object({ items: z.array(staffViewSchema) }) }),
      },
    },
    async (request) => ({ items: await listStaff(deps.db, actorOf(request), request.query) }),
  );

  app.post(
    '/api/staff',
    { schema: { tags: ['staff'], body: newStaffSchema, response: withErrors({ 201: withPassword }) } },
    async (request, reply) => reply.code(201).send(await createStaff(unitDeps(deps), actorOf(request), request.body)),
  );

  app.get(
    '/api/staff/:userId',
    { schema: { tags: ['staff'], params: idParams, response: withErrors({ 200: staffViewSchema }) } },
    async (request) => getStaff(deps.db, actorOf(request), request.params.userId),
  );

  app.patch(
    '/api/staff/:userId',
    { schema: { tags: ['staff'], params: idParams, body: staffPatchSchema, response: withErrors({ 200: staffViewSchema }) } },
    async (request) => updateStaff(unitDeps(deps), actorOf(request), request.params.userId, request.body),
  );

  app.post(
    '/api/staff/:userId/disable',
    { schema: { tags: ['staff'], params: idParams, response: withErrors({ 200: staffViewSchema }) } },
    async (request) => setStaffDisabled(unitDeps(deps), actorOf(request), request.params.userId, true),
  );

  app.post(
    '/api/staff/:userId/enable',
    { schema: { tags: ['staff'], params: idParams, response: withErrors({ 200: staffViewSchema }) } },
    async (request) => setStaffDisabled(unitDeps(deps), actorOf(request), request.params.userId, false),
  );

  app.post(
    '/api/staff/:userId/reset-password',
    {
      schema: {
        tags: ['staff'],
        params: idParams,
        body: z
          .object({
            password: z
              .string()
              .max(PASSWORD_MAX * 4)
              .optional(),
          })
          .strict()
          .default({}),
        response: withErrors({ 200: withPassword }),
      },
    },
    async (request) => resetStaffPassword(unitDeps(deps), actorOf(request), request.params.userId, request.body),
  );

  const profileView = z.object({ languages: z.array(z.string()), skills: z.array(z.string()) });

  app.get(
    '/api/staff/:userId/routing-profile',
    { schema: { tags: ['staff'], params: idParams, response: withErrors({ 200: profileView }) } },
    async (request) => getRoutingProfile(deps.db, actorOf(request), request.params.userId),
  );

  app.put(
    '/api/staff/:userId/routing-profile',
    { schema: { tags: ['staff'], params: idParams, body: routingProfileSchema, response: withErrors({ 200: profileView }) } },
    async (request) => setRoutingProfile(unitDeps(deps), actorOf(request), request.params.userId, request.body),
  );
}
