// Helpline calls through the edge, with SIPp as the trunk, a counsellor's phone and the queue endpoint:
// Doverie's answers (route, queue, reject) are carried out, a failed branch asks again, every call event
// arrives, and the counsellor's side never sees the caller's number or the trunk's address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isAlive,
  PHONE_IP,
  REALM,
  rtpengineCalls,
  sipCredentials,
  sleep,
  startTestEdge,
  testSettings,
  TRUNK_IP,
  waitUntil,
  type TestEdge,
} from './edgeFixture.js';
import { freePort } from './ports.js';
import { recordingServer, type Answer, type RecordingServer } from './recordingServer.js';
import { runSipp, startSipp, type SippOptions, type SippResult } from './sipp.js';

const COUNSELLOR = 'c5e0c0ffee5e0c0ffee5e0c0ffee5e0c0';
const NOBODY = 'cdeadbeefdeadbeefdeadbeefdeadbeef';
const QUEUE_IP = '127.0.0.7';

let srv: RecordingServer;
let t: TestEdge;
let phonePort: number;
let queuePort: number;

beforeAll(async () => {
  srv = await recordingServer();
  const settings = await testSettings(srv.url);
  // deleted calls leave rtpengine at once, so the last test can see that none is left behind
  settings.rtpengine = { ...settings.rtpengine, deleteDelaySeconds: 0 };
  t = await startTestEdge(settings);
  phonePort = await freePort(PHONE_IP);
  queuePort = await freePort(QUEUE_IP);
  const reg = await runSipp({
    scenario: 'register',
    ip: PHONE_IP,
    port: await freePort(PHONE_IP),
    remote: t.sip,
    auth: sipCredentials(t.settings.ephemeralSecret, COUNSELLOR, Math.floor(Date.now() / 1000) + 3600),
    keys: { user: COUNSELLOR, realm: REALM, contact: `${PHONE_IP}:${phonePort}`, expires: '3600' },
  });
  expect(reg.received).toEqual([401, 200]);
}, 30_000);

afterAll(async () => {
  await t?.close();
  await srv?.close();
  for (const pid of t?.pids() ?? []) expect(isAlive(pid), `process ${pid} still running`).toBe(false);
});

const route = (target: string, timeout: number): Answer => ({ status: 200, body: { action: 'route', target, timeout } });
const queue = (timeout: number): Answer => ({
  status: 200,
  body: { action: 'queue', target: `sip:queue@${QUEUE_IP}:${queuePort}`, timeout },
});
const reject = (code: number, reason: string): Answer => ({ status: 200, body: { action: 'reject', code, reason } });

/** Runs one call: the far ends first (if any), then the trunk's scenario; returns every side's result. */
async function callWith(
  trunk: SippOptions['scenario'],
  far: { phone?: SippOptions['scenario']; queue?: boolean },
  options: { pauseMs?: number; phonePauseMs?: number; during?: () => Promise<void> } = {},
) {
  const phone = far.phone
    ? await startSipp({ scenario: far.phone, ip: PHONE_IP, port: phonePort, pauseMs: options.phonePauseMs ?? 300, timeoutMs: 20_000 })
    : null;
  const q = far.queue ? await startSipp({ scenario: 'queue_uas', ip: QUEUE_IP, port: queuePort, timeoutMs: 20_000 }) : null;
  try {
    const callerRun = runSipp({
      scenario: trunk,
      ip: TRUNK_IP,
      port: await freePort(TRUNK_IP),
      remote: t.sip,
      keys: { from: '89161234567', to: '8800' },
      pauseMs: options.pauseMs ?? 1000,
      timeoutMs: 15_000,
    });
    if (options.during) await options.during();
    const caller = await callerRun;
    const settle = async (run: typeof phone) => (run ? Promise.race([run.done, sleep(3000).then(() => run.stop())]) : null);
    const [phoneResult, queueResult] = await Promise.all([settle(phone), settle(q)]);
    const callId = srv.routes.at(-1)!.body.callId as string;
    return { caller, phone: phoneResult, queue: queueResult, callId };
  } finally {
    await phone?.stop();
    await q?.stop();
  }
}

