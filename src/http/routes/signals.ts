// Signals (сигналы о детском неблагополучии): drafted from a case or a contact record, approved by a
// second person (or sent at once for imminent danger and reviewed afterwards), sent, acknowledged by
// each agency, their outcome recorded and closed; the register, the overdue board, one signal
// (audited) and its letter's data.
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import { approveSignal, reviewSignal } from '../../domain/signals/signalApproval.js';
import { changeDraft, draftCaseSignal, draftRecordSignal } from '../../domain/signals/signalDraft.js';
import { acknowledgeAddressee, closeSignal, recordOutcome } from '../../domain/signals/signalFollowUp.js';
import { signalLetterSchema } from '../../domain/signals/signalLetter.js';
import { listSignals, overdueSignals, readLetter, readSignal } from '../../domain/signals/signalReads.js';
import {
  acknowledgeSchema,
  newCaseSignalSchema,
  newRecordSignalSchema,
  outcomeSchema,
  overdueQuerySchema,
  signalListQuerySchema,
  signalPatchSchema,
  signalSendSchema,
  signalVersionSchema,
} from '../../domain/signals/signalSchemas.js';
import { sendSignal } from '../../domain/signals/signalSending.js';
import type { SignalDeps } from '../../domain/signals/signalStore.js';
import { signalSummarySchema, signalViewSchema } from '../../domain/signals/signalViews.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const tags = ['signals'];
const params = z.object({ signalId: idInput() }).strict();
const summary = withErrors({ 200: signalSummarySchema });
const created = withErrors({ 201: signalSummarySchema });
const list = withErrors({ 200: z.object({ items: z.array(signalSummarySchema) }) });

export function signalRoutes(app: App, deps: SignalDeps): void {
  app.post(
    '/api/cases/:caseId/signals',
    { schema: { tags, params: z.object({ caseId: idInput() }).strict(), body: newCaseSignalSchema, response: created } },
    async (request, reply) => reply.code(201).send(await draftCaseSignal(deps, actorOf(request), request.params.caseId, request.body)),
  );

  app.post(
    '/api/records/:recordId/signals',
    { schema: { tags, params: z.object({ recordId: idInput() }).strict(), body: newRecordSignalSchema, response: created } },
    async (request, reply) => reply.code(201).send(await draftRecordSignal(deps, actorOf(request), request.params.recordId, request.body)),
  );

  app.get('/api/signals', { schema: { tags, querystring: signalListQuerySchema, response: list } }, async (request) => ({
    items: await listSignals(deps.db, actorOf(request), deps.clock(), request.query),
  }));

  app.get(
    '/api/signals/overdue',
    {
      schema: {
        tags,
        description: "Signals overdue now in the services the caller supervises: the supervisor's board and the head's dashboard.",
        querystring: overdueQuerySchema,
        response: list,
      },
    },
    async (request) => ({ items: await overdueSignals(deps.db, actorOf(request), deps.clock(), request.query.serviceId) }),
  );

  app.get('/api/signals/:signalId', { schema: { tags, params, response: withErrors({ 200: signalViewSchema }) } }, async (request) =>
    readSignal(deps, actorOf(request), request.params.signalId),
  );

  app.get(
    '/api/signals/:signalId/letter',
    {
      schema: {
        tags,
        description: 'Everything the formal letter shows (audited as a read).',
        params,
        response: withErrors({ 200: signalLetterSchema }),
      },
    },
    async (request) => readLetter(deps, actorOf(request), request.params.signalId),
  );

  app.patch('/api/signals/:signalId', { schema: { tags, params, body: signalPatchSchema, response: summary } }, async (request) =>
    changeDraft(deps, actorOf(request), request.params.signalId, request.body),
  );

  app.post('/api/signals/:signalId/approve', { schema: { tags, params, body: signalVersionSchema, response: summary } }, async (request) =>
    approveSignal(deps, actorOf(request), request.params.signalId, request.body.version),
  );

  app.post('/api/signals/:signalId/send', { schema: { tags, params, body: signalSendSchema, response: summary } }, async (request) =>
    sendSignal(deps, actorOf(request), request.params.signalId, request.body.version, request.body.sentAt),
  );

  app.post('/api/signals/:signalId/review', { schema: { tags, params, body: signalVersionSchema, response: summary } }, async (request) =>
    reviewSignal(deps, actorOf(request), request.params.signalId, request.body.version),
  );

  app.post(
    '/api/signals/:signalId/addressees/:addresseeId/acknowledge',
    {
      schema: {
        tags,
        params: z.object({ signalId: idInput(), addresseeId: idInput() }).strict(),
        body: acknowledgeSchema,
        response: summary,
      },
    },
    async (request) => acknowledgeAddressee(deps, actorOf(request), request.params.signalId, request.params.addresseeId, request.body),
  );

  app.post('/api/signals/:signalId/outcome', { schema: { tags, params, body: outcomeSchema, response: summary } }, async (request) =>
    recordOutcome(deps, actorOf(request), request.params.signalId, request.body),
  );

  app.post('/api/signals/:signalId/close', { schema: { tags, params, body: signalVersionSchema, response: summary } }, async (request) =>
    closeSignal(deps, actorOf(request), request.params.signalId, request.body.version),
  );
}
