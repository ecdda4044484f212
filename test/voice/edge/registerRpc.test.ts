// Counsellors' phones register with Doverie's ephemeral credentials (auth_ephemeral); JSON-RPC answers
// only allowed addresses with the edge token; WebSocket handshakes are taken; stop() ends every process.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { kamailioRpc, KamailioRpcError } from '../../../src/voice/edge/kamailioRpc.js';
import { EDGE_IP, isAlive, PHONE_IP, REALM, sipCredentials, startTestEdge, testSettings, waitUntil, type TestEdge } from './edgeFixture.js';
import { freePort } from './ports.js';
import { recordingServer, type RecordingServer } from './recordingServer.js';
import { runSipp } from './sipp.js';

const USER = 'c3f9a1b2c3f9a1b2c3f9a1b2c3f9a1b2c';
const OTHER = 'c0000000000000000000000000000000f';

let srv: RecordingServer;
let t: TestEdge;
let rpcUrl: string;

beforeAll(async () => {
  srv = await recordingServer();
  t = await startTestEdge(await testSettings(srv.url));
  rpcUrl = `http://${EDGE_IP}:${t.settings.wsPort}/RPC`;
});

afterAll(async () => {
  await t?.close();
  await srv?.close();
});

const now = () => Math.floor(Date.now() / 1000);

async function register(user: string, auth: { user: string; password: string }, expires = '600') {
  return runSipp({
    scenario: 'register',
    ip: PHONE_IP,
    port: await freePort(PHONE_IP),
    remote: t.sip,
    auth,
    keys: { user, realm: REALM, contact: `${PHONE_IP}:5098`, expires },
  });
}