const eventsOf = (callId: string) => srv.accepted().filter((e) => e.callId === callId);
const kinds = (callId: string) =>
  eventsOf(callId).map((e) => (e.attempt === undefined ? e.event : `${String(e.event)}:${String(e.attempt)}`));
const routesOf = (callId: string) => srv.routes.filter((r) => r.body.callId === callId).map((r) => r.body);
const waitForEvent = (callId: string, event: string) =>
  waitUntil(`${event} of ${callId}`, () => eventsOf(callId).some((e) => e.event === event));

/** What a counsellor's phone (or the queue endpoint) received must not lead back to the caller. */
function expectAnonymous(far: SippResult) {
  const received = far.messages
    .split(/-{20,}/)
    .filter((b) => /message received/.test(b))
    .join('\n');
  expect(received).toMatch(/^INVITE /m);
  for (const leak of ['9161234567', 'P-Asserted-Identity', 'Remote-Party-ID', 'Privacy', 'Diversion', 'a=ssrc'])
    expect(received).not.toContain(leak);
  // the caller's side of every From and To is anonymous (the other side is the dialled helpline number)
  const parties = received.match(/^(From|To):.*$/gm) ?? [];
  expect(parties.length).toBeGreaterThan(0);
  for (const p of parties) expect(p).toMatch(/^(From|To): *(Anonymous <sip:anonymous@anonymous\.invalid>;tag=|<sip:8800@)/);
  // the trunk's address appears nowhere but in the Call-ID, which Kamailio 5.6's topos cannot mask
  const withoutCallId = received.replace(/^Call-ID:.*$/gm, '');
  expect(withoutCallId).not.toContain(TRUNK_IP);
}

