// What the logs never hold over a chat's whole life (at trace level, with the production redaction):
// the device token, the resume token, the message text, the feedback comment, the block reason, or
// the caller's IP address.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { ok } from '../routing/routingApi.js';
import { activeChat, childSays, clientId, startRaw, staffSays } from './chatApi.js';

describe.each(DATABASES)('chat logs on %s', (kind) => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, {}, { logLines: lines });
  });
  afterAll(() => t.close());

  it('carry no token, message text, reason or IP address', async () => {
    const service = await t.service();
    const secretText = `Мне очень плохо ${randomUUID()}`;
    const { chat, child, counsellor } = await activeChat(t, service.id, {
      about: { who: 'teen', age: 14, region: 'Тверская область' },
      firstMessage: { clientId: clientId(), text: secretText },
    });
    const childText = `Ребёнок пишет ${randomUUID()}`;
    await childSays(child, childText);
    await childSays(child, 'я'.repeat(2001)); // an error on the socket
    child.send('{not json');
    await child.waitFor((m) => m.type === 'error' && m.code === 'realtime.bad_message');
    const staffText = `Консультант отвечает ${randomUUID()}`;
    await ok(staffSays(t, counsellor, chat.chatId, staffText), 201);
    await ok(t.request(counsellor, 'GET', `/api/chats/${chat.chatId}`));
    const supervisor = await t.as([{ role: 'supervisor', serviceId: service.id }]);
    const reason = `Причина блокировки ${randomUUID()}`;
    await ok(t.request(supervisor, 'POST', `/api/chats/${chat.chatId}/block`, { hours: 1, reason }), 201);
    const blocked = await startRaw(t, service.id, { deviceToken: chat.deviceToken });
    expect(blocked.statusCode).toBe(403);
    await ok(t.request(counsellor, 'POST', `/api/chats/${chat.chatId}/end`, { commandId: randomUUID() }));
    await child.waitFor((m) => m.type === 'ended');
    const comment = `Отзыв ${randomUUID()}`;
    const fb = await t.app.inject({
      method: 'POST',
      url: `/api/chat/chats/${chat.chatId}/feedback`,
      headers: { authorization: `Bearer ${chat.token}` },
      payload: { rating: 5, comment },
    });
    expect(fb.statusCode).toBe(204);
    // A wrong token is refused (and logged as a refusal, without the token).
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/chat/chats/${chat.chatId}/feedback`,
      headers: { authorization: `Bearer ${chat.token.slice(1)}A` },
      payload: { rating: 1 },
    });
    expect(wrong.statusCode).toBe(404);
    child.close();
    await new Promise((r) => setTimeout(r, 100));

    expect(lines.length).toBeGreaterThan(10);
    // The logs saw the chat's requests at all (so the absences below mean something).
    expect(lines.some((l) => l.includes('/api/chat/chats'))).toBe(true);
    const all = lines.join('\n');
    for (const secret of [
      chat.token,
      chat.deviceToken!,
      secretText,
      childText,
      staffText,
      reason,
      comment,
      'Мне очень плохо',
      'Ребёнок пишет',
    ]) {
      expect(all.includes(secret), `a log line holds ${secret.slice(0, 20)}`).toBe(false);
    }
    for (const ip of ['127.0.0.1', '::1', 'remoteAddress', 'remotePort', 'x-forwarded-for']) {
      expect(all.includes(ip), `a log line holds ${ip}`).toBe(false);
    }
  });
});
