// The chat's limits: message length (a clear Russian error on the child's socket and a 400 for staff),
// empty messages, messages per minute per side of a chat, new chats per caller key per hour, the
// service's chat hours in its own time zone, and a service whose chat is off or which is inactive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { ok } from '../routing/routingApi.js';
import { activeChat, childSays, clientId, messageRows, secret, setServiceSettings, startRaw, staffSays } from './chatApi.js';

const TOO_LONG_RU = 'Сообщение слишком длинное: не больше 2000 символов.';

describe.each(DATABASES)('chat limits on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('refuses a message over 2000 characters with chat.message_too_long in Russian, on the socket and over HTTP', async () => {
    const service = await t.service();
    const { chat, child, counsellor } = await activeChat(t, service.id);
    // 2000 characters (emoji count as one each) pass; 2001 do not.
    expect(await childSays(child, '😀'.repeat(2000))).toMatchObject({ type: 'ack', seq: 1 });
    const id = clientId();
    expect(await childSays(child, 'я'.repeat(2001), id)).toEqual({
      type: 'error',
      code: 'chat.message_too_long',
      message: TOO_LONG_RU,
      clientId: id,
    });
    const res = await staffSays(t, counsellor, chat.chatId, 'ы'.repeat(2001));
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code: 'chat.message_too_long' });
    expect(res.json().message).toBe(TOO_LONG_RU);
    await ok(staffSays(t, counsellor, chat.chatId, 'ы'.repeat(2000)), 201);
    // Over the limit at the start, too.
    const start = await startRaw(t, service.id, { firstMessage: { clientId: clientId(), text: 'x'.repeat(2001) } });
    expect({ status: start.statusCode, code: start.json().code, message: start.json().message }).toEqual({
      status: 400,
      code: 'chat.message_too_long',
      message: TOO_LONG_RU,
    });
    expect((await messageRows(t, chat.chatId)).map((r) => r.seq)).toEqual([1, 2]);
    child.close();
  });

  it('refuses an empty or blank message', async () => {
    const service = await t.service();
    const { chat, child, counsellor } = await activeChat(t, service.id);
    expect(await childSays(child, '')).toMatchObject({ type: 'error', code: 'chat.message_empty' });
    expect(await childSays(child, ' \n\t ')).toMatchObject({ type: 'error', code: 'chat.message_empty' });
    const res = await staffSays(t, counsellor, chat.chatId, '   ');
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code: 'chat.message_empty' });
    expect(await messageRows(t, chat.chatId)).toEqual([]);
    child.close();
  });

  it('limits messages per minute on each side (chatMessagesPerMinute), and allows them again a minute later', async () => {
    const service = await t.service();
    await setServiceSettings(t, service.id, { chatMessagesPerMinute: 3 });
    const { chat, child, counsellor } = await activeChat(t, service.id);
    for (let i = 0; i < 3; i++) expect(await childSays(child, `сообщение ${i}`)).toMatchObject({ type: 'ack' });
    const id = clientId();
    expect(await childSays(child, 'четвёртое', id)).toMatchObject({ type: 'error', code: 'chat.too_many_messages', clientId: id });
    // The other side has its own allowance.
    for (let i = 0; i < 3; i++) await ok(staffSays(t, counsellor, chat.chatId, `ответ ${i}`), 201);
    const fourth = await staffSays(t, counsellor, chat.chatId, 'ещё');
    expect({ status: fourth.statusCode, code: fourth.json().code }).toEqual({ status: 429, code: 'chat.too_many_messages' });
    expect(await messageRows(t, chat.chatId)).toHaveLength(6);
    t.clock.advance(61_000);
    expect(await childSays(child, 'четвёртое', id)).toMatchObject({ type: 'ack', seq: 7 });
    await ok(staffSays(t, counsellor, chat.chatId, 'ещё'), 201);
    child.close();
  });

  it('limits new chats per caller key per hour (chatNewPerHour) with 429, and allows them after the hour', async () => {
    const service = await t.service();
    await setServiceSettings(t, service.id, { chatNewPerHour: 2 });
    const device = secret();
    for (let i = 0; i < 2; i++) expect((await startRaw(t, service.id, { deviceToken: device })).statusCode).toBe(201);
    const third = await startRaw(t, service.id, { deviceToken: device });
    expect({ status: third.statusCode, code: third.json().code }).toEqual({ status: 429, code: 'chat.too_many_chats' });
    expect(third.json().message).toMatch(/[а-я]/);
    // Another device is not limited by this one.
    expect((await startRaw(t, service.id, { deviceToken: secret() })).statusCode).toBe(201);
    t.clock.advance(3600_000 + 1000);
    expect((await startRaw(t, service.id, { deviceToken: device })).statusCode).toBe(201);
  });

  it('refuses a start outside the chat hours of the service’s zone (chat.closed_now) and takes it inside them', async () => {
    const service = await t.service();
    // Hours that do not contain the present moment in Moscow: the two hours starting three hours from now.
    const moscowHour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', hour: '2-digit', hourCycle: 'h23' }).format(t.clock.now()),
    );
    const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    await setServiceSettings(t, service.id, { chatHours: { from: hh(moscowHour + 3), to: hh(moscowHour + 5) } });
    const closed = await startRaw(t, service.id);
    expect({ status: closed.statusCode, code: closed.json().code }).toEqual({ status: 409, code: 'chat.closed_now' });
    const list = await ok<{ services: { id: string; open: boolean }[] }>(t.app.inject({ method: 'GET', url: '/api/chat/services' }));
    expect(list.services.find((s) => s.id === service.id)?.open).toBe(false);
    // Hours around now (crossing midnight where it must) are open.
    await setServiceSettings(t, service.id, { chatHours: { from: hh(moscowHour + 23), to: hh(moscowHour + 1) } });
    expect((await startRaw(t, service.id)).statusCode).toBe(201);
    // Four hours later, the first hours are open.
    await setServiceSettings(t, service.id, { chatHours: { from: hh(moscowHour + 3), to: hh(moscowHour + 5) } });
    t.clock.advance(4 * 3600_000);
    expect((await startRaw(t, service.id)).statusCode).toBe(201);
  });

  it('refuses chats of a service whose chat is off or which is inactive (chat.unavailable), and of no service', async () => {
    const service = await t.service();
    await setServiceSettings(t, service.id, { chatEnabled: false });
    const off = await startRaw(t, service.id);
    expect({ status: off.statusCode, code: off.json().code }).toEqual({ status: 404, code: 'chat.unavailable' });
    const list = await ok<{ services: { id: string }[] }>(t.app.inject({ method: 'GET', url: '/api/chat/services' }));
    expect(list.services.map((s) => s.id)).not.toContain(service.id);
    await setServiceSettings(t, service.id, {}, false);
    const inactive = await startRaw(t, service.id);
    expect({ status: inactive.statusCode, code: inactive.json().code }).toEqual({ status: 404, code: 'chat.unavailable' });
    const none = await startRaw(t, crypto.randomUUID());
    expect({ status: none.statusCode, code: none.json().code }).toEqual({ status: 404, code: 'chat.unavailable' });
    expect(await t.db.selectFrom('chat_sessions').select('id').where('service_id', '=', service.id).execute()).toEqual([]);
    await setServiceSettings(t, service.id, {}, true);
    expect((await startRaw(t, service.id)).statusCode).toBe(201);
  });
});
