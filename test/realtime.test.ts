import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inUnit } from '../src/db/unitOfWork.js';
import { DATABASES } from './helpers/testDatabase.js';
import { TestApp, type SignedIn } from './helpers/testApp.js';

/** A WebSocket client through Fastify's injectWS, collecting parsed messages and the close code. */
async function connect(t: TestApp, who: SignedIn) {
  const messages: Record<string, unknown>[] = [];
  let closed: number | undefined;
  const ws: WebSocket = await t.app.injectWS('/api/ws', { headers: { cookie: who.cookie } });
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
  ws.on('close', (code: number) => (closed = code));
  const waitFor = async (pred: (m: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const found = messages.find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`message not received; got ${JSON.stringify(messages)}`);
  };
  const send = (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  const settle = () => new Promise((r) => setTimeout(r, 100));
  return { ws, messages, waitFor, send, settle, closedWith: () => closed };
}

describe.each(DATABASES)('realtime hub on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('refuses an upgrade without a session', async () => {
    await expect(t.app.injectWS('/api/ws')).rejects.toThrow(/401/);
  });

  it('delivers committed events to subscribers of the service, and to nobody else', async () => {
    const a = await t.service();
    const b = await t.service();
    const headA = await t.as([{ role: 'head', serviceId: a.id }]);
    const counsellorB = await t.as([{ role: 'counsellor', serviceId: b.id }]);
    const member = await t.user([{ role: 'counsellor', serviceId: a.id }]);
    const ca = await connect(t, headA);
    const cb = await connect(t, counsellorB);
    ca.send({ type: 'subscribe', topic: `service:${a.id}` });
    await ca.waitFor((m) => m.type === 'subscribed');
    cb.send({ type: 'subscribe', topic: `service:${a.id}` });
    expect(await cb.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'auth.forbidden', topic: `service:${a.id}` });
    cb.send({ type: 'subscribe', topic: `service:${b.id}` });
    await cb.waitFor((m) => m.type === 'subscribed');

    const res = await t.request(headA, 'PATCH', `/api/staff/${member.id}`, { version: 1, pseudonym: 'Вера' });
    expect(res.statusCode).toBe(200);
    expect(await ca.waitFor((m) => m.type === 'event')).toEqual({
      type: 'event',
      topic: `service:${a.id}`,
      name: 'staff.updated',
      data: { id: member.id },
    });
    await cb.settle();
    expect(cb.messages.filter((m) => m.type === 'event')).toEqual([]);
    ca.ws.terminate();
    cb.ws.terminate();
  });

  it('publishes only after commit: a rolled-back change announces nothing', async () => {
    const a = await t.service();
    const head = await t.as([{ role: 'head', serviceId: a.id }]);
    const c = await connect(t, head);
    c.send({ type: 'subscribe', topic: `service:${a.id}` });
    await c.waitFor((m) => m.type === 'subscribed');
    let publishedBeforeCommit = false;
    await expect(
      inUnit({ db: t.db, publish: t.hub.publish, clock: t.clock.now }, async (u) => {
        u.emit({ topic: `service:${a.id}`, name: 'test.rolled_back', data: {} });
        publishedBeforeCommit = c.messages.some((m) => m.type === 'event');
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await inUnit({ db: t.db, publish: t.hub.publish, clock: t.clock.now }, async (u) => {
      u.emit({ topic: `service:${a.id}`, name: 'test.committed', data: {} });
      await new Promise((r) => setTimeout(r, 50));
      publishedBeforeCommit ||= c.messages.some((m) => m.type === 'event');
    });
    const committed = await c.waitFor((m) => m.type === 'event');
    expect(committed.name).toBe('test.committed');
    expect(publishedBeforeCommit).toBe(false);
    expect(c.messages.filter((m) => m.type === 'event')).toHaveLength(1);
    c.ws.terminate();
  });

  it('answers malformed messages with an error and stays open; answers ping', async () => {
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const c = await connect(t, who);
    for (const bad of ['not json', '{"type":"subscribe"}', '{"type":"shout","topic":"x"}', '[]', 'null']) c.send(bad);
    await c.settle();
    expect(c.messages.filter((m) => m.code === 'realtime.bad_message')).toHaveLength(5);
    expect(c.messages[0]!.message).toBe('Некорректное сообщение.');
    c.send({ type: 'ping' });
    await c.waitFor((m) => m.type === 'pong');
    expect(c.closedWith()).toBeUndefined();
    c.ws.terminate();
  });

  it('closes the socket of a user whose account is disabled (code 4401)', async () => {
    const svc = await t.service();
    const head = await t.as([{ role: 'head', serviceId: svc.id }]);
    const member = await t.as([{ role: 'counsellor', serviceId: svc.id }]);
    const c = await connect(t, member);
    c.send({ type: 'ping' });
    await c.waitFor((m) => m.type === 'pong');
    await t.request(head, 'POST', `/api/staff/${member.userId}/disable`, {});
    await c.waitFor((m) => m.name === 'session.revoked');
    for (let i = 0; i < 100 && c.closedWith() === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    expect(c.closedWith()).toBe(4401);
  });

  it('counts workstation activity towards the idle timeout', async () => {
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const c = await connect(t, who);
    t.clock.advance(t.config.session.idleMs - 1000);
    c.send({ type: 'activity' });
    c.send({ type: 'ping' });
    await c.waitFor((m) => m.type === 'pong');
    await c.settle();
    t.clock.advance(2000);
    expect((await t.request(who, 'GET', '/api/auth/me')).statusCode).toBe(200);
    c.ws.terminate();
  });
});

describe.each(DATABASES)('realtime subscriptions follow role changes on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('drops a service topic when the user loses their role in that service', async () => {
    const a = await t.service();
    const b = await t.service();
    const admin = await t.as([{ role: 'admin' }]);
    const member = await t.as([
      { role: 'counsellor', serviceId: a.id },
      { role: 'counsellor', serviceId: b.id },
    ]);
    const c = await connect(t, member);
    c.send({ type: 'subscribe', topic: `service:${a.id}` });
    await c.waitFor((m) => m.type === 'subscribed');
    const res = await t.request(admin, 'PATCH', `/api/staff/${member.userId}`, {
      version: 1,
      grants: [{ serviceId: b.id, role: 'counsellor' }],
    });
    expect(res.statusCode).toBe(200);
    expect(await c.waitFor((m) => m.type === 'unsubscribed')).toEqual({ type: 'unsubscribed', topic: `service:${a.id}` });
    c.messages.length = 0;
    const other = await t.as([{ role: 'head', serviceId: a.id }]);
    const someone = await t.user([{ role: 'counsellor', serviceId: a.id }]);
    await t.request(other, 'PATCH', `/api/staff/${someone.id}`, { version: 1, pseudonym: 'Лада' });
    await c.settle();
    expect(c.messages.filter((m) => m.type === 'event' && m.topic === `service:${a.id}`)).toEqual([]);
    c.send({ type: 'subscribe', topic: `service:${a.id}` });
    expect(await c.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'auth.forbidden' });
    c.ws.terminate();
  });
});

