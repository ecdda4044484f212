// Around the signals: the agencies a service's signals can go to (its own list and the referral
// directory's agency entries), and the signals report for a period (aggregates only).
import { z } from 'zod';
import type { UnitDeps } from '../../db/unitOfWork.js';
import { idInput } from '../../domain/ids.js';
import { reportParamsSchema } from '../../domain/records/reportSchemas.js';
import {
  addAgency,
  addresseeChoices,
  addresseeChoicesSchema,
  agencyViewSchema,
  changeAgency,
} from '../../domain/signals/signalAgencies.js';
import { signalReport, signalReportSchema } from '../../domain/signals/signalReport.js';
import { agencyPatchSchema, newAgencySchema } from '../../domain/signals/signalSchemas.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const tags = ['signals'];
const serviceParams = z.object({ serviceId: idInput() }).strict();

export function signalSupportRoutes(app: App, deps: UnitDeps): void {
  app.get(
    '/api/services/:serviceId/signal-agencies',
    { schema: { tags, params: serviceParams, response: withErrors({ 200: addresseeChoicesSchema }) } },
    async (request) => addresseeChoices(deps.db, actorOf(request), request.params.serviceId),
  );

  app.post(
    '/api/services/:serviceId/signal-agencies',
    { schema: { tags, params: serviceParams, body: newAgencySchema, response: withErrors({ 201: agencyViewSchema }) } },
    async (request, reply) => reply.code(201).send(await addAgency(deps, actorOf(request), request.params.serviceId, request.body)),
  );

  app.patch(
    '/api/services/:serviceId/signal-agencies/:agencyId',
    {
      schema: {
        tags,
        params: z.object({ serviceId: idInput(), agencyId: idInput() }).strict(),
        body: agencyPatchSchema,
        response: withErrors({ 200: agencyViewSchema }),
      },
    },
    async (request) => changeAgency(deps, actorOf(request), request.params.serviceId, request.params.agencyId, request.body),
  );

  app.get(
    '/api/reports/signals',
    { schema: { tags: ['reports'], querystring: reportParamsSchema, response: withErrors({ 200: signalReportSchema }) } },
    async (request) => signalReport(deps.db, actorOf(request), request.query),
  );
}
