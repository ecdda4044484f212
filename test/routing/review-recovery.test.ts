// Review: the state rebuilt from the log equals the live state, field by field, after a day of the
// things that move counsellors and contacts around: declines and lapsed offers (skips, not
// responding), wrap-ups, transfers, a counsellor moving between services, partners and care plans.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutingState } from '../../src/domain/routing/state.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { accept, advance, arrive, callerLeft, cmd, ok, onContact, presence, theOffer, tick, TOKEN, workstation } from './routingApi.js';

/** Everything the engine decides with, in a comparable form (closed offers: see below). */
function snapshot(state: RoutingState) {
  const sorted = <T>(m: Map<string, T>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return {
    contacts: sorted(state.contacts),
    counsellors: sorted(new Map([...state.counsellors].map(([id, c]) => [id, { ...c, contactIds: [...c.contactIds].sort() }]))),
    offers: sorted(state.offers),
    queues: sorted(new Map([...state.queues].filter(([, q]) => q.size > 0).map(([id, q]) => [id, [...q].sort()]))),
    closedContacts: [...state.closedContacts.values()],
    staffByService: sorted(new Map([...state.staffByService].filter(([, s]) => s.size > 0).map(([id, s]) => [id, [...s].sort()]))),
    // Closed offers of contacts still open decide late answers to their offers.
    closedOffersOfOpen: sorted(new Map([...state.closedOffers].filter(([, o]) => state.contacts.has(o.offer.contactId)))),
  };
}

describe.each(DATABASES)('review: routing recovery on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  async function expectRebuildSame() {
    await t.routing.settled();
    const live = snapshot(t.routing.engine.state);
    await t.routing.rebuild();
    expect(snapshot(t.routing.engine.state)).toEqual(live);
  }

  it('an offer whose deadline passed while the engine was down is made again, and its counsellor is not "not responding"', async () => {
    const s = await t.service();
    const who = await t.user([{ role: 'counsellor', serviceId: s.id }]);
    const c = await t.signIn(who);
    await presence(t, c, s.id);
    const contactId = await arrive(t, s.id, { channel: 'voice' });
    const before = await theOffer(t, c);
    // Down for 30 s: nobody could answer the offer in that time.
    t.clock.advance(30_000);
    t = await t.restart();
    await tick(t);
    const ws = await workstation(t, c);
    expect(ws.presence).toBe('available');
    expect(ws.offers).toMatchObject([{ contact: { id: contactId } }]);
    expect(ws.offers[0]!.id).not.toBe(before.id);
    const events = await t.db
      .selectFrom('routing_events')
      .select(['type', 'data'])
      .where('staff_id', '=', c.userId)
      .orderBy('seq')
      .execute();
    expect(events.filter((e) => e.type === 'presence.changed').map((e) => (e.data as { presence: string }).presence)).toEqual([
      'available',
    ]);
    expect(events.filter((e) => e.type === 'offer.closed').map((e) => (e.data as { end: string }).end)).toEqual(['rescinded']);
  });

  it('rebuilds exactly the live state', async () => {
    const [a, b] = [await t.service(), await t.service()];
    await t.db
      .updateTable('services')
      .set({ settings: JSON.stringify({ partnerServiceIds: [b.id], partnerAfterSeconds: 30, wrapUpSeconds: 60 }) })
      .where('id', '=', a.id)
      .execute();
    await t.routing.reloadSettings(a.id);
    const supervisorA = await t.as([{ role: 'supervisor', serviceId: a.id }]);
    const c1 = await t.as([{ role: 'counsellor', serviceId: a.id }]);
    const c2 = await t.as([{ role: 'counsellor', serviceId: a.id }]);
    const both = await t.as([
      { role: 'counsellor', serviceId: a.id },
      { role: 'counsellor', serviceId: b.id },
    ]);
    await presence(t, c1, a.id);
    t.clock.advance(1_000);
    await presence(t, c2, a.id);
    t.clock.advance(1_000);

    // A declined offer (skip), a lapsed one (not responding), an answered one in wrap-up.
    const first = await arrive(t, a.id, { channel: 'voice' });
    const o1 = await theOffer(t, c1);
    await ok(t.request(c1, 'POST', `/api/routing/offers/${o1.id}/decline`, cmd()));
    t.clock.advance(2_000);
    await ok(accept(t, c2, (await theOffer(t, c2)).id));
    t.clock.advance(60_000);
    await ok(onContact(t, c2, first, 'end'));
    const second = await arrive(t, a.id, { channel: 'voice' });
    expect((await theOffer(t, c1)).contact.id).toBe(second);
    await advance(t, 21_000);
    expect((await workstation(t, c1)).presence).toBe('not_responding');
    await expectRebuildSame();

    // Wrap-up ends, the waiting contact goes to c2; it is transferred to the queue and waits.
    await advance(t, 40_000);
    await ok(accept(t, c2, (await theOffer(t, c2)).id));
    t.clock.advance(5_000);
    await ok(onContact(t, c2, second, 'transfer', { ...cmd(), target: { kind: 'queue', serviceId: a.id }, note: 'дальше' }));
    await expectRebuildSame();

    // A counsellor of both services comes on duty for B, then moves to A and back; the partner gets A's contact after 30 s.
    await presence(t, both, b.id);
    t.clock.advance(3_000);
    await presence(t, both, a.id, 'break');
    t.clock.advance(3_000);
    await presence(t, both, b.id);
    await advance(t, 31_000);
    await expectRebuildSame();
    await presence(t, c1, a.id);
    await ok(onContact(t, supervisorA, await arrive(t, a.id, { channel: 'chat' }), 'take'));
    const third = await arrive(t, a.id, { channel: 'chat' });
    t.clock.advance(3_000);
    await callerLeft(t, third);
    await tick(t);
    await expectRebuildSame();
  });
});
