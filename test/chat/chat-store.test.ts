// The chat's store: a message is in chat_messages (sealed) before the sender hears its ack; a resend
// with the same client id is the same message (even when the copies race); the server sequence has
// no gap and gives the order; an ended chat takes no message; a start retried with the same chat id
// and token is the same chat, and another token is refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { ok } from '../routing/routingApi.js';
import { markEnded, setHolders } from '../../src/domain/chat/chatStore.js';
import { activeChat, childSays, childSocket, clientId, messageRows, secret, startChat, startRaw, staffSays } from './chatApi.js';

describe.each(DATABASES)('chat store on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('stores the first message of the start, sealed', async () => {
    const service = await t.service();
    const first = { clientId: clientId(), text: 'первое сообщение ребёнка' };
    const chat = await startChat(t, service.id, { firstMessage: first });
    const rows = await messageRows(t, chat.chatId);
    expect(rows.map((r) => ({ seq: r.seq, sender: r.sender, client: r.client_id }))).toEqual([
      { seq: 1, sender: 'child', client: first.clientId },
    ]);
    expect(rows[0]!.body).toMatch(/^v1\./);
    const session = await t.db.selectFrom('chat_sessions').selectAll().where('id', '=', chat.chatId).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ last_seq: 1, child_messages: 1, state: 'waiting' });
  });

  it('has the message in chat_messages, sealed and nowhere in clear, when the ack arrives', async () => {
    const service = await t.service();
    const chat = await startChat(t, service.id);
    const child = await childSocket(t, chat);
    const text = `секрет ${randomUUID()}`;
    const id = clientId();
    // Read the table the moment the ack arrives, before anything else runs.
    const seen = new Promise<unknown[]>((resolve) =>
      child.ws.on('message', (data: Buffer) => {
        const m = JSON.parse(data.toString()) as { type: string };
        if (m.type === 'ack') resolve(messageRows(t, chat.chatId));
      }),
    );
    child.send({ type: 'message', clientId: id, text });
    const rows = (await seen) as Awaited<ReturnType<typeof messageRows>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seq: 1, sender: 'child', client_id: id });
    expect(rows[0]!.body).toMatch(/^v1\./);
    expect(JSON.stringify(rows)).not.toContain(text);
    expect(JSON.stringify(rows)).not.toContain('секрет');
    const session = await t.db.selectFrom('chat_sessions').selectAll().where('id', '=', chat.chatId).executeTakeFirstOrThrow();
    expect(JSON.stringify(session)).not.toContain('секрет');
    child.close();
  });

  it('answers a resend with the first seq, leaves no gap, and orders by seq', async () => {
    const service = await t.service();
    const { chat, child, counsellor } = await activeChat(t, service.id);
    const a = clientId();
    const first = await childSays(child, 'один', a);
    expect(first).toMatchObject({ type: 'ack', seq: 1 });
    expect(await childSays(child, 'один', a)).toMatchObject({ type: 'ack', seq: 1, at: first.at });
    expect(await childSays(child, 'два')).toMatchObject({ type: 'ack', seq: 2 });
    // The counsellor's resend is idempotent too (its own client ids).
    const sid = clientId();
    const s1 = await ok<{ seq: number }>(staffSays(t, counsellor, chat.chatId, 'три', sid), 201);
    const s2 = await ok<{ seq: number }>(staffSays(t, counsellor, chat.chatId, 'три', sid), 201);
    expect([s1.seq, s2.seq]).toEqual([3, 3]);
    expect(await childSays(child, 'четыре', a + 'x')).toMatchObject({ type: 'ack', seq: 4 });
    const rows = await messageRows(t, chat.chatId);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    const view = await ok<{ messages: { seq: number; text: string; from: string }[] }>(
      t.request(counsellor, 'GET', `/api/chats/${chat.chatId}`),
    );
    expect(view.messages.map((m) => `${m.seq}:${m.from}:${m.text}`)).toEqual([
      '1:child:один',
      '2:child:два',
      '3:counsellor:три',
      '4:child:четыре',
    ]);
    // The child missed nothing: a fresh socket after seq 2 gets 3 and 4 in order.
    const again = await childSocket(t, chat, 2);
    const welcome = again.messages.find((m) => m.type === 'welcome')!;
    expect((welcome.messages as { seq: number }[]).map((m) => m.seq)).toEqual([3, 4]);
    child.close();
    again.close();
  });

  it('stores concurrent resends of one message once, and concurrent new messages without gaps', async () => {
    const service = await t.service();
    const { chat, child, counsellor } = await activeChat(t, service.id);
    // Two sockets of the same chat (two tabs) send the same client id at once, many times.
    const second = await childSocket(t, chat);
    const id = clientId();
    const answers = await Promise.all([...Array(4)].flatMap(() => [childSays(child, 'раз', id), childSays(second, 'раз', id)]));
    expect(new Set(answers.map((a) => a.seq))).toEqual(new Set([1]));
    // The counsellor's resends race each other over HTTP.
    const sid = clientId();
    const staff = await Promise.all([...Array(6)].map(() => ok<{ seq: number }>(staffSays(t, counsellor, chat.chatId, 'два', sid), 201)));
    expect(new Set(staff.map((s) => s.seq))).toEqual(new Set([2]));
    // New messages from both sides at once: distinct seqs 3.., no gap.
    const news = await Promise.all([
      ...[...Array(5)].map((_, i) => childSays(i % 2 ? child : second, `ребёнок ${i}`).then((m) => m.seq as number)),
      ...[...Array(5)].map((_, i) => ok<{ seq: number }>(staffSays(t, counsellor, chat.chatId, `взрослый ${i}`), 201).then((m) => m.seq)),
    ]);
    expect([...news].sort((x, y) => x - y)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const rows = await messageRows(t, chat.chatId);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const session = await t.db.selectFrom('chat_sessions').selectAll().where('id', '=', chat.chatId).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ last_seq: 12, child_messages: 6, staff_messages: 6 });
    child.close();
    second.close();
  });

  it('refuses messages to an ended chat with chat.ended, from either side', async () => {
    const service = await t.service();
    const { chat, child, counsellor } = await activeChat(t, service.id);
    await childSays(child, 'до конца');
    await ok(t.request(counsellor, 'POST', `/api/chats/${chat.chatId}/end`, { commandId: randomUUID() }));
    await child.waitFor((m) => m.type === 'ended', 'ended');
    const id = clientId();
    expect(await childSays(child, 'после конца', id)).toMatchObject({ type: 'error', code: 'chat.ended', clientId: id });
    const res = await staffSays(t, counsellor, chat.chatId, 'после конца');
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 409, code: 'chat.ended' });
    expect((await messageRows(t, chat.chatId)).map((r) => r.seq)).toEqual([1]);
    child.close();
  });

  it('treats a retried start (same chat id and token) as the same chat, and refuses another token', async () => {
    const service = await t.service();
    const first = { clientId: clientId(), text: 'привет' };
    const chat = await startChat(t, service.id, { firstMessage: first });
    const retry = await startRaw(t, service.id, {
      chatId: chat.chatId,
      token: chat.token,
      deviceToken: chat.deviceToken,
      firstMessage: first,
    });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json()).toEqual({ chatId: chat.chatId, state: 'waiting' });
    expect(await messageRows(t, chat.chatId)).toHaveLength(1);
    expect(await t.db.selectFrom('chat_sessions').select('id').where('id', '=', chat.chatId).execute()).toHaveLength(1);
    const other = await startRaw(t, service.id, { chatId: chat.chatId, token: secret() });
    expect({ status: other.statusCode, code: other.json().code }).toEqual({ status: 409, code: 'chat.exists' });
    // Another service with the right token is refused too.
    const elsewhere = await t.service();
    const moved = await startRaw(t, elsewhere.id, { chatId: chat.chatId, token: chat.token });
    expect({ status: moved.statusCode, code: moved.json().code }).toEqual({ status: 409, code: 'chat.exists' });
    // The routing contact was handed in once.
    const arrived = await t.db
      .selectFrom('routing_events')
      .select('type')
      .where('contact_id', '=', chat.chatId)
      .where('type', '=', 'contact.arrived')
      .execute();
    expect(arrived).toHaveLength(1);
  });

  it('writes the holders of several chats in one statement: waiting ones become active, a transferred one keeps its state, an ended one is left', async () => {
    const service = await t.service();
    const [a, b] = [
      await t.user([{ role: 'counsellor', serviceId: service.id }]),
      await t.user([{ role: 'counsellor', serviceId: service.id }]),
    ];
    const waiting = await startChat(t, service.id);
    const moved = await startChat(t, service.id);
    const ended = await startChat(t, service.id);
    await setHolders(t.db, [{ chatId: moved.chatId, staffId: a.id, answeredByServiceId: null }]);
    await markEnded(t.db, ended.chatId, 'child', new Date());
    await setHolders(t.db, [
      { chatId: waiting.chatId, staffId: a.id, answeredByServiceId: null },
      { chatId: moved.chatId, staffId: b.id, answeredByServiceId: service.id },
      { chatId: ended.chatId, staffId: b.id, answeredByServiceId: null },
    ]);
    const rows = await t.db
      .selectFrom('chat_sessions')
      .select(['id', 'state', 'staff_id', 'answered_by_service_id'])
      .where('id', 'in', [waiting.chatId, moved.chatId, ended.chatId])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(waiting.chatId)).toMatchObject({ state: 'active', staff_id: a.id, answered_by_service_id: null });
    expect(byId.get(moved.chatId)).toMatchObject({ state: 'active', staff_id: b.id, answered_by_service_id: service.id });
    expect(byId.get(ended.chatId)).toMatchObject({ state: 'ended', staff_id: null });
  });
});
