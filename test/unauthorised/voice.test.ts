// Unauthorised access to the phone line: every staff route's refusals (status, code, no change to the
// data) and its positive control; the SIP edge's routes, which take the phone line's own bearer token
// and no session (no or a wrong token — the ingress token included — is 401 and writes nothing); with
// telephony off they are 404 voice.disabled whatever is sent. A supervisor's end of a call when the
// edge does not answer is 503 voice.edge_unavailable, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/errors.js';
import { ROUTE_CATALOGUE, routeKey } from '../helpers/routeCatalogue.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { VOICE_TOKEN, voiceConfig } from '../voice/voiceApi.js';
import { INGRESS_CASES } from './cases/routingIngress.js';
import { VOICE_CASES } from './cases/voice.js';
import { callToA, EDGE_CASES, voiceRows } from './cases/voiceEdge.js';
import { attachEdge, FakeEdgeRpc } from './fakeEdgeRpc.js';
import { runCase } from './runCase.js';
import { call, makeWorld, outcome, snapshot, type Attempt } from './world.js';

const INGRESS_TOKEN = 'ingress-token-for-unauthorised-voice-tests-0123456789';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(DATABASES)('unauthorised access to the phone line on %s', (kind) => {
  let t: TestApp;
  let edge: FakeEdgeRpc;
  beforeAll(async () => {
    edge = await FakeEdgeRpc.start();
    t = await TestApp.start(kind, { ingressToken: INGRESS_TOKEN, voice: voiceConfig({ wsPort: edge.port }) });
    attachEdge(t, edge);
  });
  afterAll(async () => {
    await t?.close();
    await edge?.close();
  });

  for (const c of VOICE_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));

  it('the edge cases cover every edge route of the catalogue', () => {
    expect(EDGE_CASES.map((c) => c.route).sort()).toEqual(
      ROUTE_CATALOGUE.filter((r) => r.access === 'edge')
        .map(routeKey)
        .sort(),
    );
  });

  for (const c of EDGE_CASES) {
    it(`${c.route} — no token or a wrong one (the ingress token too) is 401 and writes nothing; the edge's token is accepted`, async () => {
      const w = await makeWorld(t);
      const payload = await c.payload(t, w);
      const unauthenticated = (label: string, headers: Record<string, string>, creds?: Attempt['creds']): Attempt => ({
        label,
        headers,
        creds,
        status: 401,
        code: 'auth.unauthenticated',
      });
      const attempts: Attempt[] = [
        unauthenticated('no Authorization header', {}),
        unauthenticated('an empty bearer token', { authorization: 'Bearer ' }),
        unauthenticated('a wrong token', bearer('voice-edge-token-for-tests-9876543210fedcba')),
        unauthenticated('the ingress token', bearer(INGRESS_TOKEN)),
        unauthenticated('the token minus its last character', bearer(VOICE_TOKEN.slice(0, -1))),
        unauthenticated('the token plus a character', bearer(`${VOICE_TOKEN}x`)),
        unauthenticated('the token without the Bearer scheme', { authorization: VOICE_TOKEN }),
        unauthenticated('the token as Basic credentials', { authorization: `Basic ${Buffer.from(`x:${VOICE_TOKEN}`).toString('base64')}` }),
        unauthenticated("a supervisor's staff session instead of a token", {}, w.people.supervisorA),
        unauthenticated("an admin's staff session instead of a token", {}, w.people.admin),
        {
          label: 'the token from a cross-site page',
          headers: { ...bearer(VOICE_TOKEN), origin: 'https://evil.example' },
          status: 403,
          code: 'auth.csrf_failed',
        },
      ];
      const before = await snapshot(t, w, voiceRows);
      for (const a of attempts) {
        const res = await call(t, 'POST', c.url, payload, a.creds, a.headers);
        expect({ caller: a.label, ...outcome(res) }).toEqual({ caller: a.label, status: a.status, code: a.code, hasMessage: true });
        expect(ERRORS[a.code!].status).toBe(a.status);
        expect(await snapshot(t, w, voiceRows), `${a.label}: a refused call changed data`).toEqual(before);
      }
      const res = await call(t, 'POST', c.url, payload, undefined, bearer(VOICE_TOKEN));
      expect({ status: res.statusCode, body: res.statusCode === c.ok ? null : res.body }).toEqual({ status: c.ok, body: null });
      expect(await snapshot(t, w, voiceRows)).not.toEqual(before);
    });
  }

  it("the edge's token does not open channel ingress", async () => {
    const w = await makeWorld(t);
    for (const c of INGRESS_CASES) {
      const url = await c.url(t, w);
      const before = await snapshot(t, w, voiceRows);
      const res = await call(t, 'POST', url, c.payload?.(w), undefined, bearer(VOICE_TOKEN));
      expect({ route: c.route, ...outcome(res) }).toEqual({ route: c.route, status: 401, code: 'auth.unauthenticated', hasMessage: true });
      expect(await snapshot(t, w, voiceRows)).toEqual(before);
    }
  });

  it('a supervisor ending a call while the edge does not answer gets 503 voice.edge_unavailable, and nothing changes', async () => {
    const w = await makeWorld(t);
    const c = await callToA(t, w, 'counsellorA');
    const before = await snapshot(t, w, voiceRows);
    edge.mode = 'down';
    try {
      const res = await call(t, 'POST', `/api/voice/calls/${c.contactId}/end`, undefined, w.people.supervisorA, {});
      expect(outcome(res)).toEqual({ status: 503, code: 'voice.edge_unavailable', hasMessage: true });
    } finally {
      edge.mode = 'up';
    }
    expect(await snapshot(t, w, voiceRows)).toEqual(before);
    // The edge back: the same request ends the call.
    const res = await call(t, 'POST', `/api/voice/calls/${c.contactId}/end`, undefined, w.people.supervisorA);
    expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 200, body: { ended: true } });
    expect(edge.ended).toContain(c.callId);
  });

  it('with telephony off, the edge routes are 404 voice.disabled whatever is sent, and nobody gets phone credentials', async () => {
    const off = await TestApp.start(kind, { ingressToken: INGRESS_TOKEN });
    try {
      const w = await makeWorld(off);
      const payloads = [
        { callId: 'off-1', caller: '', to: '78001234567', attempt: 1 },
        { id: 'off-1', event: 'abandoned', callId: 'off-1', ts: 1 },
      ];
      const before = await snapshot(off, w);
      for (const [i, c] of EDGE_CASES.entries()) {
        for (const authorization of [undefined, `Bearer ${VOICE_TOKEN}`, `Bearer ${INGRESS_TOKEN}`, 'Bearer ', 'Bearer undefined']) {
          const res = await call(off, 'POST', c.url, payloads[i], undefined, authorization === undefined ? {} : { authorization });
          expect({ route: c.route, authorization, ...outcome(res) }).toEqual({
            route: c.route,
            authorization,
            status: 404,
            code: 'voice.disabled',
            hasMessage: true,
          });
        }
      }
      const credentials = await call(off, 'POST', '/api/voice/credentials', undefined, w.people.counsellorA);
      expect(outcome(credentials)).toEqual({ status: 404, code: 'voice.disabled', hasMessage: true });
      expect(await snapshot(off, w)).toEqual(before);
      expect(await off.db.selectFrom('voice_calls').select('contact_id').execute()).toEqual([]);
      expect(await off.db.selectFrom('voice_events').select('id_hash').execute()).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
