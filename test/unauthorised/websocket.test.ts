// Unauthorised use of the WebSocket endpoint: the upgrade is refused without a session, with an
// unknown one, from a cross-site page and before the password change; subscriptions to another
// service, another user or the admin topic are refused, and an outsider hears nothing.
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { bogusCookie, call, makeWorld, outcome, snapshot, wsUpgrade, type Attempt } from './world.js';

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  describe('the WebSocket endpoint', () => {
    it('refuses the upgrade without a session, with an unknown session, from a cross-site page, and before the password change', async () => {
      const w = await makeWorld(t);
      const before = await snapshot(t, w);
      const attempts: Attempt[] = [
        { label: 'no session', status: 401, code: 'auth.unauthenticated' },
        { label: 'unknown session cookie', creds: { cookie: bogusCookie() }, status: 401, code: 'auth.unauthenticated' },
        {
          label: 'cross-site Origin',
          creds: w.people.admin,
          headers: { origin: 'https://evil.example' },
          status: 403,
          code: 'auth.csrf_failed',
        },
        {
          label: 'Sec-Fetch-Site: cross-site',
          creds: w.people.admin,
          headers: { 'sec-fetch-site': 'cross-site' },
          status: 403,
          code: 'auth.csrf_failed',
        },
        { label: 'must change password', creds: w.pendingA, status: 403, code: 'auth.password_change_required' },
      ];
      for (const a of attempts) {
        const res = await call(t, 'GET', '/api/ws', undefined, a.creds?.cookie ? { cookie: a.creds.cookie } : undefined, {
          ...wsUpgrade,
          ...a.headers,
        });
        expect({ caller: a.label, ...outcome(res) }).toEqual({ caller: a.label, status: a.status, code: a.code, hasMessage: true });
      }
      await expect(t.app.injectWS('/api/ws')).rejects.toThrow(/401/);
      await expect(t.app.injectWS('/api/ws', { headers: { cookie: w.pendingA.cookie } })).rejects.toThrow(/403/);
      await expect(
        t.app.injectWS('/api/ws', { headers: { cookie: w.people.admin.cookie, origin: 'https://evil.example' } }),
      ).rejects.toThrow(/403/);
      expect(await snapshot(t, w)).toEqual(before);

      // Positive control: the same upgrade with the admin's cookie opens a socket. (No Origin header:
      // injectWS's request has no socket, so Fastify cannot tell its protocol to compare origins.)
      const ws = await t.app.injectWS('/api/ws', { headers: { cookie: w.people.admin.cookie } });
      const c = listen(ws);
      ws.send(JSON.stringify({ type: 'ping' }));
      expect(await c.waitFor((m) => m.type === 'pong')).toEqual({ type: 'pong' });
      ws.terminate();
    });

    it('refuses subscriptions to another service, another user and the admin topic; an outsider hears nothing', async () => {
      const w = await makeWorld(t);
      const outsider = listen(await t.app.injectWS('/api/ws', { headers: { cookie: w.people.headB.cookie } }));
      const analyst = listen(await t.app.injectWS('/api/ws', { headers: { cookie: w.people.analyst.cookie } }));
      const insider = listen(await t.app.injectWS('/api/ws', { headers: { cookie: w.people.counsellorA.cookie } }));
      const admin = listen(await t.app.injectWS('/api/ws', { headers: { cookie: w.people.admin.cookie } }));

      const refused = async (c: Listener, topic: string) => {
        c.send({ type: 'subscribe', topic });
        const reply = await c.waitFor((m) => m.topic === topic);
        expect(reply, topic).toMatchObject({ type: 'error', code: 'auth.forbidden', topic });
        expect(typeof reply.message === 'string' && reply.message.length > 0).toBe(true);
      };
      await refused(outsider, `service:${w.A}`);
      await refused(outsider, `service:${w.A.toUpperCase()}`);
      await refused(outsider, `user:${w.people.headA.userId}`);
      await refused(outsider, 'admin');
      await refused(outsider, 'service:');
      await refused(analyst, `service:${w.A}`);
      await refused(insider, 'admin');
      await refused(insider, `service:${w.B}`);
      await refused(insider, `user:${w.people.targetA.userId}`);

      // Positive controls: members may follow their own service, and an admin the admin topic.
      insider.send({ type: 'subscribe', topic: `service:${w.A}` });
      expect(await insider.waitFor((m) => m.topic === `service:${w.A}`)).toEqual({ type: 'subscribed', topic: `service:${w.A}` });
      admin.send({ type: 'subscribe', topic: 'admin' });
      expect(await admin.waitFor((m) => m.topic === 'admin')).toEqual({ type: 'subscribed', topic: 'admin' });

      const res = await call(t, 'PATCH', `/api/services/${w.A}`, { version: 1, region: 'Новая' }, w.people.headA);
      expect(res.statusCode).toBe(200);
      expect(await insider.waitFor((m) => m.type === 'event')).toMatchObject({ topic: `service:${w.A}`, name: 'service.updated' });
      expect(await admin.waitFor((m) => m.type === 'event')).toMatchObject({ topic: 'admin', name: 'service.updated' });
      await new Promise((r) => setTimeout(r, 100));
      expect(outsider.messages.filter((m) => m.type === 'event')).toEqual([]);
      expect(analyst.messages.filter((m) => m.type === 'event')).toEqual([]);
      for (const c of [outsider, analyst, insider, admin]) {
        expect(c.closedWith()).toBeUndefined();
        c.ws.terminate();
      }
    });
  });
});

type Message = Record<string, unknown>;
interface Listener {
  ws: WebSocket;
  messages: Message[];
  send(m: unknown): void;
  waitFor(pred: (m: Message) => boolean): Promise<Message>;
  closedWith(): number | undefined;
}

function listen(ws: WebSocket): Listener {
  const messages: Message[] = [];
  let closed: number | undefined;
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Message));
  ws.on('close', (code: number) => (closed = code));
  return {
    ws,
    messages,
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    async waitFor(pred) {
      for (let i = 0; i < 300; i++) {
        const found = messages.find(pred);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`message not received; got ${JSON.stringify(messages)}`);
    },
    closedWith: () => closed,
  };
}
