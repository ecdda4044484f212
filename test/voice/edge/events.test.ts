// Events are never lost while Doverie is unavailable: a post that is not answered 200 goes back on the
// edge's queue and is sent again on a later tick, until Doverie takes it (once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isAlive,
  PHONE_IP,
  REALM,
  sipCredentials,
  startTestEdge,
  testSettings,
  TRUNK_IP,
  waitUntil,
  type TestEdge,
} from './edgeFixture.js';
import { freePort } from './ports.js';
import { recordingServer, type RecordingServer } from './recordingServer.js';
import { runSipp } from './sipp.js';

let srv: RecordingServer;
let t: TestEdge;

beforeAll(async () => {
  srv = await recordingServer();
  t = await startTestEdge(await testSettings(srv.url));
});

afterAll(async () => {
  await t?.close();
  await srv?.close();
  for (const pid of t?.pids() ?? []) expect(isAlive(pid), `process ${pid} still running`).toBe(false);
});

describe('event delivery', () => {
  it('re-sends every event Doverie answered 503 until it is accepted, and each is accepted once', async () => {
    let down = true;
    srv.onEvent = () => (down ? { status: 503, body: { error: 'restarting' } } : { status: 200, body: { ok: true } });

    // three calls (arrived + failed each) and a registration, while Doverie refuses every event
    for (let i = 0; i < 3; i++) {
      const r = await runSipp({
        scenario: 'invite_final',
        ip: TRUNK_IP,
        port: await freePort(TRUNK_IP),
        remote: t.sip,
        keys: { from: '89161234567', to: '8800' },
        timeoutMs: 8000,
      });
      expect(r.received.at(-1)).toBe(480);
    }
    const user = 'c00000000000000000000000000000001';
    const reg = await runSipp({
      scenario: 'register',
      ip: PHONE_IP,
      port: await freePort(PHONE_IP),
      remote: t.sip,
      auth: sipCredentials(t.settings.ephemeralSecret, user, Math.floor(Date.now() / 1000) + 600),
      keys: { user, realm: REALM, contact: `${PHONE_IP}:5099`, expires: '600' },
    });
    expect(reg.received).toEqual([401, 200]);

    // refused posts keep coming back (one per tick while Doverie is down)
    await waitUntil('several refused posts', () => srv.events.length >= 10, 10_000);
    expect(srv.accepted()).toEqual([]);
    down = false;

    const expectedIds = (callId: string) => [`${callId}:arrived`, `${callId}:failed`];
    const callIds = srv.routes.map((r) => r.body.callId as string);
    expect(callIds).toHaveLength(3);
    await waitUntil('every event accepted', () => srv.accepted().length === 7, 10_000);
    const accepted = srv.accepted().map((e) => e.id as string);
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(accepted).toEqual(
      expect.arrayContaining([...callIds.flatMap(expectedIds), expect.stringMatching(new RegExp(`^reg:${user}:\\d+$`))]),
    );
    // ts is unix milliseconds
    for (const e of srv.accepted()) expect(Math.abs((e.ts as number) - Date.now())).toBeLessThan(60_000);
    // every refused event was among them
    for (const e of srv.events.filter((x) => x.status === 503)) expect(accepted).toContain(e.body.id);
    // and nothing is sent after acceptance
    const total = srv.events.length;
    await new Promise((r) => setTimeout(r, 800));
    expect(srv.events.length).toBe(total);
  }, 40_000);
});