/** A raw JSON-RPC POST: status code only (from `localAddress`, with `authorization` if given). */
function rawRpc(
  url: string,
  authorization?: string,
  localAddress?: string,
  body = JSON.stringify({ jsonrpc: '2.0', method: 'core.version', id: 1 }),
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(authorization ? { authorization } : {}),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('registration', () => {
  it('with valid ephemeral credentials: 401 challenge, then 200 and a registered event', async () => {
    const r = await register(USER, sipCredentials(t.settings.ephemeralSecret, USER, now() + 600));
    expect(r.code, r.output).toBe(0);
    expect(r.received).toEqual([401, 200]);
    await waitUntil('the registered event', () => srv.accepted().some((e) => e.event === 'registered'));
    const e = srv.accepted().find((x) => x.event === 'registered')!;
    expect(e).toEqual({
      id: expect.stringMatching(new RegExp(`^reg:${USER}:\\d{13}$`)),
      event: 'registered',
      callId: '',
      ts: expect.any(Number),
      user: USER,
      contacts: 1,
    });
  });

  it('a wrong password, expired credentials or another user’s credentials are refused (403)', async () => {
    const before = srv.events.length;
    const good = sipCredentials(t.settings.ephemeralSecret, USER, now() + 600);
    expect((await register(USER, { ...good, password: randomBytes(20).toString('base64') })).received).toEqual([401, 403]);
    expect((await register(USER, sipCredentials(t.settings.ephemeralSecret, USER, now() - 5))).received).toEqual([401, 403]);
    expect((await register(USER, sipCredentials('another-secret-0123456789', USER, now() + 600))).received).toEqual([401, 403]);
    expect((await register(USER, sipCredentials(t.settings.ephemeralSecret, OTHER, now() + 600))).received).toEqual([401, 403]);
    await new Promise((r) => setTimeout(r, 500));
    expect(srv.events.slice(before).filter((e) => e.body.event === 'registered')).toEqual([]);
  });
});

describe('JSON-RPC', () => {
  it('answers core.version and lists the registered counsellor with the token', async () => {
    const rpc = kamailioRpc({ url: rpcUrl, token: t.settings.edgeToken });
    expect(await rpc.version()).toMatch(/^kamailio 5\./);
    expect(await rpc.registrations()).toEqual([{ user: USER, contacts: 1 }]);
    expect(await rpc.dialogs()).toEqual([]);
    await expect(rpc.endDialog(1, 1)).rejects.toBeInstanceOf(KamailioRpcError);
  });

  it('refuses a request without the token or with a wrong one (401)', async () => {
    expect(await rawRpc(rpcUrl, `Bearer ${t.settings.edgeToken}`)).toBe(200);
    expect(await rawRpc(rpcUrl)).toBe(401);
    expect(await rawRpc(rpcUrl, `Bearer ${t.settings.edgeToken}x`)).toBe(401);
    await expect(kamailioRpc({ url: rpcUrl, token: 'wrong-token-0123456789' }).version()).rejects.toMatchObject({ status: 401 });
  });

  it('refuses an address that is not allowed, even with the token (403), and the SIP port (403)', async () => {
    expect(await rawRpc(rpcUrl, `Bearer ${t.settings.edgeToken}`, '127.0.0.4')).toBe(403);
    expect(await rawRpc(`http://${EDGE_IP}:${t.settings.sipPort}/RPC`, `Bearer ${t.settings.edgeToken}`)).toBe(403);
  });

  it('/transfer: only with the token from an allowed address; a malformed request is refused (400), a well-formed one queued (202)', async () => {
    const transferUrl = rpcUrl.replace(/\/RPC$/, '/transfer');
    const good = JSON.stringify({
      callId: 'no-such-call@trunk',
      fromTag: 'a1',
      toTag: 'b2',
      referTo: `sip:xfer-${'0'.repeat(32)}-abcdefghijklmnop@${EDGE_IP}:5060`,
    });
    const token = `Bearer ${t.settings.edgeToken}`;
    expect(await rawRpc(transferUrl, undefined, undefined, good)).toBe(401);
    expect(await rawRpc(transferUrl, `${token}x`, undefined, good)).toBe(401);
    expect(await rawRpc(transferUrl, token, '127.0.0.4', good)).toBe(403);
    for (const bad of [
      '{}',
      'not json',
      JSON.stringify({ ...JSON.parse(good), referTo: 'sip:+79161234567@trunk' }),
      JSON.stringify({ ...JSON.parse(good), callId: 'a b' }),
    ]) {
      expect(await rawRpc(transferUrl, token, undefined, bad)).toBe(400);
    }
    // Queued; the call is long gone, so the timer process only notes it (the edge goes on answering).
    expect(await rawRpc(transferUrl, token, undefined, good)).toBe(202);
    const rpc = kamailioRpc({ url: rpcUrl, token: t.settings.edgeToken });
    await expect(rpc.transfer({ callId: 'x', fromTag: 'a', toTag: 'b', referTo: 'sip:someone@else' })).rejects.toMatchObject({
      status: 400,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await rpc.version()).toMatch(/^kamailio 5\./);
    expect(t.logs.some((l) => l.includes('transfer: call no-such-call@trunk has ended already'))).toBe(true);
  });

  it('an unregistration gives contacts 0 and the counsellor leaves the list', async () => {
    const r = await register(USER, sipCredentials(t.settings.ephemeralSecret, USER, now() + 600), '0');
    expect(r.received).toEqual([401, 200]);
    await waitUntil('the unregistered event', () => srv.accepted().some((e) => e.event === 'registered' && e.contacts === 0));
    expect(await kamailioRpc({ url: rpcUrl, token: t.settings.edgeToken }).registrations()).toEqual([]);
  });
});

describe('registration expiry', () => {
  it('a registration that runs out gives a registered event with the count left (0)', async () => {
    const r = await register(OTHER, sipCredentials(t.settings.ephemeralSecret, OTHER, now() + 600), '10');
    expect(r.received).toEqual([401, 200]);
    const mine = () => srv.accepted().filter((e) => e.event === 'registered' && e.user === OTHER);
    await waitUntil('registered', () => mine().length === 1);
    expect(mine()[0]).toMatchObject({ contacts: 1 });
    // usrloc's timer notices the expiry within 10 s of it
    await waitUntil('the expiry', () => mine().length === 2, 30_000);
    expect(mine()[1]).toMatchObject({ contacts: 0 });
    expect(await kamailioRpc({ url: rpcUrl, token: t.settings.edgeToken }).registrations()).toEqual([]);
  }, 40_000);
});

describe('WebSocket', () => {
  it('takes a SIP WebSocket handshake on the ws port', async () => {
    const ws = new WebSocket(`ws://${EDGE_IP}:${t.settings.wsPort}`, 'sip');
    const opened = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('error', () => resolve(false));
    });
    expect(opened).toBe(true);
    expect(ws.protocol).toBe('sip');
    ws.close();
  });
});

describe('stopping', () => {
  it("stop() ends Kamailio (with its workers), rtpengine and topos' store, by PID; the store's state goes with it", async () => {
    const pids = [...t.pids(), t.edge.pids.redis];
    expect(pids.length).toBeGreaterThan(5);
    for (const pid of pids) expect(isAlive(pid)).toBe(true);
    expect(existsSync(join(t.settings.runDir, 'topos-redis.sock'))).toBe(true);
    await t.edge.stop();
    for (const pid of pids) expect(isAlive(pid), `process ${pid} still running`).toBe(false);
    expect(existsSync(join(t.settings.runDir, 'topos-redis.sock'))).toBe(false);
  });
});
