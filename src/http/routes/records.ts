// Contact records: made by hand, read (audited), saved as drafts, finalized, corrected, risk assessed.
// Records opened by routing come from the projector (src/domain/records/routingSync.ts).
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import { createManualRecord, newRecordSchema } from '../../domain/records/manualRecord.js';
import { changeRecord, readRecord } from '../../domain/records/recordCommands.js';
import { recordFieldsSchema } from '../../domain/records/recordSchemas.js';
import type { RecordDeps } from '../../domain/records/recordStore.js';
import { recordViewSchema } from '../../domain/records/recordViews.js';
import { riskAnswersSchema } from '../../domain/records/risk.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const tags = ['records'];
const params = z.object({ recordId: idInput() }).strict();
const version = z.number().int().min(0).max(2_147_483_647);
const view = withErrors({ 200: recordViewSchema });

export const recordPatchSchema = z.object({ version, fields: recordFieldsSchema }).strict();
export const recordFinalizeSchema = z.object({ version, fields: recordFieldsSchema.optional() }).strict();
export const recordRiskSchema = z.object({ version, answers: riskAnswersSchema }).strict();

export function recordRoutes(app: App, deps: RecordDeps): void {
  app.post(
    '/api/records',
    { schema: { tags, body: newRecordSchema, response: withErrors({ 201: recordViewSchema }) } },
    async (request, reply) => reply.code(201).send(await createManualRecord(deps, actorOf(request), request.body)),
  );

  app.get('/api/records/:recordId', { schema: { tags, params, response: view } }, async (request) =>
    readRecord(deps, actorOf(request), request.params.recordId),
  );

  app.patch('/api/records/:recordId', { schema: { tags, params, body: recordPatchSchema, response: view } }, async (request) =>
    changeRecord(deps, actorOf(request), request.params.recordId, request.body),
  );

  app.post('/api/records/:recordId/finalize', { schema: { tags, params, body: recordFinalizeSchema, response: view } }, async (request) =>
    changeRecord(deps, actorOf(request), request.params.recordId, { ...request.body, finalize: true }),
  );

  app.post('/api/records/:recordId/risk', { schema: { tags, params, body: recordRiskSchema, response: view } }, async (request) =>
    changeRecord(deps, actorOf(request), request.params.recordId, { version: request.body.version, riskAnswers: request.body.answers }),
  );
}
