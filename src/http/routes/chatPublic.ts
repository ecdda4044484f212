// The child's side of the web chat: no staff session. The page lists services, starts a chat, then
// talks over one WebSocket (/api/chat/ws) authenticated by the chat's resume token in its first
// message; feedback after the end goes over HTTP with the same token. No IP address is read or kept.
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { idInput } from '../../domain/ids.js';
import type { ChildLink, ChildOutgoing } from '../../domain/chat/chatLive.js';
import { attach, childMessage, childRead, childTyping, detach, feedback } from '../../domain/chat/chatChild.js';
import type { ChatService } from '../../domain/chat/chatService.js';
import { chatSettingsOf, isOpenAt, NATIONAL_PHONE } from '../../domain/chat/chatSettings.js';
import { childIncoming, feedbackSchema, publicServiceSchema, startChatSchema } from '../../domain/chat/chatPublicSchemas.js';
import { errorMessage, pickLocale, type Locale } from '../../i18n/messages.js';
import { sendError } from '../errorHandler.js';
import { withErrors } from '../errorBody.js';
import type { App } from '../types.js';

const tags = ['chat-public'];
const config = { access: 'public' as const };
const MAX_FRAME_BYTES = 16 * 1024;
/** A socket that has not said hello with a valid token by then is closed. */
const HELLO_TIMEOUT_MS = 10_000;
const CLOSE_BAD_TOKEN = 4404;

function bearer(request: FastifyRequest): string {
  const h = request.headers.authorization ?? '';
  return h.startsWith('Bearer ') ? h.slice(7) : '';
}

export function chatPublicRoutes(app: App, chat: ChatService, opts: { exitUrl: string }): void {
  app.get(
    '/api/chat/services',
    {
      config,
      schema: {
        tags,
        response: withErrors({ 200: z.object({ services: z.array(publicServiceSchema), nationalPhone: z.string(), exitUrl: z.string() }) }),
      },
    },
    async () => {
      const rows = await chat.deps.db
        .selectFrom('services')
        .select(['id', 'name', 'region', 'time_zone', 'settings'])
        .where('active', '=', true)
        .orderBy('region')
        .orderBy('name')
        .execute();
      const now = chat.deps.clock();
      const services = rows
        .map((r) => ({ r, s: chatSettingsOf(r.settings) }))
        .filter(({ s }) => s.enabled)
        .map(({ r, s }) => ({
          id: r.id,
          name: r.name,
          region: r.region,
          open: isOpenAt(s.hours, r.time_zone, now),
          phones: s.phones,
          hours: s.hours,
          timeZone: r.time_zone,
        }));
      return { services, nationalPhone: NATIONAL_PHONE, exitUrl: opts.exitUrl };
    },
  );

  app.post(
    '/api/chat/chats',
    {
      config,
      schema: {
        tags,
        body: startChatSchema,
        response: withErrors({ 201: z.object({ chatId: z.uuid(), state: z.enum(['waiting', 'active', 'ended']) }) }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const started = await chat.startChat({
        chatId: b.chatId,
        serviceId: b.serviceId,
        token: b.token,
        deviceToken: b.deviceToken ?? null,
        preChat: b.about,
        firstMessage: b.firstMessage ?? null,
      });
      return reply.code(201).send(started);
    },
  );

  app.post(
    '/api/chat/chats/:chatId/feedback',
    {
      config,
      schema: { tags, params: z.object({ chatId: idInput() }).strict(), body: feedbackSchema, response: withErrors({ 204: z.null() }) },
    },
    async (request, reply) => {
      const comment = request.body.comment ? request.body.comment : null;
      await feedback(chat, request.params.chatId, bearer(request), request.body.rating ?? null, comment);
      return reply.code(204).send(null);
    },
  );

  app.route({
    method: 'GET',
    url: '/api/chat/ws',
    config,
    schema: { tags, hide: true },
    handler: (request, reply) => sendError(request, reply, 'realtime.upgrade_required'),
    wsHandler: (socket, request) => childSocket(chat, socket, socketLocale(request)),
  });
}

/** A browser's socket cannot set Accept-Language: the page names its language in ?lang=en|ru, else the header decides. */
function socketLocale(request: FastifyRequest): Locale {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  return asked === 'en' || asked === 'ru' ? asked : pickLocale(request.headers['accept-language']);
}

function childSocket(chat: ChatService, socket: WebSocket, locale: Locale): void {
  let chatId: string | null = null;
  let busy: Promise<void> = Promise.resolve();
  const link: ChildLink = {
    send: (m: ChildOutgoing) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
    },
    close: (code, reason) => socket.close(code, reason),
  };
  const fail = (err: unknown, clientId?: string) => {
    if (!(err instanceof AppError)) chat.deps.onError?.(err, 'chat socket');
    const code = err instanceof AppError ? err.code : 'internal';
    const details = err instanceof AppError ? err.details : undefined;
    link.send({ type: 'error', code, message: errorMessage(code, locale, details), ...(clientId ? { clientId } : {}) });
    if (code === 'chat.bad_token') socket.close(CLOSE_BAD_TOKEN, 'bad token');
  };
  const helloTimer = setTimeout(() => chatId === null && socket.close(CLOSE_BAD_TOKEN, 'no hello'), HELLO_TIMEOUT_MS);
  helloTimer.unref();

  socket.on('message', (raw: Buffer, isBinary: boolean) => {
    if (isBinary || raw.length > MAX_FRAME_BYTES) return fail(new AppError('chat.message_too_long', { max: 2000 }));
    let msg;
    try {
      const parsed = childIncoming.safeParse(JSON.parse(raw.toString('utf8')));
      if (!parsed.success) return fail(new AppError('realtime.bad_message'));
      msg = parsed.data;
    } catch {
      return fail(new AppError('realtime.bad_message'));
    }
    if (msg.type === 'ping') return link.send({ type: 'pong' });
    // One message at a time per socket, in order (acks and hello answers keep the page's order).
    const m = msg;
    busy = busy.then(async () => {
      try {
        if (m.type === 'hello') {
          if (chatId !== null) return;
          const welcome = await attach(chat, m.chatId, m.token, m.after, link);
          chatId = m.chatId;
          clearTimeout(helloTimer);
          return link.send(welcome);
        }
        if (chatId === null) return fail(new AppError('chat.bad_token'));
        switch (m.type) {
          case 'message':
            return link.send(await childMessage(chat, chatId, m.clientId, m.text));
          case 'typing':
            return childTyping(chat, chatId);
          case 'read':
            return await childRead(chat, chatId, m.seq);
          case 'end':
            return await chat.childEnd(chatId);
        }
      } catch (err) {
        fail(err, m.type === 'message' ? m.clientId : undefined);
      }
    });
  });
  socket.on('close', () => {
    clearTimeout(helloTimer);
    if (chatId !== null) detach(chat, chatId, link);
  });
}
