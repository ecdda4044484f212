// Helpers for the chat tests: a child starting a chat over HTTP and talking over /api/chat/ws (through
// Fastify's injectWS), and a counsellor on duty who accepts it.
import { randomBytes, randomUUID } from 'node:crypto';
import type WebSocket from 'ws';
import { expect } from 'vitest';
import type { SignedIn, TestApp } from '../helpers/testApp.js';
import { accept, cmd, ok, presence, workstation } from '../routing/routingApi.js';

export type Message = Record<string, unknown> & { type: string };

export const secret = () => randomBytes(32).toString('base64url');
export const clientId = () => randomBytes(9).toString('base64url');

export interface ChildChat {
  chatId: string;
  token: string;
  deviceToken: string | null;
}

/** A child starts a chat (201); returns its id and tokens. */
export async function startChat(
  t: TestApp,
  serviceId: string,
  extra: { deviceToken?: string | null; about?: Record<string, unknown>; firstMessage?: { clientId: string; text: string } } = {},
): Promise<ChildChat> {
  const chat = { chatId: randomUUID(), token: secret(), deviceToken: extra.deviceToken === undefined ? secret() : extra.deviceToken };
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/chat/chats',
    payload: {
      chatId: chat.chatId,
      serviceId,
      token: chat.token,
      deviceToken: chat.deviceToken,
      about: extra.about ?? {},
      firstMessage: extra.firstMessage ?? null,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return chat;
}

export interface ChildSocket {
  ws: WebSocket;
  messages: Message[];
  send(m: unknown): void;
  waitFor(pred: (m: Message) => boolean, what?: string): Promise<Message>;
  close(): void;
  closedWith(): number | undefined;
}

/** Opens the child's socket and (unless `hello` is false) says hello with the chat's token. */
export async function childSocket(t: TestApp, chat?: ChildChat, after = 0): Promise<ChildSocket> {
  const messages: Message[] = [];
  let closed: number | undefined;
  const ws: WebSocket = await t.app.injectWS('/api/chat/ws', {});
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Message));
  ws.on('close', (code: number) => (closed = code));
  const send = (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  const waitFor = async (pred: (m: Message) => boolean, what = 'message') => {
    for (let i = 0; i < 500; i++) {
      const found = messages.find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${what} not received; got ${JSON.stringify(messages)}`);
  };
  // terminate(): through injectWS a close handshake never completes, so the server would not see the page go.
  const socket = { ws, messages, send, waitFor, close: () => ws.terminate(), closedWith: () => closed };
  if (chat) {
    send({ type: 'hello', chatId: chat.chatId, token: chat.token, after });
    await waitFor((m) => m.type === 'welcome' || m.type === 'error', 'welcome');
  }
  return socket;
}

/** A counsellor of the service, on duty. */
export async function counsellorOnDuty(t: TestApp, serviceId: string): Promise<SignedIn> {
  const who = await t.as([{ role: 'counsellor', serviceId }]);
  await presence(t, who, serviceId);
  return who;
}

/** The counsellor accepts the offer of this chat (waits for the offer to appear first). */
export async function acceptChat(t: TestApp, who: SignedIn, chatId: string): Promise<void> {
  let offerId: string | undefined;
  for (let i = 0; i < 200 && !offerId; i++) {
    offerId = (await workstation(t, who)).offers.find((o) => o.contact.id === chatId)?.id;
    if (!offerId) await new Promise((r) => setTimeout(r, 10));
  }
  expect(offerId, 'an offer of the chat').toBeDefined();
  await ok(accept(t, who, offerId!, cmd()));
}

/** Lets the chat follow routing (its sync runs on routing events, debounced). */
export async function chatSynced(t: TestApp): Promise<void> {
  await t.routing.settled();
  await new Promise((r) => setTimeout(r, 120));
}

/** The raw answer to a start request (for the refusals): `body` overrides the defaults. */
export function startRaw(t: TestApp, serviceId: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/chat/chats',
    headers,
    payload: { chatId: randomUUID(), serviceId, token: secret(), deviceToken: secret(), about: {}, ...body },
  });
}

/** Changes the service's settings in the database and makes the chat read them again. */
export async function setServiceSettings(t: TestApp, serviceId: string, settings: Record<string, unknown>, active = true): Promise<void> {
  await t.db
    .updateTable('services')
    .set({ settings: JSON.stringify(settings), active })
    .where('id', '=', serviceId)
    .execute();
  t.app.chat.forgetService(serviceId);
}

/** A staff member writes in the chat; returns the raw answer. */
export const staffSays = (t: TestApp, who: SignedIn, chatId: string, text: string, id = clientId()) =>
  t.request(who, 'POST', `/api/chats/${chatId}/messages`, { clientId: id, text });

/** The child sends a message and waits for its ack or error (matched by client id). */
export async function childSays(child: ChildSocket, text: string, id = clientId()): Promise<Message> {
  const before = child.messages.length;
  child.send({ type: 'message', clientId: id, text });
  return child.waitFor(
    (m) => child.messages.indexOf(m) >= before && (m.type === 'ack' || m.type === 'error') && m.clientId === id,
    `answer to ${id}`,
  );
}

/** The stored messages of a chat, as rows (sealed bodies). */
export const messageRows = (t: TestApp, chatId: string) =>
  t.db.selectFrom('chat_messages').selectAll().where('chat_id', '=', chatId).orderBy('seq').execute();

/** Audit rows of one action on one target. */
export const auditOf = (t: TestApp, action: string, targetId: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).execute();

/** A child with a started, accepted chat and the counsellor holding it. */
export async function activeChat(
  t: TestApp,
  serviceId: string,
  extra: Parameters<typeof startChat>[2] = {},
): Promise<{ chat: ChildChat; child: ChildSocket; counsellor: SignedIn }> {
  const chat = await startChat(t, serviceId, extra);
  const child = await childSocket(t, chat);
  const counsellor = await counsellorOnDuty(t, serviceId);
  await acceptChat(t, counsellor, chat.chatId);
  await chatSynced(t);
  await child.waitFor((m) => m.type === 'accepted', 'accepted');
  return { chat, child, counsellor };
}
