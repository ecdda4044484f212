// A supervisor and a live chat: reads it (audited as a supervisor), follows it on
// `chat:<serviceId>:<chatId>` (a counsellor of the service may not), and steps in (audited) — the
// child sees the supervisor's message under their pseudonym.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { connectWs } from '../helpers/wsClient.js';
import { ok } from '../routing/routingApi.js';
import { activeChat, auditOf, childSays, staffSays } from './chatApi.js';

describe.each(DATABASES)('chat supervision on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('reads a live chat (audited chat.read as supervisor) and follows it on its chat topic', async () => {
    const service = await t.service();
    const { chat, child } = await activeChat(t, service.id);
    await childSays(child, 'мне страшно');
    const supervisor = await t.as([{ role: 'supervisor', serviceId: service.id }]);
    const view = await ok<{ messages: { text: string }[]; canWrite: boolean }>(t.request(supervisor, 'GET', `/api/chats/${chat.chatId}`));
    expect(view.messages.map((m) => m.text)).toEqual(['мне страшно']);
    expect(view.canWrite).toBe(true);
    const audit = (await auditOf(t, 'chat.read', chat.chatId)).filter((a) => a.actor_id === supervisor.userId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ as: 'supervisor', state: 'active' });
    expect(JSON.stringify(audit[0])).not.toContain('страшно');

    const ws = await connectWs(t, supervisor);
    const topic = `chat:${service.id}:${chat.chatId}`;
    expect(await ws.subscribe(topic)).toMatchObject({ type: 'subscribed', topic });
    await childSays(child, 'ты тут?');
    const ev = await ws.waitFor((m) => m.name === 'chat.message', 'chat.message');
    expect(ev.data).toMatchObject({ chatId: chat.chatId, message: { seq: 2, from: 'child', text: 'ты тут?' } });
    child.close();
    ws.ws.close();
  });

  it('a counsellor of the service, and another service’s supervisor, may not follow the chat topic', async () => {
    const service = await t.service();
    const { chat, child } = await activeChat(t, service.id);
    const topic = `chat:${service.id}:${chat.chatId}`;
    for (const who of [
      await t.as([{ role: 'counsellor', serviceId: service.id }]),
      await t.as([{ role: 'supervisor', serviceId: (await t.service()).id }]),
      await t.as([{ role: 'admin' }]),
    ]) {
      const ws = await connectWs(t, who);
      expect(await ws.subscribe(topic)).toMatchObject({ type: 'error', topic });
      await childSays(child, 'секретное');
      await ws.settle();
      expect(ws.events('chat.message')).toEqual([]);
      ws.ws.close();
    }
    child.close();
  });

  it('steps in (audited chat.step_in): the child receives the supervisor’s message with their pseudonym', async () => {
    const service = await t.service();
    const { chat, child, counsellor } = await activeChat(t, service.id);
    const supervisorUser = await t.user([{ role: 'supervisor', serviceId: service.id }]);
    await t.db.updateTable('staff_users').set({ pseudonym: 'Старший' }).where('id', '=', supervisorUser.id).execute();
    const supervisor = await t.signIn(supervisorUser);
    const holderWs = await connectWs(t, counsellor);
    const sent = await ok<{ seq: number }>(staffSays(t, supervisor, chat.chatId, 'Я подключилась, чтобы помочь'), 201);
    const got = await child.waitFor((m) => m.type === 'message', 'the supervisor’s message');
    expect(got.message).toMatchObject({ seq: sent.seq, from: 'counsellor', text: 'Я подключилась, чтобы помочь', pseudonym: 'Старший' });
    const audit = await auditOf(t, 'chat.step_in', chat.chatId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: supervisor.userId, service_id: service.id, details: { seq: sent.seq } });
    // The holder sees it too; the holder's own messages are not a step-in.
    await holderWs.waitFor((m) => m.name === 'chat.message', 'chat.message to the holder');
    await ok(staffSays(t, counsellor, chat.chatId, 'Я здесь'), 201);
    expect(await auditOf(t, 'chat.step_in', chat.chatId)).toHaveLength(1);
    child.close();
    holderWs.ws.close();
  });
});
