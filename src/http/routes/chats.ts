// The staff side of the web chat: read a chat (audited), write, typing and read marks, end, block
// the caller; the service's canned responses and caller blocks. New messages reach staff over the
// realtime socket (`chat.*` events on the holder's user topic and on `chat:<serviceId>:<chatId>`).
import { z } from 'zod';
import type { UnitDeps } from '../../db/unitOfWork.js';
import { idInput } from '../../domain/ids.js';
import {
  cannedPatchSchema,
  cannedViewSchema,
  createCanned,
  deleteCanned,
  listCanned,
  newCannedSchema,
  updateCanned,
} from '../../domain/chat/cannedResponses.js';
import type { ChatService } from '../../domain/chat/chatService.js';
import { blockCaller, blockInputSchema, chatBlockViewSchema, liftBlock, listBlocks } from '../../domain/chat/chatBlocks.js';
import { readChat, staffEnd, staffMessage, staffRead, staffTyping } from '../../domain/chat/chatStaff.js';
import { clientMessageId, messageText, preChatSchema } from '../../domain/chat/chatPublicSchemas.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const tags = ['chats'];
const chatParams = z.object({ chatId: idInput() }).strict();
const serviceParams = z.object({ serviceId: idInput() }).strict();
const seq = z.number().int().min(0).max(2_147_483_647);
const iso = z.iso.datetime({ offset: true });

const messageSchema = z.object({
  seq: z.number().int(),
  from: z.enum(['child', 'counsellor', 'system']),
  text: z.string(),
  at: iso,
  pseudonym: z.string().nullable(),
});

export const staffChatViewSchema = z.object({
  chat: z.object({
    id: z.uuid(),
    serviceId: z.uuid(),
    state: z.enum(['waiting', 'active', 'ended']),
    endedBy: z.enum(['child', 'counsellor', 'system']).nullable(),
    preChat: preChatSchema,
    createdAt: iso,
    endedAt: iso.nullable(),
    contactId: z.uuid(),
    risk: z.string(),
    waitedSeconds: z.number().int().nullable(),
    holderPseudonym: z.string().nullable(),
    childOnline: z.boolean(),
    lastSeq: z.number().int(),
    childReadSeq: z.number().int(),
    staffReadSeq: z.number().int(),
    feedback: z.object({ rating: z.number().int().nullable(), comment: z.string().nullable() }).nullable(),
    transcriptDeleted: z.boolean(),
  }),
  messages: z.array(messageSchema),
  canWrite: z.boolean(),
});

export function chatRoutes(app: App, chat: ChatService, unit: UnitDeps): void {
  app.get(
    '/api/chats/:chatId',
    {
      schema: {
        tags,
        params: chatParams,
        querystring: z.object({ after: z.coerce.number().int().min(0).max(2_147_483_647).default(0) }).strict(),
        response: withErrors({ 200: staffChatViewSchema }),
      },
    },
    async (request) => readChat(chat, actorOf(request), request.params.chatId, request.query.after),
  );

  app.post(
    '/api/chats/:chatId/messages',
    {
      schema: {
        tags,
        params: chatParams,
        body: z.object({ clientId: clientMessageId, text: messageText }).strict(),
        response: withErrors({ 201: z.object({ seq: z.number().int(), at: iso }) }),
      },
    },
    async (request, reply) => reply.code(201).send(await staffMessage(chat, actorOf(request), request.params.chatId, request.body)),
  );

  app.post(
    '/api/chats/:chatId/typing',
    { schema: { tags, params: chatParams, response: withErrors({ 204: z.null() }) } },
    async (request, reply) => {
      await staffTyping(chat, actorOf(request), request.params.chatId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/chats/:chatId/read',
    {
      schema: {
        tags,
        params: chatParams,
        body: z.object({ seq }).strict(),
        response: withErrors({ 200: z.object({ staffReadSeq: z.number().int() }) }),
      },
    },
    async (request) => staffRead(chat, actorOf(request), request.params.chatId, request.body.seq),
  );

  app.post(
    '/api/chats/:chatId/end',
    {
      schema: {
        tags,
        params: chatParams,
        body: z.object({ commandId: idInput() }).strict(),
        response: withErrors({ 200: z.object({ state: z.literal('ended') }) }),
      },
    },
    async (request) => staffEnd(chat, actorOf(request), request.params.chatId, request.body.commandId),
  );

  app.post(
    '/api/chats/:chatId/block',
    { schema: { tags, params: chatParams, body: blockInputSchema, response: withErrors({ 201: chatBlockViewSchema }) } },
    async (request, reply) => reply.code(201).send(await blockCaller(chat, actorOf(request), request.params.chatId, request.body)),
  );

  app.get(
    '/api/services/:serviceId/chat-blocks',
    { schema: { tags, params: serviceParams, response: withErrors({ 200: z.object({ blocks: z.array(chatBlockViewSchema) }) }) } },
    async (request) => ({ blocks: await listBlocks(chat, actorOf(request), request.params.serviceId) }),
  );

  app.post(
    '/api/chat-blocks/:blockId/lift',
    { schema: { tags, params: z.object({ blockId: idInput() }).strict(), response: withErrors({ 200: z.object({ liftedAt: iso }) }) } },
    async (request) => liftBlock(chat, actorOf(request), request.params.blockId),
  );

  app.get(
    '/api/services/:serviceId/canned-responses',
    { schema: { tags, params: serviceParams, response: withErrors({ 200: z.object({ items: z.array(cannedViewSchema) }) }) } },
    async (request) => ({ items: await listCanned(unit, actorOf(request), request.params.serviceId) }),
  );

  app.post(
    '/api/services/:serviceId/canned-responses',
    { schema: { tags, params: serviceParams, body: newCannedSchema, response: withErrors({ 201: cannedViewSchema }) } },
    async (request, reply) => reply.code(201).send(await createCanned(unit, actorOf(request), request.params.serviceId, request.body)),
  );

  const cannedParams = z.object({ cannedId: idInput() }).strict();
  app.patch(
    '/api/canned-responses/:cannedId',
    { schema: { tags, params: cannedParams, body: cannedPatchSchema, response: withErrors({ 200: cannedViewSchema }) } },
    async (request) => updateCanned(unit, actorOf(request), request.params.cannedId, request.body),
  );

  app.delete(
    '/api/canned-responses/:cannedId',
    { schema: { tags, params: cannedParams, response: withErrors({ 204: z.null() }) } },
    async (request, reply) => {
      await deleteCanned(unit, actorOf(request), request.params.cannedId);
      return reply.code(204).send(null);
    },
  );
}
