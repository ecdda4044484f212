// Refusal cases for the web chat's staff routes: reading, writing in, marking, ending a chat and
// blocking its caller; the service's caller blocks and canned responses. A chat of service A is its
// holder's, its offer's counsellor's and A's supervisors' alone: another counsellor of A, B's staff,
// analysts and admins get 404 and learn nothing; A's staff without the role get 403.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/testApp.js';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import { call, type Who, type World } from '../world.js';

const secret = () => randomBytes(32).toString('base64url');
interface Made {
  chatId: string;
  token: string;
  blockId: string;
  cannedId: string;
  typing: () => number;
}
const made = new WeakMap<World, Partial<Made>>();
const get = <K extends keyof Made>(w: World, k: K): Made[K] => {
  const v = made.get(w)?.[k];
  if (v === undefined) throw new Error(`prepare made no ${k}`);
  return v as Made[K];
};
const remember = (w: World, m: Partial<Made>) => made.set(w, { ...made.get(w), ...m });

/** A chat of A started by a child with a device token and a first message (waiting). */
async function waiting(t: TestApp, w: World): Promise<void> {
  const chatId = randomUUID();
  const token = secret();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/chat/chats',
    payload: { chatId, serviceId: w.A, token, deviceToken: secret(), firstMessage: { clientId: 'first-message', text: 'привет' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  remember(w, { chatId, token });
}

/** …which counsellorA (on duty) accepted: active, held by counsellorA; the child's page counts typing notices. */
async function active(t: TestApp, w: World): Promise<void> {
  await waiting(t, w);
  const chatId = get(w, 'chatId');
  const cmd = () => ({ commandId: randomUUID() });
  const who = w.people.counsellorA;
  expect(
    (await call(t, 'PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId: w.A, presence: 'available' }, who)).statusCode,
  ).toBe(200);
  let offerId: string | undefined;
  for (let i = 0; i < 200 && !offerId; i++) {
    const offers = (await call(t, 'GET', '/api/routing/workstation', undefined, who)).json().offers as {
      id: string;
      contact: { id: string };
    }[];
    offerId = offers.find((o) => o.contact.id === chatId)?.id;
    if (!offerId) await new Promise((r) => setTimeout(r, 10));
  }
  expect((await call(t, 'POST', `/api/routing/offers/${offerId}/accept`, cmd(), who)).statusCode).toBe(200);
  for (let i = 0; i < 300 && t.app.chat.live.get(chatId)?.holder !== who.userId; i++) await new Promise((r) => setTimeout(r, 10));
  expect(t.app.chat.live.get(chatId)?.holder).toBe(who.userId);
  const frames: string[] = [];
  const ws = await t.app.injectWS('/api/chat/ws', {});
  ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString()).type as string));
  ws.send(JSON.stringify({ type: 'hello', chatId, token: get(w, 'token') }));
  for (let i = 0; i < 200 && !frames.includes('welcome'); i++) await new Promise((r) => setTimeout(r, 10));
  expect(frames).toContain('welcome');
  remember(w, { typing: () => frames.filter((f) => f === 'typing').length });
}

/** Everything of A's and B's chats a refused call could change. */
const chatRows = async (t: TestApp, w: World) => ({
  chats: await t.db.selectFrom('chat_sessions').selectAll().where('service_id', 'in', [w.A, w.B]).orderBy('id').execute(),
  messages: await t.db
    .selectFrom('chat_messages as m')
    .innerJoin('chat_sessions as s', 's.id', 'm.chat_id')
    .select(['m.chat_id', 'm.seq', 'm.body'])
    .where('s.service_id', 'in', [w.A, w.B])
    .orderBy('m.chat_id')
    .orderBy('m.seq')
    .execute(),
  blocks: await t.db.selectFrom('chat_blocks').selectAll().where('service_id', 'in', [w.A, w.B]).orderBy('id').execute(),
  canned: await t.db.selectFrom('canned_responses').selectAll().where('service_id', 'in', [w.A, w.B]).orderBy('id').execute(),
});

const OUTSIDERS: Who[] = ['headB', 'counsellorB', 'analyst', 'admin'];
const chatNf = (...who: Who[]) => who.map((x) => nf(x, 'chat.not_found'));

async function blocked(t: TestApp, w: World): Promise<void> {
  await waiting(t, w);
  const res = await call(t, 'POST', `/api/chats/${get(w, 'chatId')}/block`, { hours: 1, reason: 'Проверка' }, w.people.supervisorA);
  expect(res.statusCode, res.body).toBe(201);
  remember(w, { blockId: res.json().id });
}

async function canned(t: TestApp, w: World): Promise<void> {
  const row = await t.db
    .insertInto('canned_responses')
    .values({
      id: randomUUID(),
      service_id: w.A,
      title: 'Привет',
      body: 'Здравствуй!',
      position: 0,
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  remember(w, { cannedId: row.id });
}

export const CHAT_CASES: Case[] = [
  {
    route: 'GET /api/chats/:chatId',
    title: 'read a waiting chat (audited)',
    prepare: waiting,
    url: (w) => `/api/chats/${get(w, 'chatId')}`,
    watch: chatRows,
    refusals: chatNf('counsellorA', 'targetA', ...OUTSIDERS),
    allowed: 'supervisorA',
    okStatus: 200,
    auditedRead: true,
    verify: (res) => expect(res.json().messages.map((m: { text: string }) => m.text)).toEqual(['привет']),
  },
  {
    route: 'POST /api/chats/:chatId/messages',
    title: 'write in a chat held by counsellorA',
    prepare: active,
    url: (w) => `/api/chats/${get(w, 'chatId')}/messages`,
    payload: stable('message', () => ({ clientId: randomBytes(9).toString('base64url'), text: 'Я слушаю' })),
    watch: chatRows,
    refusals: chatNf('targetA', ...OUTSIDERS),
    allowed: 'counsellorA',
    okStatus: 201,
  },
  {
    route: 'POST /api/chats/:chatId/typing',
    title: 'tell the child the counsellor is typing',
    prepare: active,
    url: (w) => `/api/chats/${get(w, 'chatId')}/typing`,
    watch: async (t, w) => ({
      rows: await chatRows(t, w),
      typingNotices: (await new Promise((r) => setTimeout(r, 30)), get(w, 'typing')()),
    }),
    refusals: chatNf('targetA', ...OUTSIDERS),
    allowed: 'counsellorA',
    okStatus: 204,
  },
  {
    route: 'POST /api/chats/:chatId/read',
    title: 'mark the child’s messages read',
    prepare: active,
    url: (w) => `/api/chats/${get(w, 'chatId')}/read`,
    payload: () => ({ seq: 1 }),
    watch: chatRows,
    refusals: chatNf('targetA', ...OUTSIDERS),
    allowed: 'counsellorA',
    okStatus: 200,
  },
  {
    route: 'POST /api/chats/:chatId/end',
    title: 'end a chat held by counsellorA',
    prepare: active,
    url: (w) => `/api/chats/${get(w, 'chatId')}/end`,
    payload: stable('end', () => ({ commandId: randomUUID() })),
    watch: chatRows,
    refusals: chatNf('targetA', ...OUTSIDERS),
    allowed: 'counsellorA',
    okStatus: 200,
  },
  {
    route: 'POST /api/chats/:chatId/block',
    title: 'block the caller of a chat (supervisors; not its holder)',
    prepare: active,
    url: (w) => `/api/chats/${get(w, 'chatId')}/block`,
    payload: () => ({ hours: 24, reason: 'Оскорбления' }),
    watch: chatRows,
    refusals: [forbidden('counsellorA'), ...chatNf('targetA', ...OUTSIDERS)],
    allowed: 'supervisorA',
    okStatus: 201,
  },
  {
    route: 'GET /api/services/:serviceId/chat-blocks',
    title: 'list the service’s caller blocks (audited)',
    prepare: blocked,
    url: (w) => `/api/services/${w.A}/chat-blocks`,
    watch: chatRows,
    refusals: [forbidden('counsellorA'), ...OUTSIDERS.map((x) => nf(x))],
    allowed: 'supervisorA',
    okStatus: 200,
    auditedRead: true,
    verify: (res, w) => expect(res.json().blocks.map((b: { id: string }) => b.id)).toEqual([get(w, 'blockId')]),
  },
  {
    route: 'POST /api/chat-blocks/:blockId/lift',
    title: 'lift a caller block',
    prepare: blocked,
    url: (w) => `/api/chat-blocks/${get(w, 'blockId')}/lift`,
    watch: chatRows,
    refusals: [forbidden('counsellorA'), ...OUTSIDERS.map((x) => nf(x, 'chat.block_not_found'))],
    allowed: 'headA',
    okStatus: 200,
  },
  {
    route: 'GET /api/services/:serviceId/canned-responses',
    title: 'read the canned responses',
    prepare: canned,
    url: (w) => `/api/services/${w.A}/canned-responses`,
    watch: chatRows,
    refusals: OUTSIDERS.map((x) => nf(x)),
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([get(w, 'cannedId')]),
  },
  {
    route: 'POST /api/services/:serviceId/canned-responses',
    title: 'add a canned response',
    url: (w) => `/api/services/${w.A}/canned-responses`,
    payload: () => ({ title: 'Ты в безопасности?', body: 'Ты сейчас в безопасности?' }),
    watch: chatRows,
    refusals: [forbidden('counsellorA'), ...OUTSIDERS.map((x) => nf(x))],
    allowed: 'supervisorA',
    okStatus: 201,
  },
  {
    route: 'PATCH /api/canned-responses/:cannedId',
    title: 'edit a canned response',
    prepare: canned,
    url: (w) => `/api/canned-responses/${get(w, 'cannedId')}`,
    payload: () => ({ version: 1, body: 'Привет!' }),
    watch: chatRows,
    refusals: [forbidden('counsellorA'), ...OUTSIDERS.map((x) => nf(x, 'canned.not_found'))],
    allowed: 'supervisorA',
    okStatus: 200,
  },
  {
    route: 'DELETE /api/canned-responses/:cannedId',
    title: 'delete a canned response',
    prepare: canned,
    url: (w) => `/api/canned-responses/${get(w, 'cannedId')}`,
    watch: chatRows,
    refusals: [forbidden('counsellorA'), ...OUTSIDERS.map((x) => nf(x, 'canned.not_found'))],
    allowed: 'headA',
    okStatus: 204,
  },
];