describe.each(DATABASES)('realtime and session lifetime on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('an open socket alone does not keep a session alive; activity cannot revive an ended one', async () => {
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const c = await connect(t, who);
    t.clock.advance(t.config.session.idleMs - 1000);
    // A background re-check of this socket (as the minute timer does) must not count as activity.
    t.hub.publish([{ topic: 'admin', name: 'staff.updated', data: { id: who.userId } }]);
    await c.settle();
    t.clock.advance(2000);
    c.send({ type: 'activity' });
    await c.settle();
    expect((await t.request(who, 'GET', '/api/auth/me')).statusCode).toBe(401);
    c.ws.terminate();
  });

  it("signing out closes that session's socket", async () => {
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const c = await connect(t, who);
    c.send({ type: 'ping' });
    await c.waitFor((m) => m.type === 'pong');
    expect((await t.request(who, 'POST', '/api/auth/logout', {})).statusCode).toBe(204);
    for (let i = 0; i < 100 && c.closedWith() === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    expect(c.closedWith()).toBe(4401);
  });

  it('caps the topics one connection may hold', async () => {
    const admin = await t.as([{ role: 'admin' }]);
    const c = await connect(t, admin);
    for (let i = 0; i < 60; i++) c.send({ type: 'subscribe', topic: `service:${crypto.randomUUID()}` });
    for (let i = 0; i < 200 && c.messages.length < 60; i++) await new Promise((r) => setTimeout(r, 10));
    expect(c.messages.filter((m) => m.type === 'subscribed')).toHaveLength(49);
    expect(c.messages.filter((m) => m.code === 'realtime.bad_message')).toHaveLength(11);
    c.ws.terminate();
  });
});

describe('shutdown', () => {
  it('does not wait for a WebSocket client that stops reading', async () => {
    const { createConnection } = await import('node:net');
    const t = await TestApp.start('pglite');
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };
    const raw = createConnection({ host: '127.0.0.1', port });
    await new Promise((r) => raw.once('connect', r));
    raw.write(
      `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nCookie: ${who.cookie}\r\n\r\n`,
    );
    await new Promise((r) => raw.once('data', r));
    raw.pause(); // never answers the close handshake
    // Without the one-second grace and terminate, ws waits 30 s for the handshake; this test's timeout is 10 s.
    await t.close();
    raw.destroy();
  }, 10_000);
});
