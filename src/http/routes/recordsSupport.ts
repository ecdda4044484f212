// Around the records: open risk alerts of a service and their acknowledgement (supervisors), and the
// classification of reasons (everyone reads it; a service's head adds its own subcategories).
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import {
  addServiceReasonCode,
  classificationViewSchema,
  getClassification,
  newReasonCodeSchema,
} from '../../domain/records/classificationQueries.js';
import type { RecordDeps } from '../../domain/records/recordStore.js';
import { acknowledgeAlert, listOpenAlerts, riskAlertViewSchema } from '../../domain/records/riskAlerts.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const tags = ['records'];
export const serviceFilterSchema = z.object({ serviceId: idInput().optional() }).strict();

export function recordSupportRoutes(app: App, deps: RecordDeps): void {
  app.get(
    '/api/records/alerts',
    {
      schema: { tags, querystring: serviceFilterSchema, response: withErrors({ 200: z.object({ items: z.array(riskAlertViewSchema) }) }) },
    },
    async (request) => ({ items: await listOpenAlerts(deps.db, actorOf(request), request.query.serviceId) }),
  );

  app.post(
    '/api/records/alerts/:alertId/acknowledge',
    { schema: { tags, params: z.object({ alertId: idInput() }).strict(), response: withErrors({ 200: riskAlertViewSchema }) } },
    async (request) => acknowledgeAlert(deps, actorOf(request), request.params.alertId),
  );

  app.get(
    '/api/records/classification',
    { schema: { tags, querystring: serviceFilterSchema, response: withErrors({ 200: classificationViewSchema }) } },
    async (request) => getClassification(deps.db, actorOf(request), request.query.serviceId),
  );

  app.post(
    '/api/records/classification/codes',
    {
      schema: {
        tags,
        body: newReasonCodeSchema,
        response: withErrors({ 201: classificationViewSchema.shape.categories.element.shape.codes.element }),
      },
    },
    async (request, reply) => reply.code(201).send(await addServiceReasonCode(deps, actorOf(request), request.body)),
  );
}
