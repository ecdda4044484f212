// The counsellor's side of routing: the workstation, presence, offers, contacts in hand, transfers
// and offline contacts. Every command carries a client-chosen `commandId`: a retry returns the first answer.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import {
  actOnContact,
  answerOffer,
  getWorkstation,
  recordOfflineContact,
  setOwnPresence,
  type RoutingDeps,
} from '../../domain/routing/live/routingCommands.js';
import { contactViewSchema, workstationViewSchema } from '../../domain/routing/live/viewSchemas.js';
import { CHANNELS, RISKS, SETTABLE_PRESENCES } from '../../domain/routing/types.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';
import type { VoiceService } from '../../domain/voice/voiceService.js';

const commandId = idInput();
const command = z.object({ commandId }).strict();
const offerParams = z.object({ offerId: idInput() }).strict();
const contactParams = z.object({ contactId: idInput() }).strict();
const serviceParams = z.object({ serviceId: idInput() }).strict();
const workstation = withErrors({ 200: workstationViewSchema });
const tags = ['routing'];

const transferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('counsellor'), staffId: idInput() }).strict(),
  z.object({ kind: z.literal('supervisor') }).strict(),
  z.object({ kind: z.literal('queue'), serviceId: idInput() }).strict(),
]);

/** A contact that is a call on the phone line moves through the edge (VoiceService.transfer). */
type LineTransfer = Pick<VoiceService, 'transfer'> | null;

export function routingRoutes(app: App, deps: RoutingDeps, phoneLine: () => LineTransfer = () => null): void {
  app.get('/api/routing/workstation', { schema: { tags, response: workstation } }, async (request) =>
    getWorkstation(deps, actorOf(request)),
  );

  app.put(
    '/api/routing/workstation/presence',
    {
      schema: {
        tags,
        body: z.object({ commandId, serviceId: idInput(), presence: z.enum(SETTABLE_PRESENCES) }).strict(),
        response: workstation,
      },
    },
    async (request) => setOwnPresence(deps, actorOf(request), request.body),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/api/routing/offers/:offerId/${answer}`,
      { schema: { tags, params: offerParams, body: command, response: workstation } },
      async (request) => answerOffer(deps, actorOf(request), request.params.offerId, answer, request.body),
    );
  }

  app.post(
    '/api/routing/contacts/:contactId/end',
    { schema: { tags, params: contactParams, body: command, response: workstation } },
    async (request) => actOnContact(deps, actorOf(request), request.params.contactId, { type: 'end' }, request.body),
  );

  app.post(
    '/api/routing/contacts/:contactId/complete',
    { schema: { tags, params: contactParams, body: command, response: workstation } },
    async (request) => actOnContact(deps, actorOf(request), request.params.contactId, { type: 'finishWrapUp' }, request.body),
  );

  app.post(
    '/api/routing/contacts/:contactId/extend-wrap-up',
    {
      schema: {
        tags,
        params: contactParams,
        body: z.object({ commandId, seconds: z.number().int().min(10).max(600) }).strict(),
        response: workstation,
      },
    },
    async (request) =>
      actOnContact(deps, actorOf(request), request.params.contactId, { type: 'extendWrapUp', seconds: request.body.seconds }, request.body),
  );

  app.post(
    '/api/routing/contacts/:contactId/transfer',
    {
      schema: {
        tags,
        params: contactParams,
        body: z.object({ commandId, target: transferTarget, note: z.string().trim().max(2000).nullish() }).strict(),
        response: workstation,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { contactId } = request.params;
      // The new contact's id is derived from nothing the client controls; the commandId makes retries safe.
      const what = { type: 'transfer' as const, target: request.body.target, note: request.body.note || null, newContactId: randomUUID() };
      const onTheLine = await phoneLine()?.transfer(actor, contactId, what, request.body);
      return onTheLine ?? actOnContact(deps, actor, contactId, what, request.body);
    },
  );

  app.post(
    '/api/routing/services/:serviceId/offline-contacts',
    {
      schema: {
        tags,
        params: serviceParams,
        body: z
          .object({
            commandId,
            channel: z.enum(CHANNELS).default('voice'),
            risk: z.enum(RISKS).default('unknown'),
            language: z.string().trim().min(2).max(10).nullish(),
          })
          .strict(),
        response: withErrors({ 201: z.object({ contact: contactViewSchema }) }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await recordOfflineContact(deps, actorOf(request), request.params.serviceId, {
        commandId: body.commandId,
        contactId: randomUUID(),
        channel: body.channel,
        risk: body.risk,
        language: body.language ?? null,
      });
      return reply.code(201).send(result);
    },
  );
}
