// Unauthorised access to the phone line: every staff route's refusals (status, code, no change to the
// data) and its positive control; the SIP edge's routes, which take the phone line's own bearer token
// and no session (no or a wrong token — the ingress token included — is 401 and writes nothing); with
// telephony off they are 404 voice.disabled whatever is sent. A supervisor's end of a call when the
// edge does not answer is 503 voice.edge_unavailable, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sipUserOf } from '../../src/domain/voice/sipUsers.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { VOICE_TOKEN, voiceConfig } from '../voice/voiceApi.js';
import { INGRESS_CASES } from './cases/routingIngress.js';
import { VOICE_CASES } from './cases/voice.js';
import { callToA, EDGE_CASES, voiceRows } from './cases/voiceEdge.js';
import { attachEdge, FakeEdgeRpc } from './fakeEdgeRpc.js';
import { runCase } from './runCase.js';
import { bearer, catalogueRoutes, expectOffWhateverSent, expectOnlyTheToken } from './tokenRoutes.js';
import { call, makeWorld, outcome, snapshot } from './world.js';

const INGRESS_TOKEN = 'ingress-token-for-unauthorised-voice-tests-0123456789';

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
    expect(EDGE_CASES.map((c) => c.route).sort()).toEqual(catalogueRoutes('edge'));
  });

  for (const c of EDGE_CASES) {
    it(`${c.route} — no token or a wrong one (the ingress token too) is 401 and writes nothing; the edge's token is accepted`, async () => {
      const w = await makeWorld(t);
      await expectOnlyTheToken(
        t,
        w,
        { url: c.url, payload: await c.payload(t, w), ok: c.ok, readOnly: c.readOnly },
        {
          token: VOICE_TOKEN,
          wrongTokens: [
            ['a wrong token', 'voice-edge-token-for-tests-9876543210fedcba'],
            ['the ingress token', INGRESS_TOKEN],
          ],
          sessions: [
            ["a supervisor's staff session instead of a token", w.people.supervisorA],
            ["an admin's staff session instead of a token", w.people.admin],
          ],
          watch: voiceRows,
        },
      );
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
        { user: sipUserOf(w.people.counsellorA.userId) },
      ];
      const before = await snapshot(off, w);
      await expectOffWhateverSent(
        off,
        EDGE_CASES.map((c, i) => ({ route: c.route, url: c.url, payload: () => payloads[i] })),
        [undefined, `Bearer ${VOICE_TOKEN}`, `Bearer ${INGRESS_TOKEN}`, 'Bearer ', 'Bearer undefined'],
        'voice.disabled',
      );
      const credentials = await call(off, 'POST', '/api/voice/credentials', undefined, w.people.counsellorA);
      expect(outcome(credentials)).toEqual({ status: 404, code: 'voice.disabled', hasMessage: true });
      for (const method of ['GET', 'POST', 'DELETE'] as const) {
        const desk = await call(off, method, `/api/voice/desk-phones/${w.people.counsellorA.userId}`, undefined, w.people.counsellorA);
        expect(outcome(desk)).toEqual({ status: 404, code: 'voice.disabled', hasMessage: true });
      }
      expect(await snapshot(off, w)).toEqual(before);
      expect(await off.db.selectFrom('voice_calls').select('contact_id').execute()).toEqual([]);
      expect(await off.db.selectFrom('voice_events').select('id_hash').execute()).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
