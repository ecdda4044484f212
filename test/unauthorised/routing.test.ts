// Unauthorised access to the routing routes: every case's refusals (status, code, no change to the
// data) and its positive control; channel ingress, which takes the configured bearer token and no
// session (no or a wrong token is 401, ingress without a configured token is 404); and the live
// board's realtime topic, which only A's supervisors may follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { connectWs } from '../helpers/wsClient.js';
import { ROUTING_CASES } from './cases/routing.js';
import { arriveDirect, INGRESS_CASES } from './cases/routingIngress.js';
import { runCase } from './runCase.js';
import { catalogueRoutes, expectOffWhateverSent, expectOnlyTheToken } from './tokenRoutes.js';
import { makeWorld, snapshot } from './world.js';

const TOKEN = 'ingress-token-for-unauthorised-tests-0123456789';

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  for (const c of ROUTING_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));

  it('the ingress cases cover every ingress route of the catalogue', () => {
    expect(INGRESS_CASES.map((c) => c.route).sort()).toEqual(catalogueRoutes('ingress'));
  });

  for (const c of INGRESS_CASES) {
    it(`${c.route} — no token or a wrong one is 401 and changes nothing; the token is accepted`, async () => {
      const w = await makeWorld(t);
      await expectOnlyTheToken(
        t,
        w,
        { url: await c.url(t, w), payload: c.payload?.(w), ok: c.ok },
        {
          token: TOKEN,
          wrongTokens: [['a wrong token', 'ingress-token-for-unauthorised-tests-9876543210']],
          sessions: [["a head's staff session instead of a token", w.people.headA]],
        },
      );
    });
  }

  it('with no token configured, every ingress route is 404 routing.ingress_disabled whatever is sent, and changes nothing', async () => {
    const off = await TestApp.start(kind);
    try {
      const w = await makeWorld(off);
      const urls = await Promise.all(INGRESS_CASES.map((c) => c.url(off, w)));
      const before = await snapshot(off, w);
      await expectOffWhateverSent(
        off,
        INGRESS_CASES.map((c, i) => ({ route: c.route, url: urls[i]!, payload: () => c.payload?.(w) })),
        [undefined, `Bearer ${TOKEN}`, 'Bearer ', 'Bearer undefined'],
        'routing.ingress_disabled',
      );
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
