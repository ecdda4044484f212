// The caller key at the edge: INVITEs from the trunk, whatever way the number is written, reach Doverie's
// route request as Doverie's own caller key of the E.164 number; the number itself is in no route or
// event body and in no log line. An INVITE from anywhere but the trunk is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerKeyOf,
  isAlive,
  sleep,
  startTestEdge,
  STRANGER_IP,
  testSettings,
  TRUNK_IP,
  waitUntil,
  type TestEdge,
} from './edgeFixture.js';
import { freePort } from './ports.js';
import { recordingServer, type RecordingServer } from './recordingServer.js';
import { runSipp } from './sipp.js';

const E164 = '+79161234567';
// From users as trunks write them (URI-escaped where a URI needs it)
const WRITTEN = ['89161234567', '+7%20916%20123-45-67', '8(916)123-45-67', '+7-916-123-45-67', '79161234567', '9161234567'];

let srv: RecordingServer;
let t: TestEdge;

beforeAll(async () => {
  srv = await recordingServer();
  srv.onRoute = () => ({ status: 200, body: { action: 'reject', code: 480, reason: 'No counsellor' } });
  t = await startTestEdge(await testSettings(srv.url));
});

afterAll(async () => {
  await t?.close();
  await srv?.close();
  for (const pid of t?.pids() ?? []) expect(isAlive(pid), `process ${pid} still running`).toBe(false);
});

async function call(from: string, ip = TRUNK_IP) {
  return runSipp({ scenario: 'invite_final', ip, port: await freePort(ip), remote: t.sip, keys: { from, to: '8800' }, timeoutMs: 8000 });
}

describe('caller key at the edge', () => {
  it('is Doverie’s HMAC of the E.164 number however the trunk wrote it, and empty for anonymous', async () => {
    const expected = callerKeyOf(t.settings.callerKeySecret, E164);
    for (const from of [...WRITTEN, 'anonymous']) {
      const before = srv.routes.length;
      const r = await call(from);
      expect(r.code, r.output).toBe(0);
      expect(r.received.at(-1)).toBe(480);
      expect(srv.routes.length).toBe(before + 1);
      const route = srv.routes.at(-1)!;
      expect(route.authorization).toBe(`Bearer ${t.settings.edgeToken}`);
      expect(route.body).toEqual({
        callId: expect.any(String),
        caller: from === 'anonymous' ? '' : expected,
        to: '8800',
        attempt: 1,
        lastTarget: '',
        lastCode: 0,
      });
    }
    // every call gave "arrived" and "failed" (480), with their ids
    await waitUntil('the events of every call', () => srv.accepted().filter((e) => e.event === 'failed').length === WRITTEN.length + 1);
    for (const route of srv.routes) {
      const callId = route.body.callId as string;
      const mine = srv.accepted().filter((e) => e.callId === callId);
      expect(mine).toEqual(
        expect.arrayContaining([
          { id: `${callId}:arrived`, event: 'arrived', callId, ts: expect.any(Number), caller: route.body.caller, to: '8800' },
          { id: `${callId}:failed`, event: 'failed', callId, ts: expect.any(Number), code: 480 },
        ]),
      );
    }
    for (const e of srv.events) expect(e.authorization).toBe(`Bearer ${t.settings.edgeToken}`);
  });

  it('a number that is not one (letters, too short, too long) gives an empty key', async () => {
    for (const from of ['unknown', '12345', '1234567890123456', 'user123456']) {
      await call(from);
      expect(srv.routes.at(-1)!.body.caller).toBe('');
    }
  });

  it('the number is in no route request, event or log line', async () => {
    await sleep(500);
    const bodies = [...srv.routes, ...srv.events].map((r) => r.raw).join('\n');
    expect(bodies.length).toBeGreaterThan(0);
    for (const digits of ['9161234567', '916 123', '123-45-67']) {
      expect(bodies).not.toContain(digits);
      expect(t.logs.join('\n')).not.toContain(digits);
    }
    // and no secret in the log either
    for (const secret of [t.settings.callerKeySecret, t.settings.edgeToken, t.settings.ephemeralSecret]) {
      expect(t.logs.join('\n')).not.toContain(secret);
    }
  });

  it('an INVITE from an address that is not the trunk gets 403 and never reaches Doverie', async () => {
    const before = srv.routes.length;
    const r = await call('89161234567', STRANGER_IP);
    expect(r.code, r.output).toBe(0);
    expect(r.received).toEqual([403]);
    expect(srv.routes.length).toBe(before);
  });
});
