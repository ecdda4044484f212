// A chat end to end through the API: the child starts it with a first message, waits, a counsellor
// accepts, messages go both ways (durable before the ack, resends idempotent), the counsellor ends it,
// the child rates it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { connectWs } from '../helpers/wsClient.js';
import { ok } from '../routing/routingApi.js';
import { acceptChat, chatSynced, childSocket, clientId, counsellorOnDuty, startChat } from './chatApi.js';

describe.each(DATABASES)('web chat on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('carries a chat from the first message to the feedback', async () => {
    const service = await t.service();
    const first = { clientId: clientId(), text: 'Привет, мне плохо' };
    const chat = await startChat(t, service.id, { about: { who: 'teen', age: 14 }, firstMessage: first });
    const child = await childSocket(t, chat);
    const welcome = child.messages.find((m) => m.type === 'welcome')!;
    expect(welcome.chat).toMatchObject({ state: 'waiting', lastSeq: 1 });
    expect(welcome.messages).toMatchObject([{ seq: 1, from: 'child', text: first.text }]);

    const counsellor = await counsellorOnDuty(t, service.id);
    const staffWs = await connectWs(t, counsellor);
    // The offer's counsellor reads the first message and the pre-chat answers before accepting.
    const preview = await ok<{ chat: { preChat: unknown }; messages: { text: string }[]; canWrite: boolean }>(
      t.request(counsellor, 'GET', `/api/chats/${chat.chatId}`),
    );
    expect(preview.messages.map((m) => m.text)).toEqual([first.text]);
    expect(preview.chat.preChat).toEqual({ who: 'teen', age: 14 });
    expect(preview.canWrite).toBe(false);

    await acceptChat(t, counsellor, chat.chatId);
    await chatSynced(t);
    await child.waitFor((m) => m.type === 'accepted', 'accepted');

    // Child → counsellor: acknowledged after the write, relayed on the counsellor's user topic.
    const id = clientId();
    child.send({ type: 'message', clientId: id, text: '<b>я тут</b>' });
    const ack = await child.waitFor((m) => m.type === 'ack' && m.clientId === id, 'ack');
    expect(ack.seq).toBe(2);
    const relayed = await staffWs.waitFor((m) => m.name === 'chat.message' && (m.data as { message: { seq: number } }).message.seq === 2);
    expect((relayed.data as { message: { text: string } }).message.text).toBe('<b>я тут</b>');
    // A resend of the same client id is the same message.
    child.send({ type: 'message', clientId: id, text: '<b>я тут</b>' });
    await child.waitFor((m) => m.type === 'ack' && m.clientId === id && m !== ack, 'second ack');
    expect(child.messages.filter((m) => m.type === 'ack' && m.clientId === id).map((m) => m.seq)).toEqual([2, 2]);

    // Counsellor → child.
    const sent = await ok<{ seq: number }>(
      t.request(counsellor, 'POST', `/api/chats/${chat.chatId}/messages`, { clientId: clientId(), text: 'Я слушаю' }),
      201,
    );
    expect(sent.seq).toBe(3);
    const got = await child.waitFor((m) => m.type === 'message', 'message to the child');
    expect(got.message).toMatchObject({ seq: 3, from: 'counsellor', text: 'Я слушаю', pseudonym: 'Тест' });

    // Stored sealed: the text is not in the table in clear.
    const rows = await t.db.selectFrom('chat_messages').select('body').where('chat_id', '=', chat.chatId).execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.body).toMatch(/^v1\./);

    await ok(t.request(counsellor, 'POST', `/api/chats/${chat.chatId}/end`, { commandId: crypto.randomUUID() }));
    await child.waitFor((m) => m.type === 'ended', 'ended');
    const fb = await t.app.inject({
      method: 'POST',
      url: `/api/chat/chats/${chat.chatId}/feedback`,
      headers: { authorization: `Bearer ${chat.token}` },
      payload: { rating: 5, comment: 'спасибо' },
    });
    expect(fb.statusCode, fb.body).toBe(204);
    child.close();
    staffWs.ws.close();
  });
});
