// Unauthorised access to the routing routes: every case's refusals (status, code, no change to the
// data) and its positive control; channel ingress, which takes the configured bearer token and no
// session (no or a wrong token is 401, ingress without a configured token is 404); and the live
// board's realtime topic, which only A's supervisors may follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/errors.js';
import { ROUTE_CATALOGUE, routeKey } from '../helpers/routeCatalogue.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { connectWs } from '../helpers/wsClient.js';
import { ROUTING_CASES } from './cases/routing.js';
import { arriveDirect, INGRESS_CASES } from './cases/routingIngress.js';
import { runCase } from './runCase.js';
import { call, makeWorld, outcome, snapshot, type Attempt } from './world.js';

const TOKEN = 'ingress-token-for-unauthorised-tests-0123456789';

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  for (const c of ROUTING_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));

  it('the ingress cases cover every ingress route of the catalogue', () => {
    expect(INGRESS_CASES.map((c) => c.route).sort()).toEqual(
      ROUTE_CATALOGUE.filter((r) => r.access === 'ingress')
        .map(routeKey)
        .sort(),
    );
  });

  for (const c of INGRESS_CASES) {
    it(`${c.route} — no token or a wrong one is 401 and changes nothing; the token is accepted`, async () => {
      const w = await makeWorld(t);
      const url = await c.url(t, w);
      const payload = c.payload?.(w);
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
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
        unauthenticated('a wrong token', bearer('ingress-token-for-unauthorised-tests-9876543210')),
        unauthenticated('the token minus its last character', bearer(TOKEN.slice(0, -1))),
        unauthenticated('the token plus a character', bearer(`${TOKEN}x`)),
        unauthenticated('the token without the Bearer scheme', { authorization: TOKEN }),
        unauthenticated('the token as Basic credentials', { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }),
        unauthenticated("a head's staff session instead of a token", {}, w.people.headA),
        {
          label: 'the token from a cross-site page',
          headers: { ...bearer(TOKEN), origin: 'https://evil.example' },
          status: 403,
          code: 'auth.csrf_failed',
        },
      ];
      const before = await snapshot(t, w);
      for (const a of attempts) {
        const res = await call(t, 'POST', url, payload, a.creds, a.headers);
        expect({ caller: a.label, ...outcome(res) }).toEqual({ caller: a.label, status: a.status, code: a.code, hasMessage: true });
        expect(ERRORS[a.code!].status).toBe(a.status);
        expect(await snapshot(t, w), `${a.label}: a refused call changed data`).toEqual(before);
      }
      const res = await call(t, 'POST', url, payload, undefined, bearer(TOKEN));
      expect({ status: res.statusCode, body: res.statusCode === c.ok ? null : res.body }).toEqual({ status: c.ok, body: null });
      expect(await snapshot(t, w)).not.toEqual(before);
    });
  }

  it('with no token configured, every ingress route is 404 routing.ingress_disabled whatever is sent, and changes nothing', async () => {
    const off = await TestApp.start(kind);
    try {
      const w = await makeWorld(off);
      const urls = await Promise.all(INGRESS_CASES.map((c) => c.url(off, w)));
      const before = await snapshot(off, w);
      for (const [i, c] of INGRESS_CASES.entries()) {
        for (const authorization of [undefined, `Bearer ${TOKEN}`, 'Bearer ', 'Bearer undefined']) {
          const res = await call(off, 'POST', urls[i]!, c.payload?.(w), undefined, authorization === undefined ? {} : { authorization });
          expect({ route: c.route, authorization, ...outcome(res) }).toEqual({
            route: c.route,
            authorization,
            status: 404,
            code: 'routing.ingress_disabled',
            hasMessage: true,
          });
        }
      }
      expect(await snapshot(off, w)).toEqual(before);
    } finally {
      await off.close();
    }
  });

  it("only A's supervisors and head may follow A's live board; nobody else hears it", async () => {
    const w = await makeWorld(t);
    const clients = Object.fromEntries(
      await Promise.all(
        (['headB', 'counsellorB', 'analyst', 'admin', 'counsellorA', 'targetAB', 'headAcounsellorB', 'supervisorA'] as const).map(
          async (who) => [who, await connectWs(t, w.people[who])] as const,
        ),
      ),
    );
    const topic = `board:${w.A}`;
    for (const who of ['headB', 'counsellorB', 'analyst', 'admin', 'counsellorA', 'targetAB'] as const)
      expect(await clients[who]!.subscribe(topic), who).toMatchObject({ type: 'error', code: 'auth.forbidden', topic });
    for (const who of ['headAcounsellorB', 'supervisorA'] as const)
      expect(await clients[who]!.subscribe(topic), who).toEqual({ type: 'subscribed', topic });

    await arriveDirect(t, w.A);
    await clients.supervisorA!.waitFor((m) => m.name === 'routing.board');
    await clients.headAcounsellorB!.waitFor((m) => m.name === 'routing.board');
    await clients.supervisorA!.settle();
    for (const who of ['headB', 'counsellorB', 'analyst', 'admin', 'counsellorA', 'targetAB'] as const)
      expect(clients[who]!.events(), who).toEqual([]);
    for (const c of Object.values(clients)) c.ws.terminate();
  });
});
