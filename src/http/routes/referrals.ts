// Referrals to the directory: attached to a contact record (listed, attached, removed) and sent in a
// chat as a service card, a counsellor's message like any other.
import { z } from 'zod';
import type { ChatService } from '../../domain/chat/chatService.js';
import { sendDirectoryCard } from '../../domain/chat/directoryCard.js';
import { clientMessageId } from '../../domain/chat/chatPublicSchemas.js';
import { idInput } from '../../domain/ids.js';
import { pickLocale } from '../../i18n/messages.js';
import { attachReferral, listReferrals, referralChangeSchema, removeReferral } from '../../domain/records/referrals.js';
import type { RecordDeps } from '../../domain/records/recordStore.js';
import { referralViewSchema } from '../../domain/records/recordViews.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const recordParams = z.object({ recordId: idInput() }).strict();
export const referralInputSchema = z.object({ directoryServiceId: idInput() }).strict();
export const directoryCardInputSchema = z.object({ directoryServiceId: idInput(), clientId: clientMessageId }).strict();

export function referralRoutes(app: App, deps: RecordDeps, chat: ChatService): void {
  app.get(
    '/api/records/:recordId/referrals',
    {
      schema: { tags: ['records'], params: recordParams, response: withErrors({ 200: z.object({ items: z.array(referralViewSchema) }) }) },
    },
    async (request) => ({ items: await listReferrals(deps, actorOf(request), request.params.recordId) }),
  );

  app.post(
    '/api/records/:recordId/referrals',
    {
      schema: {
        tags: ['records'],
        params: recordParams,
        body: referralInputSchema,
        response: withErrors({ 200: referralChangeSchema, 201: referralChangeSchema }),
      },
    },
    async (request, reply) => {
      const { created, change } = await attachReferral(deps, actorOf(request), request.params.recordId, request.body.directoryServiceId);
      return reply.code(created ? 201 : 200).send(change);
    },
  );

  app.delete(
    '/api/records/:recordId/referrals/:referralId',
    {
      schema: {
        tags: ['records'],
        params: z.object({ recordId: idInput(), referralId: idInput() }).strict(),
        response: withErrors({ 200: referralChangeSchema }),
      },
    },
    async (request) => removeReferral(deps, actorOf(request), request.params.recordId, request.params.referralId),
  );

  app.post(
    '/api/chats/:chatId/directory-card',
    {
      schema: {
        tags: ['chats'],
        params: z.object({ chatId: idInput() }).strict(),
        body: directoryCardInputSchema,
        response: withErrors({ 201: z.object({ seq: z.number().int(), at: z.iso.datetime({ offset: true }), text: z.string() }) }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await sendDirectoryCard(
            chat,
            actorOf(request),
            request.params.chatId,
            request.body,
            pickLocale(request.headers['accept-language']),
          ),
        ),
  );
}
