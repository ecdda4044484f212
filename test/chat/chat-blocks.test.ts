// Blocking a caller key: a supervisor blocks the device of a chat for some hours with a reason
// (audited, the reason sealed); that device cannot start a chat in the service until the block
// expires or is lifted (audited); a counsellor may not block, another service's supervisor does not
// see the chat; a chat without a device token has no caller key to block.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';
import { ok, presence } from '../routing/routingApi.js';
import { acceptChat, auditOf, secret, startChat, startRaw } from './chatApi.js';

const REASON = 'Оскорбления в адрес консультанта';

describe.each(DATABASES)('chat blocks on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('blocks the device (audited, reason sealed) until blocked_until passes', async () => {
    const service = await t.service();
    const supervisor = await t.as([{ role: 'supervisor', serviceId: service.id }]);
    const chat = await startChat(t, service.id);
    const block = await ok<{ id: string; blockedUntil: string; reason: string; chatId: string }>(
      t.request(supervisor, 'POST', `/api/chats/${chat.chatId}/block`, { hours: 2, reason: REASON }),
      201,
    );
    expect(block).toMatchObject({ reason: REASON, chatId: chat.chatId });
    expect(new Date(block.blockedUntil).getTime()).toBe(t.clock.now().getTime() + 2 * 3600_000);
    const row = await t.db.selectFrom('chat_blocks').selectAll().where('id', '=', block.id).executeTakeFirstOrThrow();
    expect(row.reason).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('Оскорбления');
    expect(JSON.stringify(row)).not.toContain(chat.deviceToken);
    const audit = await auditOf(t, 'chat.block', block.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: supervisor.userId, service_id: service.id });
    expect(JSON.stringify(audit[0]!.details)).not.toContain('Оскорбления');

    const refused = await startRaw(t, service.id, { deviceToken: chat.deviceToken });
    expect({ status: refused.statusCode, code: refused.json().code }).toEqual({ status: 403, code: 'chat.blocked' });
    expect(refused.json().details.until).toBe(block.blockedUntil);
    // Another device, and the same device in another service, are not blocked.
    expect((await startRaw(t, service.id, { deviceToken: secret() })).statusCode).toBe(201);
    const other = await t.service();
    expect((await startRaw(t, other.id, { deviceToken: chat.deviceToken })).statusCode).toBe(201);

    const listed = await ok<{ blocks: { id: string; reason: string }[] }>(
      t.request(supervisor, 'GET', `/api/services/${service.id}/chat-blocks`),
    );
    expect(listed.blocks.map((b) => [b.id, b.reason])).toEqual([[block.id, REASON]]);

    t.clock.advance(2 * 3600_000 - 1000);
    expect((await startRaw(t, service.id, { deviceToken: chat.deviceToken })).statusCode).toBe(403);
    t.clock.advance(2000);
    expect((await startRaw(t, service.id, { deviceToken: chat.deviceToken })).statusCode).toBe(201);
    // Two hours later the session has idled out: sign in again.
    const again = await t.signIn({ id: supervisor.userId, login: supervisor.login, password: supervisor.password });
    const after = await ok<{ blocks: unknown[] }>(t.request(again, 'GET', `/api/services/${service.id}/chat-blocks`));
    expect(after.blocks).toEqual([]);
  });

  it('lifting a block (audited) lets the device start chats again', async () => {
    const service = await t.service();
    const head = await t.as([{ role: 'head', serviceId: service.id }]);
    const chat = await startChat(t, service.id);
    const block = await ok<{ id: string }>(t.request(head, 'POST', `/api/chats/${chat.chatId}/block`, { hours: 24, reason: REASON }), 201);
    expect((await startRaw(t, service.id, { deviceToken: chat.deviceToken })).statusCode).toBe(403);
    const lifted = await ok<{ liftedAt: string }>(t.request(head, 'POST', `/api/chat-blocks/${block.id}/lift`));
    expect(lifted.liftedAt).toBe(t.clock.now().toISOString());
    expect(await auditOf(t, 'chat.unblock', block.id)).toHaveLength(1);
    expect((await startRaw(t, service.id, { deviceToken: chat.deviceToken })).statusCode).toBe(201);
    // Lifting again changes nothing and audits nothing.
    await ok(t.request(head, 'POST', `/api/chat-blocks/${block.id}/lift`));
    expect(await auditOf(t, 'chat.unblock', block.id)).toHaveLength(1);
  });

  it('a counsellor cannot block (403); another service’s supervisor gets 404; neither blocks anything', async () => {
    const service = await t.service();
    const counsellor = await t.as([{ role: 'counsellor', serviceId: service.id }]);
    const outsider = await t.as([{ role: 'supervisor', serviceId: (await t.service()).id }]);
    const admin = await t.as([{ role: 'admin' }]);
    const chat = await startChat(t, service.id);
    // A counsellor with no offer of the chat does not see it (the holder's 403 is the next test).
    for (const who of [counsellor, outsider, admin]) {
      const res = await t.request(who, 'POST', `/api/chats/${chat.chatId}/block`, { hours: 1, reason: REASON });
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 404, code: 'chat.not_found' });
    }
    expect(await t.db.selectFrom('chat_blocks').select('id').where('service_id', '=', service.id).execute()).toEqual([]);
    expect((await startRaw(t, service.id, { deviceToken: chat.deviceToken })).statusCode).toBe(201);
    // Blocks of the service: the counsellor is forbidden, the outsider does not see the service.
    const list = await t.request(counsellor, 'GET', `/api/services/${service.id}/chat-blocks`);
    expect({ status: list.statusCode, code: list.json().code }).toEqual({ status: 403, code: 'auth.forbidden' });
    const outsiderList = await t.request(outsider, 'GET', `/api/services/${service.id}/chat-blocks`);
    expect({ status: outsiderList.statusCode, code: outsiderList.json().code }).toEqual({ status: 404, code: 'service.not_found' });
    // A real block: the counsellor and the outsider cannot lift it.
    const supervisor = await t.as([{ role: 'supervisor', serviceId: service.id }]);
    const block = await ok<{ id: string }>(
      t.request(supervisor, 'POST', `/api/chats/${chat.chatId}/block`, { hours: 1, reason: REASON }),
      201,
    );
    const lc = await t.request(counsellor, 'POST', `/api/chat-blocks/${block.id}/lift`);
    expect({ status: lc.statusCode, code: lc.json().code }).toEqual({ status: 403, code: 'auth.forbidden' });
    const lo = await t.request(outsider, 'POST', `/api/chat-blocks/${block.id}/lift`);
    expect({ status: lo.statusCode, code: lo.json().code }).toEqual({ status: 404, code: 'chat.block_not_found' });
    const row = await t.db.selectFrom('chat_blocks').select('lifted_at').where('id', '=', block.id).executeTakeFirstOrThrow();
    expect(row.lifted_at).toBeNull();
  });

  it('a counsellor holding the chat is refused with 403 auth.forbidden', async () => {
    const service = await t.service();
    const counsellor = await t.as([{ role: 'counsellor', serviceId: service.id }]);
    const chat = await startChat(t, service.id);
    // The counsellor holds it: on duty, the offer accepted.
    await presence(t, counsellor, service.id);
    await acceptChat(t, counsellor, chat.chatId);
    const res = await t.request(counsellor, 'POST', `/api/chats/${chat.chatId}/block`, { hours: 1, reason: REASON });
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(await t.db.selectFrom('chat_blocks').select('id').where('service_id', '=', service.id).execute()).toEqual([]);
  });

  it('a chat without a device token has no caller key to block (chat.no_caller_key)', async () => {
    const service = await t.service();
    const supervisor = await t.as([{ role: 'supervisor', serviceId: service.id }]);
    const chat = await startChat(t, service.id, { deviceToken: null });
    const res = await t.request(supervisor, 'POST', `/api/chats/${chat.chatId}/block`, { hours: 1, reason: REASON });
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 409, code: 'chat.no_caller_key' });
    expect(await t.db.selectFrom('chat_blocks').select('id').where('chat_id', '=', chat.chatId).execute()).toEqual([]);
    const unknown = await t.request(supervisor, 'POST', `/api/chats/${randomUUID()}/block`, { hours: 1, reason: REASON });
    expect({ status: unknown.statusCode, code: unknown.json().code }).toEqual({ status: 404, code: 'chat.not_found' });
  });
});
