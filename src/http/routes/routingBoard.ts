// The supervisor's side of routing: the live board, assign / take / presence of others, care plans,
// and operating statistics over a window.
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import { createCarePlan, deleteCarePlan, listCarePlans } from '../../domain/routing/live/carePlans.js';
import { assignContact, setPresenceOf, takeContact, type RoutingDeps } from '../../domain/routing/live/routingCommands.js';
import { serviceBoard } from '../../domain/routing/live/board.js';
import { serviceStatistics } from '../../domain/routing/live/statistics.js';
import { boardViewSchema, carePlanViewSchema, contactViewSchema, workstationViewSchema } from '../../domain/routing/live/viewSchemas.js';
import { serviceStatisticsSchema } from '../../domain/routing/metricsSchema.js';
import { SETTABLE_PRESENCES } from '../../domain/routing/types.js';
import type { UnitDeps } from '../../db/unitOfWork.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const commandId = idInput();
const serviceParams = z.object({ serviceId: idInput() }).strict();
const contactParams = z.object({ contactId: idInput() }).strict();
const tags = ['routing'];

const windowQuery = z
  .object({
    window: z.enum(['15m', 'today', 'custom']).default('15m'),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((q) => q.window !== 'custom' || (q.from !== undefined && q.to !== undefined), {
    message: 'from and to are required',
    path: ['from'],
  });

export function routingBoardRoutes(app: App, deps: RoutingDeps & UnitDeps): void {
  app.get(
    '/api/routing/services/:serviceId/board',
    { schema: { tags, params: serviceParams, response: withErrors({ 200: boardViewSchema }) } },
    async (request) => serviceBoard(deps, actorOf(request), request.params.serviceId),
  );

  app.get(
    '/api/routing/services/:serviceId/statistics',
    { schema: { tags, params: serviceParams, querystring: windowQuery, response: withErrors({ 200: serviceStatisticsSchema }) } },
    async (request) => {
      const q = request.query;
      const w = q.window === 'custom' ? { window: 'custom' as const, from: q.from!, to: q.to! } : { window: q.window };
      return serviceStatistics(deps, actorOf(request), request.params.serviceId, w);
    },
  );

  app.post(
    '/api/routing/contacts/:contactId/assign',
    {
      schema: {
        tags,
        params: contactParams,
        body: z.object({ commandId, staffId: idInput() }).strict(),
        response: withErrors({ 200: z.object({ contact: contactViewSchema }) }),
      },
    },
    async (request) => assignContact(deps, actorOf(request), request.params.contactId, request.body),
  );

  app.post(
    '/api/routing/contacts/:contactId/take',
    {
      schema: { tags, params: contactParams, body: z.object({ commandId }).strict(), response: withErrors({ 200: workstationViewSchema }) },
    },
    async (request) => takeContact(deps, actorOf(request), request.params.contactId, request.body),
  );

  app.put(
    '/api/routing/services/:serviceId/counsellors/:staffId/presence',
    {
      schema: {
        tags,
        params: z.object({ serviceId: idInput(), staffId: idInput() }).strict(),
        body: z.object({ commandId, presence: z.enum(SETTABLE_PRESENCES) }).strict(),
        response: withErrors({ 200: workstationViewSchema }),
      },
    },
    async (request) => setPresenceOf(deps, actorOf(request), request.params.serviceId, request.params.staffId, request.body),
  );

  app.get(
    '/api/routing/services/:serviceId/care-plans',
    { schema: { tags, params: serviceParams, response: withErrors({ 200: z.object({ items: z.array(carePlanViewSchema) }) }) } },
    async (request) => ({ items: await listCarePlans(deps, actorOf(request), request.params.serviceId) }),
  );

  app.post(
    '/api/routing/services/:serviceId/care-plans',
    {
      schema: {
        tags,
        params: serviceParams,
        body: z.object({ contactId: idInput(), preferredStaffId: idInput() }).strict(),
        response: withErrors({ 201: carePlanViewSchema }),
      },
    },
    async (request, reply) => {
      const plan = await createCarePlan(deps, actorOf(request), request.params.serviceId, request.body);
      // Arrivals after this answer are routed with the plan.
      await deps.routing.facts.reloadCarePlans(request.params.serviceId);
      return reply.code(201).send(plan);
    },
  );

  app.delete(
    '/api/routing/services/:serviceId/care-plans/:carePlanId',
    {
      schema: {
        tags,
        params: z.object({ serviceId: idInput(), carePlanId: idInput() }).strict(),
        response: withErrors({ 204: z.null() }),
      },
    },
    async (request, reply) => {
      await deleteCarePlan(deps, actorOf(request), request.params.serviceId, request.params.carePlanId);
      await deps.routing.facts.reloadCarePlans(request.params.serviceId);
      return reply.code(204).send(null);
    },
  );
}
