// A SIP desk phone registers with the long-lived credentials Doverie issues (the edge asks Doverie for
// the HA1 of each REGISTER), through a real Kamailio and SIPp against a real Doverie on loopback:
// accepted and recorded by Doverie; a wrong password, another counsellor's AOR, credentials never
// issued and revoked ones are refused (403), never a server error; with Doverie not answering, 503.
// Regenerated or revoked, the phone's current registration is dropped at once over JSON-RPC (the
// workstation's softphone on the same AoR stays), and Doverie no longer counts the counsellor reachable.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sipUserOf } from '../../../src/domain/voice/sipUsers.js';
import type { SignedIn } from '../../helpers/testApp.js';
import { TestApp } from '../../helpers/testApp.js';
import { VOICE_TOKEN, voiceConfig } from '../voiceApi.js';
import { EDGE_IP, PHONE_IP, REALM, sipCredentials, startTestEdge, testSettings, waitUntil, type TestEdge } from './edgeFixture.js';
import { freePort } from './ports.js';
import { recordingServer } from './recordingServer.js';
import { runSipp } from './sipp.js';

let t: TestApp;
let edge: TestEdge;

beforeAll(async () => {
  // Doverie's JSON-RPC client reaches this edge (it drops desk phones' registrations through it).
  const wsPort = await freePort();
  t = await TestApp.start('pglite', { voice: voiceConfig({ realm: REALM, sipAddress: EDGE_IP, wsPort }) });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  edge = await startTestEdge(await testSettings(url, { edgeToken: VOICE_TOKEN, wsPort }));
});

afterAll(async () => {
  await edge?.close();
  await t?.close();
});

async function register(aor: string, auth: { user: string; password: string }, expires = '600', to = edge, contact = `${PHONE_IP}:5098`) {
  const r = await runSipp({
    scenario: 'register',
    ip: PHONE_IP,
    port: await freePort(PHONE_IP),
    remote: to.sip,
    auth,
    keys: { user: aor, realm: REALM, contact, expires },
  });
  if (r.received.length === 0) throw new Error(`SIPp received nothing: ${r.output}`);
  return r.received;
}

async function issue(who: SignedIn, staffId = who.userId) {
  const res = await t.request(who, 'POST', `/api/voice/desk-phones/${staffId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { username: string; password: string; realm: string };
}

describe('a desk phone with long-lived credentials', () => {
  let counsellor: SignedIn;
  let creds: { username: string; password: string; realm: string };

  beforeAll(async () => {
    const s = await t.service();
    counsellor = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    creds = await issue(counsellor);
  });

  it('registers (401 challenge, then 200) and Doverie records its registration', async () => {
    expect(creds).toMatchObject({ username: sipUserOf(counsellor.userId), realm: REALM });
    expect(t.routing.phones.has(counsellor.userId)).toBe(false);
    expect(await register(creds.username, { user: creds.username, password: creds.password })).toEqual([401, 200]);
    await waitUntil('Doverie records the registration', () => t.routing.phones.has(counsellor.userId));
  });

  it('a wrong password is refused', async () => {
    expect(await register(creds.username, { user: creds.username, password: `${creds.password}x` })).toEqual([401, 403]);
  });

  it("its credentials do not register another counsellor's AOR, and credentials never issued are refused", async () => {
    const other = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    const otherUser = sipUserOf(other.userId);
    expect(await register(otherUser, { user: creds.username, password: creds.password })).toEqual([401, 403]);
    expect(await register(otherUser, { user: otherUser, password: creds.password })).toEqual([401, 403]);
    expect(t.routing.phones.has(other.userId)).toBe(false);
  });

  it('regenerated: the old password is refused, the new one registers; revoked: refused', async () => {
    const again = await issue(counsellor);
    expect(again.password).not.toBe(creds.password);
    expect(await register(creds.username, { user: creds.username, password: creds.password })).toEqual([401, 403]);
    expect(await register(again.username, { user: again.username, password: again.password })).toEqual([401, 200]);
    const res = await t.request(counsellor, 'DELETE', `/api/voice/desk-phones/${counsellor.userId}`);
    expect(res.json()).toEqual({ revoked: true });
    expect(await register(again.username, { user: again.username, password: again.password })).toEqual([401, 403]);
  });

  it('regenerated or revoked: the registration is dropped at once, the softphone’s stays; without a phone Doverie rings no more', async () => {
    // A counsellor of their own: their softphone stays registered after this test.
    const who = await t.as([{ role: 'counsellor', serviceId: (await t.service()).id }]);
    let fresh = await issue(who);
    const aor = fresh.username;
    const contacts = () => edge.edge.rpc.contactsOf(aor);
    expect(await register(aor, { user: aor, password: fresh.password })).toEqual([401, 200]);
    await waitUntil('Doverie records the registration', () => t.routing.phones.has(who.userId));
    expect(await contacts()).toEqual([`sip:${aor}@${PHONE_IP}:5098`]);
    // Regenerated: the phone must register again with the new password.
    fresh = await issue(who);
    expect(await contacts()).toEqual([]);
    expect(t.routing.phones.has(who.userId)).toBe(false);

    // The desk phone and the workstation's softphone (a browser: an .invalid contact host) on the same AoR.
    expect(await register(aor, { user: aor, password: fresh.password })).toEqual([401, 200]);
    const browser = sipCredentials(edge.settings.ephemeralSecret, aor, Math.floor(Date.now() / 1000) + 600);
    expect(await register(aor, browser, '600', edge, 'k7f2x9ab.invalid')).toEqual([401, 200]);
    expect(await contacts()).toHaveLength(2);
    // The edge reports registrations a moment later (its event sender): Doverie counts the phone again first.
    await waitUntil('the registrations reach Doverie', () => t.routing.phones.has(who.userId));
    const res = await t.request(who, 'DELETE', `/api/voice/desk-phones/${who.userId}`);
    expect(res.json()).toEqual({ revoked: true });
    expect(await contacts()).toEqual([`sip:${aor}@k7f2x9ab.invalid`]);
    expect(t.routing.phones.has(who.userId)).toBe(true);
  });

  it('an unregistration with the credentials gives contacts 0: Doverie forgets the phone', async () => {
    const fresh = await issue(counsellor);
    expect(await register(fresh.username, { user: fresh.username, password: fresh.password }, '0')).toEqual([401, 200]);
    await waitUntil('Doverie forgets the phone', () => !t.routing.phones.has(counsellor.userId));
  });
});

describe('Doverie not answering the desk phone check', () => {
  it('is 503 (the phone tries again later), not a server error', async () => {
    // A stand-in Doverie that knows no desk-auth route (404) instead of the real one.
    const srv = await recordingServer();
    const lonely = await startTestEdge(await testSettings(srv.url, { edgeToken: VOICE_TOKEN }));
    try {
      const user = `c${'1'.repeat(32)}`;
      // SIPp does not expect a 503 and repeats its REGISTER: each is answered 503, nothing else
      const received = await register(user, { user, password: 'x'.repeat(24) }, '600', lonely);
      expect(received[0]).toBe(401);
      expect(new Set(received.slice(1))).toEqual(new Set([503]));
    } finally {
      await lonely.close();
      await srv.close();
    }
  });
});
