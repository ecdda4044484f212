// A restart of the app mid-chat (same database, a new process state): the child's socket is closed,
// the page says hello again with the last seq it saw and gets what it missed; both sides go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { connectWs } from '../helpers/wsClient.js';
import { ok } from '../routing/routingApi.js';
import { activeChat, chatSynced, childSays, childSocket, messageRows, staffSays } from './chatApi.js';

describe.each(DATABASES)('chat across a restart on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('the child reconnects with hello after its last seq, gets what it missed, and both sides keep working', async () => {
    const service = await t.service();
    const { chat, child, counsellor } = await activeChat(t, service.id);
    expect(await childSays(child, 'до перезапуска')).toMatchObject({ type: 'ack', seq: 1 });
    await ok(staffSays(t, counsellor, chat.chatId, 'я рядом'), 201);
    await child.waitFor((m) => m.type === 'message');
    const lastSeen = 2;

    t = await t.restart();
    // Once the new app has loaded its open chats it knows the chat's holder (stored with the chat, confirmed by the engine).
    await t.app.chat.ready();
    expect(t.app.chat.live.get(chat.chatId)).toMatchObject({ holder: counsellor.userId, pseudonym: 'Тест' });
    // The old socket was closed by the shutdown ("going away").
    for (let i = 0; i < 100 && child.closedWith() === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    expect(child.closedWith()).toBe(1001);
    await chatSynced(t);
    // The new app learns the chat's holder from the rebuilt routing engine on its next sync (within a second).
    for (let i = 0; i < 300 && t.app.chat.live.get(chat.chatId)?.holder !== counsellor.userId; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(t.app.chat.live.get(chat.chatId)?.holder).toBe(counsellor.userId);

    // The counsellor (same session) writes while the child is away.
    const missed = await ok<{ seq: number }>(staffSays(t, counsellor, chat.chatId, 'ты тут?'), 201);
    expect(missed.seq).toBe(3);

    const again = await childSocket(t, chat, lastSeen);
    const welcome = again.messages.find((m) => m.type === 'welcome')!;
    expect(welcome.chat).toMatchObject({ state: 'active', lastSeq: 3, counsellor: { pseudonym: 'Тест' } });
    expect(welcome.messages).toMatchObject([{ seq: 3, from: 'counsellor', text: 'ты тут?' }]);

    // Both sides keep working: the child's message reaches the holder's socket, the reply reaches the child.
    const staffWs = await connectWs(t, counsellor);
    expect(await childSays(again, 'да, тут')).toMatchObject({ type: 'ack', seq: 4 });
    await staffWs.waitFor((m) => m.name === 'chat.message' && (m.data as { message: { seq: number } }).message.seq === 4, 'relayed');
    await ok(staffSays(t, counsellor, chat.chatId, 'хорошо'), 201);
    await again.waitFor((m) => m.type === 'message' && (m.message as { seq: number }).seq === 5, 'the reply');
    expect((await messageRows(t, chat.chatId)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    again.close();
    staffWs.ws.close();
  });
});
