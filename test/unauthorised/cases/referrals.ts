// Refusal cases for referrals: a record of service A is its counsellor's and A's supervisors' and
// head's alone (everyone else: 404 record.not_found), so are its referrals to the directory; a
// directory card goes into a chat of A only from whoever may write in it (404 chat.not_found).
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/testApp.js';
import { directoryEntry } from '../../records/directoryEntries.js';
import { nf, stable, type Case } from '../runCase.js';
import { call, type Who, type World } from '../world.js';

interface Made {
  recordId: string;
  entryId: string;
  referralId: string;
  chatId: string;
}
const made = new WeakMap<World, Partial<Made>>();
const get = <K extends keyof Made>(w: World, k: K): string => {
  const v = made.get(w)?.[k];
  if (v === undefined) throw new Error(`prepare made no ${k}`);
  return v;
};
const remember = (w: World, m: Partial<Made>) => made.set(w, { ...made.get(w), ...m });

/** A record of A made by counsellorA, and a directory entry of A. */
async function recordOfA(t: TestApp, w: World): Promise<void> {
  const res = await call(t, 'POST', '/api/records', { id: randomUUID(), serviceId: w.A, channel: 'in_person' }, w.people.counsellorA);
  expect(res.statusCode, res.body).toBe(201);
  const entryId = await directoryEntry(t, w.A, { name: 'Кризисный центр А', phones: ['+7 000 000-00-00'], terms: ['crisis'] });
  remember(w, { recordId: res.json().id, entryId });
}

/** …with the entry attached as a referral. */
async function referredRecord(t: TestApp, w: World): Promise<void> {
  await recordOfA(t, w);
  const res = await call(
    t,
    'POST',
    `/api/records/${get(w, 'recordId')}/referrals`,
    { directoryServiceId: get(w, 'entryId') },
    w.people.counsellorA,
  );
  expect(res.statusCode, res.body).toBe(201);
  remember(w, { referralId: res.json().referral.id });
}

/** A chat of A that counsellorA (on duty) accepted, and a national directory entry. */
async function activeChat(t: TestApp, w: World): Promise<void> {
  const chatId = randomUUID();
  const secret = () => randomBytes(32).toString('base64url');
  const started = await t.app.inject({ method: 'POST', url: '/api/chat/chats', payload: { chatId, serviceId: w.A, token: secret() } });
  expect(started.statusCode, started.body).toBe(201);
  const who = w.people.counsellorA;
  const cmd = () => ({ commandId: randomUUID() });
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
  const entryId = await directoryEntry(t, null, { name: 'Федеральная линия', phones: ['8-800-2000-122'] });
  remember(w, { chatId, entryId });
}

/** Every row of A's and B's records, referrals and rollups a refused call could change. */
async function rows(t: TestApp, w: World) {
  const services = [w.A, w.B];
  return {
    records: await t.db.selectFrom('contact_records').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    referrals: await t.db.selectFrom('record_referrals').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    rollups: await t.db
      .selectFrom('record_stats_daily')
      .selectAll()
      .where('service_id', 'in', services)
      .orderBy('day')
      .orderBy('dim')
      .orderBy('value')
      .execute(),
  };
}

/**
 * The messages of A's and B's chats (a refused card must add none). The chat's record is left out:
 * the routing projector writes it in the background as the contact goes on.
 */
async function messages(t: TestApp, w: World) {
  const services = [w.A, w.B];
  return {
    referrals: await t.db.selectFrom('record_referrals').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    messages: await t.db
      .selectFrom('chat_messages as m')
      .innerJoin('chat_sessions as s', 's.id', 'm.chat_id')
      .select(['m.chat_id', 'm.seq', 'm.body'])
      .where('s.service_id', 'in', services)
      .orderBy('m.chat_id')
      .orderBy('m.seq')
      .execute(),
  };
}

/** Everyone but counsellorA and A's supervisors and head. */
const notTheirs = (['targetA', 'targetAB', 'headB', 'counsellorB', 'analyst', 'admin'] as Who[]).map((who) => nf(who, 'record.not_found'));
const notInChat = (['targetA', 'targetAB', 'headB', 'counsellorB', 'analyst', 'admin'] as Who[]).map((who) => nf(who, 'chat.not_found'));

export const REFERRAL_CASES: Case[] = [
  {
    route: 'GET /api/records/:recordId/referrals',
    title: "the referrals of counsellorA's record",
    url: (w) => `/api/records/${get(w, 'recordId')}/referrals`,
    prepare: referredRecord,
    watch: rows,
    refusals: notTheirs,
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json().items).toMatchObject([{ id: get(w, 'referralId'), name: 'Кризисный центр А' }]),
  },
  {
    route: 'POST /api/records/:recordId/referrals',
    title: "attach a directory entry of A to counsellorA's record",
    url: (w) => `/api/records/${get(w, 'recordId')}/referrals`,
    payload: stable('referral', (w) => ({ directoryServiceId: get(w, 'entryId') })),
    prepare: recordOfA,
    watch: rows,
    refusals: notTheirs,
    allowed: 'counsellorA',
    okStatus: 201,
    verify: (res) => expect(res.json()).toMatchObject({ referral: { name: 'Кризисный центр А' }, record: { actions: ['referred'] } }),
  },
  {
    route: 'DELETE /api/records/:recordId/referrals/:referralId',
    title: "remove a referral from counsellorA's record",
    url: (w) => `/api/records/${get(w, 'recordId')}/referrals/${get(w, 'referralId')}`,
    prepare: referredRecord,
    watch: rows,
    refusals: notTheirs,
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ referral: null, record: { actions: [] } }),
  },
  {
    route: 'POST /api/chats/:chatId/directory-card',
    title: 'send a directory card in a chat held by counsellorA',
    url: (w) => `/api/chats/${get(w, 'chatId')}/directory-card`,
    payload: stable('card', (w) => ({ directoryServiceId: get(w, 'entryId'), clientId: randomBytes(9).toString('base64url') })),
    prepare: activeChat,
    watch: messages,
    refusals: notInChat,
    allowed: 'counsellorA',
    okStatus: 201,
    verify: (res) => expect(res.json().text).toContain('Федеральная линия'),
  },
];
