// Bad input on the WebSocket: random text, JSON and binary frames each get exactly the replies the
// protocol owes them (a bad_message error, or the valid reply), and the socket stays open; a frame
// over the 64 KiB limit closes only that socket.
import fc from 'fast-check';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { policy, ROLES } from '../../src/domain/auth/policy.js';
import type { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { BadInputApp, type Fixture } from './fixture.js';
import { extraKeys, field } from './generators.js';
import { short } from './oracle.js';

describe.each(DATABASES)('bad input on %s', (kind) => {
  let t: TestApp;
  let fx: Fixture;
  beforeAll(async () => {
    ({ t, fx } = await BadInputApp.start(kind));
  });
  afterAll(() => t.close());

  describe('the WebSocket', () => {
    const incoming = z.discriminatedUnion('type', [
      z.object({ type: z.literal('subscribe'), topic: z.string().min(1).max(200) }),
      z.object({ type: z.literal('unsubscribe'), topic: z.string().min(1).max(200) }),
      z.object({ type: z.literal('ping') }),
      z.object({ type: z.literal('activity') }),
    ]);

    /** The replies the server owes one frame, by the protocol in src/http/routes/realtime.ts. */
    function owed(
      frame: Frame,
      me: { userId: string; grants: { serviceId: string | null; role: (typeof ROLES)[number] }[] },
    ): Record<string, unknown>[] {
      const bad = [{ type: 'error', code: 'realtime.bad_message', message: expect.any(String) }];
      if (frame.binary || Buffer.byteLength(frame.text) > 4096) return bad;
      let parsed: unknown;
      try {
        parsed = JSON.parse(frame.text);
      } catch {
        return bad;
      }
      const msg = incoming.safeParse(parsed);
      if (!msg.success) return bad;
      switch (msg.data.type) {
        case 'ping':
          return [{ type: 'pong' }];
        case 'activity':
          return [];
        case 'unsubscribe':
          return [{ type: 'unsubscribed', topic: msg.data.topic }];
        case 'subscribe':
          return policy.subscribe(me, msg.data.topic) === 'allow'
            ? [{ type: 'subscribed', topic: msg.data.topic }]
            : [{ type: 'error', code: 'auth.forbidden', message: expect.any(String), topic: msg.data.topic }];
      }
    }

    type Frame = { text: string; binary?: undefined } | { binary: Buffer; text?: undefined };

    it('random frames get a bad_message error or a valid reply, and the socket stays open', async () => {
      const other = await t.service();
      const me = await t.as([{ role: 'counsellor', serviceId: fx.svc }]);
      const actor = { userId: me.userId, grants: [{ serviceId: fx.svc, role: 'counsellor' as const }] };
      const ws: WebSocket = await t.app.injectWS('/api/ws', { headers: { cookie: me.cookie } });
      const received: Record<string, unknown>[] = [];
      let closed: number | undefined;
      let wake: (() => void) | undefined;
      ws.on('message', (data: Buffer) => {
        received.push(JSON.parse(data.toString()) as Record<string, unknown>);
        wake?.();
      });
      ws.on('close', (code: number) => (closed = code));
      const pongs = () => received.filter((m) => m.type === 'pong').length;
      const untilPongs = async (n: number) => {
        const deadline = Date.now() + 5000;
        while (pongs() < n) {
          if (closed !== undefined) throw new Error(`socket closed with ${closed}`);
          if (Date.now() > deadline) throw new Error(`no pong; received ${short(received, 400)}`);
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 50);
          });
        }
      };

      const topic = fc.oneof(
        fc.string({ maxLength: 220 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.constantFrom(
          `service:${fx.svc}`,
          `service:${other.id}`,
          `board:${fx.svc}`,
          `board:${other.id}`,
          'board:',
          `service:${fx.svc.toUpperCase()}`,
          'admin',
          'admin:x',
          `user:${me.userId}`,
          `user:${fx.admin.userId}`,
          'service:',
          'user:',
          ':',
          '',
          'x'.repeat(201),
        ),
      );
      // Frames stay under the 64 KiB maxPayload, which closes the socket by design (tested below).
      const frame: fc.Arbitrary<Frame> = fc
        .oneof<fc.Arbitrary<Frame>[]>(
          fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ text })),
          fc.jsonValue().map((v) => ({ text: JSON.stringify(v) })),
          fc
            .tuple(
              fc.record(
                { type: fc.oneof(fc.constantFrom('subscribe', 'unsubscribe', 'ping', 'activity'), fc.string()), topic: field(topic) },
                { requiredKeys: ['type'] },
              ),
              extraKeys,
            )
            .map(([m, extra]) => ({ text: JSON.stringify({ ...m, ...(extra ?? {}) }) })),
          fc.uint8Array({ maxLength: 40 }).map((b) => ({ binary: Buffer.from(b) })),
          fc.integer({ min: 4000, max: 20_000 }).map((n) => ({ text: JSON.stringify({ type: 'ping', pad: 'x'.repeat(n) }) })),
        )
        .filter((f) => (f.binary ?? Buffer.from(f.text)).length < 60_000);

      await fc.assert(
        fc.asyncProperty(frame, async (f) => {
          const from = received.length;
          const before = pongs();
          if (f.binary) ws.send(f.binary, { binary: true });
          else ws.send(f.text);
          ws.send(JSON.stringify({ type: 'ping' }));
          const expected = owed(f, actor);
          await untilPongs(before + 1 + expected.filter((m) => m.type === 'pong').length);
          const replies = received.slice(from, -1);
          expect({ frame: short(f.text ?? f.binary), replies }).toEqual({ frame: short(f.text ?? f.binary), replies: expected });
        }),
        { numRuns: 150 },
      );
      expect(closed).toBeUndefined();
      expect(ws.readyState).toBe(ws.OPEN);
      ws.terminate();
    });

    it('a frame over the 64 KiB limit closes only that socket (1009), and the server carries on', async () => {
      const me = await t.as([{ role: 'counsellor', serviceId: fx.svc }]);
      const ws: WebSocket = await t.app.injectWS('/api/ws', { headers: { cookie: me.cookie } });
      const code = await new Promise<number>((resolve) => {
        ws.on('close', (c: number) => resolve(c));
        ws.send('x'.repeat(64 * 1024 + 1));
      });
      expect(code).toBe(1009);
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: me.cookie } })).statusCode).toBe(200);
    });
  });
});