describe('helpline calls', () => {
  it('a counsellor who is not registered is skipped (offer_failed 480), the next one answers; the caller hangs up', async () => {
    srv.onRoute = (b) => (b.attempt === 1 ? route(NOBODY, 5) : route(COUNSELLOR, 5));
    const r = await callWith('trunk_call', { phone: 'counsellor_uas' });
    expect(r.caller.code, r.caller.output).toBe(0);
    expect(r.caller.received).toContain(200);
    expect(r.phone!.code, r.phone!.output).toBe(0);
    expect(routesOf(r.callId)).toEqual([
      expect.objectContaining({ attempt: 1, lastTarget: '', lastCode: 0 }),
      expect.objectContaining({ attempt: 2, lastTarget: NOBODY, lastCode: 480 }),
    ]);
    await waitForEvent(r.callId, 'ended');
    expect(kinds(r.callId)).toEqual(['arrived', 'offer_failed:1', 'routed:2', 'ringing:2', 'answered', 'ended']);
    const ev = Object.fromEntries(eventsOf(r.callId).map((e) => [e.id, e]));
    expect(ev[`${r.callId}:offer_failed:1`]).toMatchObject({ target: NOBODY, code: 480 });
    expect(ev[`${r.callId}:routed:2`]).toMatchObject({ target: COUNSELLOR });
    expect(ev[`${r.callId}:answered`]).toMatchObject({ target: COUNSELLOR });
    expect(ev[`${r.callId}:ended`]).toMatchObject({ target: COUNSELLOR, by: 'caller', talkSeconds: expect.any(Number) });
    expect(ev[`${r.callId}:ended`]!.talkSeconds as number).toBeLessThanOrEqual(3);
    expectAnonymous(r.phone!);
    // the Call-ID reaches the counsellor unchanged (topos 5.6 has no Call-ID masking)
    expect(r.phone!.messages).toContain(`Call-ID: ${r.callId}`);
  }, 30_000);

  it('the counsellor hangs up: the caller gets the BYE, the call ended by "counsellor"', async () => {
    srv.onRoute = () => route(COUNSELLOR, 5);
    const r = await callWith('trunk_call', { phone: 'counsellor_hangup' }, { pauseMs: 10_000, phonePauseMs: 1000 });
    expect(r.caller.code, r.caller.output).toBe(0);
    expect(r.caller.messages).toMatch(/message received[\s\S]*^BYE /m);
    expect(r.phone!.code, r.phone!.output).toBe(0);
    await waitForEvent(r.callId, 'ended');
    expect(kinds(r.callId)).toEqual(['arrived', 'routed:1', 'answered', 'ended']);
    expect(eventsOf(r.callId).find((e) => e.event === 'ended')).toMatchObject({ by: 'counsellor', target: COUNSELLOR });
    expectAnonymous(r.phone!);
  }, 30_000);

  it('re-INVITEs both ways (hold): the counsellor never gets the trunk’s identifying SDP or headers', async () => {
    srv.onRoute = () => route(COUNSELLOR, 5);
    const r = await callWith('trunk_reinvite', { phone: 'counsellor_reinvite' });
    expect(r.caller.code, r.caller.output).toBe(0);
    expect(r.phone!.code, r.phone!.output).toBe(0);
    // the phone got the trunk's 200 to its re-INVITE and the trunk's own re-INVITE, both with SDP
    expect(r.phone!.messages.match(/^o=- /gm)?.length).toBeGreaterThanOrEqual(3);
    expectAnonymous(r.phone!);
    await waitForEvent(r.callId, 'ended');
    expect(kinds(r.callId)).toEqual(['arrived', 'routed:1', 'answered', 'ended']);
  }, 30_000);

  it('a branch nobody answers fails after its own timeout (408, both timers), Doverie is asked again and its reject reaches the caller', async () => {
    srv.onRoute = (b) => (b.attempt === 1 ? route(COUNSELLOR, 2) : reject(486, 'Busy Here'));
    const r = await callWith('invite_final', { phone: 'counsellor_ring' });
    expect(r.caller.received.at(-1)).toBe(486);
    expect(routesOf(r.callId)[1]).toMatchObject({ attempt: 2, lastTarget: COUNSELLOR, lastCode: 408 });
    await waitForEvent(r.callId, 'failed');
    expect(kinds(r.callId)).toEqual(['arrived', 'routed:1', 'ringing:1', 'offer_failed:1', 'failed']);
    const ev = eventsOf(r.callId);
    const routed = ev.find((e) => e.event === 'routed')!.ts as number;
    const failed = ev.find((e) => e.event === 'offer_failed')!;
    expect(failed).toMatchObject({ code: 408, target: COUNSELLOR });
    expect((failed.ts as number) - routed).toBeGreaterThan(1800);
    expect((failed.ts as number) - routed).toBeLessThan(3500);
    expect(ev.find((e) => e.event === 'failed')).toMatchObject({ code: 486 });
    expectAnonymous(r.phone!);
  }, 30_000);

  it('the queue endpoint gives early media until its timeout, then a counsellor answers', async () => {
    srv.onRoute = (b) => (b.attempt === 1 ? queue(2) : route(COUNSELLOR, 5));
    const r = await callWith('trunk_call', { phone: 'counsellor_uas', queue: true });
    expect(r.caller.code, r.caller.output).toBe(0);
    expect(r.caller.received).toEqual(expect.arrayContaining([183, 180, 200]));
    await waitForEvent(r.callId, 'ended');
    expect(kinds(r.callId)).toEqual(['arrived', 'queued:1', 'ringing:1', 'offer_failed:1', 'routed:2', 'ringing:2', 'answered', 'ended']);
    expect(eventsOf(r.callId).find((e) => e.event === 'queued')).toMatchObject({ target: `sip:queue@${QUEUE_IP}:${queuePort}` });
    expect(routesOf(r.callId)[1]).toMatchObject({ lastTarget: `sip:queue@${QUEUE_IP}:${queuePort}`, lastCode: 408 });
    expectAnonymous(r.queue!);
    expectAnonymous(r.phone!);
  }, 30_000);

  it('an endpoint that sends nothing at all (no 1xx) also fails after the answer’s timeout, not the default timer', async () => {
    const deadPort = await freePort(QUEUE_IP);
    srv.onRoute = (b) =>
      b.attempt === 1
        ? { status: 200, body: { action: 'queue', target: `sip:queue@${QUEUE_IP}:${deadPort}`, timeout: 2 } }
        : reject(480, 'No counsellor');
    const r = await callWith('invite_final', {});
    expect(r.caller.received.at(-1)).toBe(480);
    await waitForEvent(r.callId, 'failed');
    expect(kinds(r.callId)).toEqual(['arrived', 'queued:1', 'offer_failed:1', 'failed']);
    const ev = eventsOf(r.callId);
    const elapsed = (ev.find((e) => e.event === 'offer_failed')!.ts as number) - (ev.find((e) => e.event === 'queued')!.ts as number);
    expect(elapsed).toBeGreaterThan(1800);
    expect(elapsed).toBeLessThan(3500);
  }, 30_000);

  it('the caller hangs up while a counsellor’s phone rings: abandoned, 487', async () => {
    srv.onRoute = () => route(COUNSELLOR, 10);
    const r = await callWith('trunk_cancel', { phone: 'counsellor_ring' });
    expect(r.caller.code, r.caller.output).toBe(0);
    expect(r.caller.received.slice(-2)).toEqual([200, 487]);
    await waitForEvent(r.callId, 'failed');
    expect(kinds(r.callId)).toEqual(['arrived', 'routed:1', 'ringing:1', 'abandoned:1', 'failed']);
    expect(eventsOf(r.callId).find((e) => e.event === 'abandoned')).toMatchObject({ target: COUNSELLOR });
    expect(eventsOf(r.callId).find((e) => e.event === 'failed')).toMatchObject({ code: 487 });
    expect(routesOf(r.callId)).toHaveLength(1);
  }, 30_000);

  it('the caller hangs up while Doverie is still deciding: abandoned, 487, no branch', async () => {
    srv.onRoute = async () => {
      await sleep(1500);
      return route(COUNSELLOR, 10);
    };
    const r = await callWith('trunk_cancel_early', {}, { pauseMs: 200 });
    expect(r.caller.code, r.caller.output).toBe(0);
    // tm answers the CANCEL once the suspended INVITE is resumed, so the two come in either order
    expect(r.caller.received.slice(1).sort()).toEqual([200, 487]);
    await waitForEvent(r.callId, 'failed');
    expect(kinds(r.callId)).toEqual(['arrived', 'abandoned:1', 'failed']);
  }, 30_000);

  it('a stale call is ended over JSON-RPC: both sides get a BYE (the counsellor’s anonymous), ended by "system"', async () => {
    srv.onRoute = () => route(COUNSELLOR, 5);
    const r = await callWith(
      'trunk_call',
      { phone: 'counsellor_uas' },
      {
        pauseMs: 10_000,
        during: async () => {
          await waitUntil('an answered call', () =>
            srv.accepted().some((e) => e.event === 'answered' && e.callId === srv.routes.at(-1)?.body.callId),
          );
          const dialogs = await t.edge.rpc.dialogs();
          expect(dialogs).toEqual([expect.objectContaining({ callId: srv.routes.at(-1)!.body.callId, state: 4, target: COUNSELLOR })]);
          await t.edge.rpc.endDialog(dialogs[0]!.hEntry, dialogs[0]!.hId);
        },
      },
    );
    expect(r.caller.code, r.caller.output).toBe(0);
    expect(r.caller.messages).toMatch(/message received[\s\S]*^BYE /m);
    expect(r.phone!.code, r.phone!.output).toBe(0);
    expect(r.phone!.messages).toMatch(/^BYE /m);
    expectAnonymous(r.phone!);
    await waitForEvent(r.callId, 'ended');
    expect(eventsOf(r.callId).find((e) => e.event === 'ended')).toMatchObject({ by: 'system', target: COUNSELLOR });
    expect(await t.edge.rpc.dialogs()).toEqual([]);
  }, 30_000);

  it('a failing Doverie or an unusable answer gives the caller 503', async () => {
    srv.onRoute = () => ({ status: 500, body: { error: 'boom' } });
    const a = await callWith('invite_final', {});
    expect(a.caller.received.at(-1)).toBe(503);
    srv.onRoute = () => route('not a sip user', 5);
    const b = await callWith('invite_final', {});
    expect(b.caller.received.at(-1)).toBe(503);
    await waitForEvent(b.callId, 'failed');
    expect(eventsOf(a.callId).find((e) => e.event === 'failed')).toMatchObject({ code: 503 });
  }, 30_000);

  it('no media session outlives its call (every ending deletes it from rtpengine)', async () => {
    await sleep(300);
    expect(srv.routes.length).toBeGreaterThan(8);
    expect(await rtpengineCalls(t.settings.rtpengine.ngPort)).toBe(0);
  });
});
