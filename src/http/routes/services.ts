// Services (tenants): list, read, create (admin), change (admin or the service's head).
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import { createService, updateService } from '../../domain/tenants/serviceCommands.js';
import { getService, listServices } from '../../domain/tenants/serviceQueries.js';
import { newServiceSchema, servicePatchSchema, serviceViewSchema } from '../../domain/tenants/serviceSchemas.js';
import { unitDeps } from '../deps.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App, AppDeps } from '../types.js';

const idParams = z.object({ serviceId: idInput() }).strict();

export function serviceRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/services',
    { schema: { tags: ['services'], response: withErrors({ 200: z.object({ items: z.array(serviceViewSchema) }) }) } },
    async (request) => ({ items: await listServices(deps.db, actorOf(request)) }),
  );

  app.post(
    '/api/services',
    { schema: { tags: ['services'], body: newServiceSchema, response: withErrors({ 201: serviceViewSchema }) } },
    async (request, reply) => reply.code(201).send(await createService(unitDeps(deps), actorOf(request), request.body)),
  );

  app.get(
    '/api/services/:serviceId',
    { schema: { tags: ['services'], params: idParams, response: withErrors({ 200: serviceViewSchema }) } },
    async (request) => getService(deps.db, actorOf(request), request.params.serviceId),
  );

  app.patch(
    '/api/services/:serviceId',
    { schema: { tags: ['services'], params: idParams, body: servicePatchSchema, response: withErrors({ 200: serviceViewSchema }) } },
    async (request) => updateService(unitDeps(deps), actorOf(request), request.params.serviceId, request.body),
  );
}
