// The chat as a routing chat contact: offered to a counsellor on duty, accepted (the child hears the
// pseudonym), ended by either side (waiting → abandoned; active → the counsellor's wrap-up, and its
// contact record), queue positions for waiting chats, a waiting chat whose page is gone for two
// minutes is abandoned, and a transfer moves the chat to its new holder.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { connectWs } from '../helpers/wsClient.js';
import { accept, ok, onContact, workstation } from '../routing/routingApi.js';
import { activeChat, chatSynced, childSays, childSocket, counsellorOnDuty, staffSays, startChat, type ChildSocket } from './chatApi.js';

const contactState = async (t: TestApp, id: string) =>
  (await t.db.selectFrom('routing_contacts').select('state').where('id', '=', id).executeTakeFirst())?.state;
const chatRow = (t: TestApp, id: string) => t.db.selectFrom('chat_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function eventually<T>(read: () => Promise<T>, want: (v: T) => boolean, what: string): Promise<T> {
  let v = await read();
  for (let i = 0; i < 300 && !want(v); i++) {
    await new Promise((r) => setTimeout(r, 20));
    v = await read();
  }
  if (!want(v)) throw new Error(`${what}: still ${JSON.stringify(v)}`);
  return v;
}

describe.each(DATABASES)('chat routing on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('offers a waiting chat as a chat contact; on accept the child hears the pseudonym and the staff hear chat.accepted', async () => {
    const service = await t.service();
    const chat = await startChat(t, service.id);
    const child = await childSocket(t, chat);
    const counsellor = await counsellorOnDuty(t, service.id);
    const staffWs = await connectWs(t, counsellor);
    let offer: { id: string; kind: string; contact: { id: string } } | undefined;
    for (let i = 0; i < 200 && !offer; i++) {
      offer = (await workstation(t, counsellor)).offers.find((o) => o.contact.id === chat.chatId);
      if (!offer) await new Promise((r) => setTimeout(r, 10));
    }
    expect(offer).toBeDefined();
    await ok(accept(t, counsellor, offer!.id));
    await chatSynced(t);
    expect(await child.waitFor((m) => m.type === 'accepted', 'accepted')).toEqual({ type: 'accepted', pseudonym: 'Тест' });
    await staffWs.waitFor((m) => m.name === 'chat.accepted', 'chat.accepted');
    expect(await chatRow(t, chat.chatId)).toMatchObject({ state: 'active', staff_id: counsellor.userId });
    const view = await ok<{ canWrite: boolean; chat: { state: string; holderPseudonym: string } }>(
      t.request(counsellor, 'GET', `/api/chats/${chat.chatId}`),
    );
    expect(view).toMatchObject({ canWrite: true, chat: { state: 'active', holderPseudonym: 'Тест' } });
    child.close();
    staffWs.ws.close();
  });

  it('the child ending a waiting chat abandons its contact', async () => {
    const service = await t.service();
    const chat = await startChat(t, service.id);
    const child = await childSocket(t, chat);
    child.send({ type: 'end' });
    await child.waitFor((m) => m.type === 'ended', 'ended');
    expect(child.messages.find((m) => m.type === 'ended')).toEqual({ type: 'ended', by: 'child' });
    expect(await contactState(t, chat.chatId)).toBe('abandoned');
    expect(await chatRow(t, chat.chatId)).toMatchObject({ state: 'ended', ended_by: 'child' });
    child.close();
  });

  it('a supervisor cannot end a chat still waiting for a counsellor: refused, and its contact stays in the queue', async () => {
    const service = await t.service();
    const chat = await startChat(t, service.id);
    const supervisor = await t.as([{ role: 'supervisor', serviceId: service.id }]);
    const res = await t.request(supervisor, 'POST', `/api/chats/${chat.chatId}/end`, { commandId: randomUUID() });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('routing.invalid_state');
    expect(await contactState(t, chat.chatId)).toBe('queued');
    expect(await chatRow(t, chat.chatId)).toMatchObject({ state: 'waiting', ended_by: null });
    // It is still offered and taken as any waiting chat.
    const counsellor = await counsellorOnDuty(t, service.id);
    await eventually(
      async () => (await workstation(t, counsellor)).offers.map((o) => o.contact.id),
      (ids) => ids.includes(chat.chatId),
      'offer of the chat',
    );
  });

  it('the child ending an active chat puts the contact in the counsellor’s wrap-up', async () => {
    const service = await t.service();
    const { chat, child, counsellor } = await activeChat(t, service.id);
    const staffWs = await connectWs(t, counsellor);
    child.send({ type: 'end' });
    await child.waitFor((m) => m.type === 'ended', 'ended');
    expect(await contactState(t, chat.chatId)).toBe('wrapup');
    expect(await chatRow(t, chat.chatId)).toMatchObject({ state: 'ended', ended_by: 'child' });
    await staffWs.waitFor((m) => m.name === 'chat.ended' && (m.data as { by: string }).by === 'child', 'chat.ended');
    child.close();
    staffWs.ws.close();
  });

  it('the counsellor ending it: wrap-up, the child hears ended by counsellor, and the contact record is the chat’s', async () => {
    const service = await t.service();
    const { chat, child, counsellor } = await activeChat(t, service.id, { about: { who: 'teen', age: 15 } });
    await ok(t.request(counsellor, 'POST', `/api/chats/${chat.chatId}/end`, { commandId: randomUUID() }));
    expect(await child.waitFor((m) => m.type === 'ended', 'ended')).toEqual({ type: 'ended', by: 'counsellor' });
    expect(await contactState(t, chat.chatId)).toBe('wrapup');
    expect(await chatRow(t, chat.chatId)).toMatchObject({ state: 'ended', ended_by: 'counsellor' });
    await t.app.recordsSync.runOnce();
    const record = await t.db.selectFrom('contact_records').selectAll().where('id', '=', chat.chatId).executeTakeFirst();
    expect(record).toMatchObject({ id: chat.chatId, service_id: service.id, channel: 'chat' });
    child.close();
  });

  it('tells two waiting children their queue positions and estimates, and moves the second up', async () => {
    const service = await t.service();
    const first = await startChat(t, service.id);
    const c1 = await childSocket(t, first);
    t.clock.advance(1000); // the queue's order is arrival order
    const second = await startChat(t, service.id);
    const c2 = await childSocket(t, second);
    // What a page knows of its place: the welcome's, then each `queue` message (the first sync may come before the hello).
    const place = async (c: ChildSocket, position: number, estimatedWaitSeconds: number) =>
      eventually(
        async () => {
          const last = [...c.messages].reverse().find((m) => m.type === 'queue' || m.type === 'welcome');
          const q = last?.type === 'welcome' ? (last.chat as { position: number; estimatedWaitSeconds: number }) : last;
          return { position: q?.position, estimatedWaitSeconds: q?.estimatedWaitSeconds };
        },
        (v) => v.position === position && v.estimatedWaitSeconds === estimatedWaitSeconds,
        `place ${position}`,
      );
    await place(c1, 1, 600);
    await place(c2, 2, 1200);
    c1.send({ type: 'end' });
    await c1.waitFor((m) => m.type === 'ended');
    await c2.waitFor((m) => m.type === 'queue' && m.position === 1, 'moved up');
    // A reconnecting page is told its position in the welcome.
    const again = await childSocket(t, second);
    expect((again.messages.find((m) => m.type === 'welcome')!.chat as { position: number }).position).toBe(1);
    c1.close();
    c2.close();
    again.close();
  });

  it('abandons a waiting chat whose page has had no socket for two minutes', async () => {
    const service = await t.service();
    const chat = await startChat(t, service.id);
    const child = await childSocket(t, chat);
    const stays = await startChat(t, service.id);
    const staying = await childSocket(t, stays);
    child.close();
    await new Promise((r) => setTimeout(r, 100));
    t.clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 1_300));
    expect(await contactState(t, chat.chatId)).toBe('queued');
    t.clock.advance(61_000);
    await eventually(
      () => contactState(t, chat.chatId),
      (s) => s === 'abandoned',
      'the gone child’s contact',
    );
    // The chat is marked ended just after its contact is abandoned.
    await eventually(
      () => chatRow(t, chat.chatId),
      (r) => r.state === 'ended',
      'the gone child’s chat',
    );
    expect(await chatRow(t, chat.chatId)).toMatchObject({ state: 'ended', ended_by: 'child' });
    // The chat whose page stayed open waits on.
    expect(await contactState(t, stays.chatId)).toBe('queued');
    expect((await chatRow(t, stays.chatId)).state).toBe('waiting');
    staying.close();
  });

  it('a transfer to another counsellor moves the holder: the new one writes, the old one cannot', async () => {
    const service = await t.service();
    const { chat, child, counsellor: first } = await activeChat(t, service.id);
    const second = await counsellorOnDuty(t, service.id);
    await ok(
      onContact(t, first, chat.chatId, 'transfer', { commandId: randomUUID(), target: { kind: 'counsellor', staffId: second.userId } }),
    );
    let offerId: string | undefined;
    for (let i = 0; i < 200 && !offerId; i++) {
      offerId = (await workstation(t, second)).offers[0]?.id;
      if (!offerId) await new Promise((r) => setTimeout(r, 10));
    }
    expect(offerId).toBeDefined();
    await ok(accept(t, second, offerId!));
    await chatSynced(t);
    await eventually(
      () => chatRow(t, chat.chatId),
      (r) => r.staff_id === second.userId,
      'the holder',
    );
    await ok(staffSays(t, second, chat.chatId, 'Теперь с тобой я'), 201);
    const got = await child.waitFor((m) => m.type === 'message', 'the new holder’s message');
    expect(got.message).toMatchObject({ text: 'Теперь с тобой я', from: 'counsellor' });
    const old = await staffSays(t, first, chat.chatId, 'Я ещё тут');
    expect({ status: old.statusCode, code: old.json().code }).toEqual({ status: 404, code: 'chat.not_found' });
    expect(await childSays(child, 'спасибо')).toMatchObject({ type: 'ack' });
    const view = await ok<{ canWrite: boolean; chat: { contactId: string } }>(t.request(second, 'GET', `/api/chats/${chat.chatId}`));
    expect(view.canWrite).toBe(true);
    expect(view.chat.contactId).not.toBe(chat.chatId);
    child.close();
  });
});
