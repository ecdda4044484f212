// Review: authorisation against the single writer. A check made on the engine's state when the HTTP
// handler runs can be stale by the time the writer decides the command: commands queued in between
// (the same batch, or the one waiting behind a write) change where counsellors work. And a
// counsellor who moves to another service, or loses their role, must not keep what they were offered.
//
// The races are driven through the domain functions the routes call, in the order two requests take
// when they land in one batch: each handler finishes its own awaits, then checks and submits
// synchronously, and the writer decides both afterwards, in submission order.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantsOf } from '../../src/domain/auth/sessions.js';
import type { Actor } from '../../src/domain/auth/policy.js';
import { actOnContact, assignContact, profileFor, setPresenceOf, type RoutingDeps } from '../../src/domain/routing/live/routingCommands.js';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { accept, advance, arrive, board, cmd, ok, onContact, outcome, presence, theOffer, TOKEN, workstation } from './routingApi.js';

/** The outcome of a promise, with its rejection handled at once (it may reject before the test awaits it). */
const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe.each(DATABASES)('review: routing authorisation on %s', (kind) => {
  let t: TestApp;
  let deps: RoutingDeps;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
    deps = { db: t.db, routing: t.routing, clock: t.clock.now };
  });
  afterAll(() => t.close());

  const actor = async (who: SignedIn): Promise<Actor> => ({ userId: who.userId, grants: await grantsOf(t.db, who.userId) });

  /**
   * What `setOwnPresence` does for `who` going on duty in `serviceId`: reads the profile (await), then
   * submits. Returns the synchronous second half, so a test can place the submission exactly.
   */
  async function ownPresence(who: SignedIn, serviceId: string) {
    const profile = await profileFor(t.db, await actor(who), serviceId);
    return () =>
      t.routing.submit({
        command: { type: 'setPresence', staffId: who.userId, presence: 'available', profile, by: who.userId },
        present: () => ({}),
      });
  }

  /** A voice contact of `serviceId` accepted by `who`, the only counsellor there. */
  async function inHand(serviceId: string, who: SignedIn): Promise<string> {
    await presence(t, who, serviceId);
    const contactId = await arrive(t, serviceId, { channel: 'voice' });
    await ok(accept(t, who, (await theOffer(t, who)).id));
    return contactId;
  }

  it('a transfer to a counsellor of an unrelated service who comes on duty in the same batch is refused', async () => {
    const [a, c] = [await t.service(), await t.service()];
    const counsellorA = await t.as([{ role: 'counsellor', serviceId: a.id }]);
    const outsider = await t.as([{ role: 'counsellor', serviceId: c.id }]);
    const contactId = await inHand(a.id, counsellorA);

    const [goOnDuty, sender] = [await ownPresence(outsider, c.id), await actor(counsellorA)];
    const onDuty = goOnDuty();
    const transfer = settle(
      actOnContact(
        deps,
        sender,
        contactId,
        {
          type: 'transfer',
          target: { kind: 'counsellor', staffId: outsider.userId },
          note: 'для другой службы',
          newContactId: randomUUID(),
        },
        cmd(),
      ),
    );
    await onDuty;
    expect(await transfer).toMatchObject({ error: { code: 'routing.counsellor_unavailable' } });
    expect((await workstation(t, outsider)).offers, "C's counsellor is offered nothing of A").toEqual([]);
    expect((await workstation(t, counsellorA)).contacts).toMatchObject([{ id: contactId, state: 'active' }]);
  });

  it('an assignment to a counsellor who moved to an unrelated service in the same batch is refused', async () => {
    const [a, c] = [await t.service(), await t.service()];
    const supervisorA = await t.as([{ role: 'supervisor', serviceId: a.id }]);
    const both = await t.as([
      { role: 'counsellor', serviceId: a.id },
      { role: 'counsellor', serviceId: c.id },
    ]);
    const supervisorC = await t.as([{ role: 'supervisor', serviceId: c.id }]);
    await presence(t, both, a.id, 'break');
    const contactId = await arrive(t, a.id, { skills: ['sign-language'] }); // nobody eligible: it waits

    const [move, supervisor] = [await ownPresence(both, c.id), await actor(supervisorA)];
    const moved = move();
    const assigned = settle(assignContact(deps, supervisor, contactId, { ...cmd(), staffId: both.userId }));
    await moved;
    expect(await assigned).toMatchObject({ error: { code: 'routing.counsellor_unavailable' } });
    expect((await workstation(t, both)).offers).toEqual([]);
    expect((await board(t, supervisorC, c.id)) as { counsellors: { offers: unknown[] }[] }).toMatchObject({
      counsellors: [{ offers: [] }],
    });
  });

  it('a supervisor of A cannot set the presence of a counsellor who moved to B in the same batch (nor pull them back into A)', async () => {
    const [a, b] = [await t.service(), await t.service()];
    const supervisorA = await t.as([{ role: 'supervisor', serviceId: a.id }]);
    const both = await t.as([
      { role: 'counsellor', serviceId: a.id },
      { role: 'counsellor', serviceId: b.id },
    ]);
    await presence(t, both, a.id, 'break');

    const [move, supervisor] = [await ownPresence(both, b.id), await actor(supervisorA)];
    const moved = move();
    const set = settle(setPresenceOf(deps, supervisor, a.id, both.userId, { ...cmd(), presence: 'offline' }));
    await moved;
    expect(await set).toMatchObject({ error: { code: 'staff.not_found' } });
    expect(await workstation(t, both)).toMatchObject({ serviceId: b.id, presence: 'available' });
  });

  it('offers made to a counsellor are withdrawn when they move to another service; that service gains nothing of the contact', async () => {
    const [a, b] = [await t.service(), await t.service()];
    const both = await t.as([
      { role: 'counsellor', serviceId: a.id },
      { role: 'counsellor', serviceId: b.id },
    ]);
    const supervisorA = await t.as([{ role: 'supervisor', serviceId: a.id }]);
    const supervisorB = await t.as([{ role: 'supervisor', serviceId: b.id }]);
    await presence(t, both, a.id);
    const contactId = await arrive(t, a.id, { channel: 'voice' });
    const offer = await theOffer(t, both);

    await presence(t, both, b.id);
    expect((await workstation(t, both)).offers, 'the offer of A is withdrawn').toEqual([]);
    expect(await board(t, supervisorA, a.id)).toMatchObject({ queue: { waiting: 1, contacts: [{ id: contactId, state: 'queued' }] } });
    expect(outcome(await accept(t, both, offer.id))).toEqual({ status: 409, code: 'routing.offer_closed' });
    // B's supervisor never gets a hold on A's contact (no partner of A answered it).
    expect(outcome(await onContact(t, supervisorB, contactId, 'end'))).toEqual({ status: 404, code: 'routing.contact_not_found' });
    const row = await t.db.selectFrom('routing_contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'queued', staff_id: null, answered_by_service_id: null });
  });

  it('a counsellor whose role in the service was removed while on duty sees and answers none of its offers', async () => {
    const a = await t.service();
    const former = await t.as([{ role: 'counsellor', serviceId: a.id }]);
    const colleague = await t.as([{ role: 'counsellor', serviceId: a.id }]);
    await presence(t, former, a.id);
    // An admin moves them to another service (their role in A is removed); the session lives on.
    const admin = await t.as([{ role: 'admin' }]);
    const elsewhere = await t.service();
    const moved = await t.request(admin, 'PATCH', `/api/staff/${former.userId}`, {
      version: 1,
      grants: [{ serviceId: elsewhere.id, role: 'counsellor' }],
    });
    expect(moved.statusCode).toBe(200);
    const contactId = await arrive(t, a.id, { channel: 'voice', region: 'Ковров' });
    const offerId = (
      await t.db
        .selectFrom('routing_events')
        .select('data')
        .where('contact_id', '=', contactId)
        .where('type', '=', 'offer.created')
        .executeTakeFirstOrThrow()
    ).data as { offerId: string; staffId: string };
    expect(offerId.staffId, 'the engine still has them on duty').toBe(former.userId);
    expect(await workstation(t, former)).toMatchObject({ onDuty: false, offers: [], contacts: [] });
    expect(outcome(await accept(t, former, offerId.offerId))).toEqual({ status: 404, code: 'routing.offer_not_found' });
    expect(outcome(await t.request(former, 'POST', `/api/routing/offers/${offerId.offerId}/decline`, cmd()))).toEqual({
      status: 404,
      code: 'routing.offer_not_found',
    });
    // The offer lapses: they are not responding and get no more; the contact goes to a colleague.
    await presence(t, colleague, a.id);
    await advance(t, 20_000);
    expect((await theOffer(t, colleague)).contact.id).toBe(contactId);
    const row = await t.db
      .selectFrom('routing_presence')
      .select('presence')
      .where('staff_id', '=', former.userId)
      .executeTakeFirstOrThrow();
    expect(row.presence).toBe('not_responding');
  });
});
