// Supervisor actions and transfers over HTTP: assigning a contact nobody eligible can take, taking a
// waiting contact, setting a counsellor's presence; transferring a contact to the supervisor on duty,
// to the queue and to a named counsellor (the note travels with it); and an offline contact recorded
// by hand, handled through to completion and kept in routing_contacts with origin 'offline'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { accept, arrive, cmd, eventsOf, ok, onContact, presence, theOffer, TOKEN, workstation, type Workstation } from './routingApi.js';

type ContactView = { id: string; state: string; offeredTo: string | null; origin: string; staffId: string | null };

describe.each(DATABASES)('routing supervisor actions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  async function team(counsellors: number) {
    const s = await t.service();
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const cs: SignedIn[] = [];
    for (let i = 0; i < counsellors; i++) cs.push(await t.as([{ role: 'counsellor', serviceId: s.id }]));
    return { id: s.id, supervisor, cs };
  }

  /** A voice contact accepted by `who` (the only counsellor available when it arrives). */
  async function handled(serviceId: string, who: SignedIn, extra: Record<string, unknown> = {}) {
    const contactId = await arrive(t, serviceId, { channel: 'voice', ...extra });
    await ok(accept(t, who, (await theOffer(t, who)).id));
    return contactId;
  }

  it('assigns a contact nobody eligible can take (a skill no one has) to a counsellor, who accepts it', async () => {
    const s = await team(1);
    const c = s.cs[0]!;
    await presence(t, c, s.id);
    const contactId = await arrive(t, s.id, { skills: ['sign-language'] });
    expect((await workstation(t, c)).offers).toEqual([]);
    const assigned = await ok<{ contact: ContactView }>(onContact(t, s.supervisor, contactId, 'assign', { ...cmd(), staffId: c.userId }));
    expect(assigned.contact).toMatchObject({ id: contactId, state: 'offered', offeredTo: c.userId });
    const offer = await theOffer(t, c);
    expect(offer).toMatchObject({ kind: 'assign', contact: { id: contactId } });
    await ok(accept(t, c, offer.id));
    expect(await eventsOf(t, contactId)).toEqual(['contact.arrived', 'offer.created', 'contact.accepted']);
  });

  it('a supervisor takes a waiting contact: it is theirs, active, on their workstation', async () => {
    const s = await team(0);
    const contactId = await arrive(t, s.id);
    const ws = await ok<Workstation>(onContact(t, s.supervisor, contactId, 'take'));
    expect(ws).toMatchObject({
      onDuty: true,
      serviceId: s.id,
      contacts: [{ id: contactId, state: 'active', staffId: s.supervisor.userId }],
    });
    const row = await t.db.selectFrom('routing_contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'active', staff_id: s.supervisor.userId, answered_by_service_id: s.id });
  });

  it("sets a counsellor's presence: on a break they get no offers; back available they get the waiting contact", async () => {
    const s = await team(1);
    const c = s.cs[0]!;
    await presence(t, c, s.id);
    const url = `/api/routing/services/${s.id}/counsellors/${c.userId}/presence`;
    const onBreak = await ok<Workstation>(t.request(s.supervisor, 'PUT', url, { ...cmd(), presence: 'break' }));
    expect(onBreak).toMatchObject({ onDuty: true, presence: 'break' });
    expect(await workstation(t, c)).toMatchObject({ presence: 'break' });
    const logged = await t.db
      .selectFrom('routing_events')
      .select('data')
      .where('staff_id', '=', c.userId)
      .where('type', '=', 'presence.changed')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(logged.data).toMatchObject({ presence: 'break', by: s.supervisor.userId });
    const contactId = await arrive(t, s.id);
    expect((await workstation(t, c)).offers).toEqual([]);
    await ok(t.request(s.supervisor, 'PUT', url, { ...cmd(), presence: 'available' }));
    expect((await theOffer(t, c)).contact.id).toBe(contactId);
  });

  it('transfers a contact to the supervisor on duty, with its note; the supervisor accepts the continuation', async () => {
    const s = await team(1);
    const c = s.cs[0]!;
    await presence(t, c, s.id);
    const contactId = await handled(s.id, c);
    await presence(t, s.supervisor, s.id);
    const after = await ok<Workstation>(
      onContact(t, c, contactId, 'transfer', { ...cmd(), target: { kind: 'supervisor' }, note: 'Нужна консультация старшего' }),
    );
    expect(after.contacts).toEqual([]);
    const offer = await theOffer(t, s.supervisor);
    expect(offer).toMatchObject({
      kind: 'transfer',
      contact: { origin: 'transfer', fromContactId: contactId, transferNote: 'Нужна консультация старшего' },
    });
    await ok(accept(t, s.supervisor, offer.id));
    const rows = await t.db.selectFrom('routing_contacts').selectAll().where('id', 'in', [contactId, offer.contact.id]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.state, r.origin, r.staff_id]]))).toEqual({
      [contactId]: ['transferred', 'channel', c.userId],
      [offer.contact.id]: ['active', 'transfer', s.supervisor.userId],
    });
  });

  it('transfers a contact to a named counsellor, who is offered it (kind transfer) and accepts', async () => {
    const s = await team(2);
    const [c1, c2] = s.cs as [SignedIn, SignedIn];
    await presence(t, c1, s.id);
    const contactId = await handled(s.id, c1);
    await presence(t, c2, s.id);
    await ok(onContact(t, c1, contactId, 'transfer', { ...cmd(), target: { kind: 'counsellor', staffId: c2.userId } }));
    const offer = await theOffer(t, c2);
    expect(offer).toMatchObject({ kind: 'transfer', contact: { fromContactId: contactId, firstContactId: contactId, transferNote: null } });
    await ok(accept(t, c2, offer.id));
    expect(await eventsOf(t, contactId)).toEqual(['contact.arrived', 'offer.created', 'contact.accepted', 'contact.transferred']);
    // Handed on again: the next contact still names the first one (the id the channel knows the caller by).
    await ok(onContact(t, c2, offer.contact.id, 'transfer', { ...cmd(), target: { kind: 'counsellor', staffId: c1.userId } }));
    const again = await theOffer(t, c1);
    expect(again.contact).toMatchObject({ fromContactId: offer.contact.id, firstContactId: contactId });
  });

  it('transfers a contact to the queue: it waits there and goes to the next available counsellor', async () => {
    const s = await team(2);
    const [c1, c2] = s.cs as [SignedIn, SignedIn];
    await presence(t, c1, s.id);
    const contactId = await handled(s.id, c1);
    await ok(onContact(t, c1, contactId, 'transfer', { ...cmd(), target: { kind: 'queue', serviceId: s.id }, note: 'Перезвонит' }));
    const [queued] = await t.db.selectFrom('routing_contacts').selectAll().where('transferred_from', '=', contactId).execute();
    expect(queued).toMatchObject({ origin: 'transfer', service_id: s.id });
    await presence(t, c2, s.id);
    const offers = [...(await workstation(t, c1)).offers, ...(await workstation(t, c2)).offers];
    expect(offers.map((o) => o.contact.id)).toEqual([queued!.id]);
  });

  it('a contact transferred to the queue is not offered straight back to the counsellor who transferred it', async () => {
    const s = await team(1);
    const c = s.cs[0]!;
    await presence(t, c, s.id);
    const contactId = await handled(s.id, c);
    const after = await ok<Workstation>(onContact(t, c, contactId, 'transfer', { ...cmd(), target: { kind: 'queue', serviceId: s.id } }));
    expect(after.offers, 'the transferring counsellor is offered back the contact they just handed on').toEqual([]);
  });

  it('an offline contact is recorded active, ended, completed, and kept with origin offline', async () => {
    const s = await team(1);
    const c = s.cs[0]!;
    const recorded = await ok<{ contact: ContactView }>(
      t.request(c, 'POST', `/api/routing/services/${s.id}/offline-contacts`, { ...cmd(), channel: 'voice', risk: 'moderate' }),
      201,
    );
    const id = recorded.contact.id;
    expect(recorded.contact).toMatchObject({ state: 'active', origin: 'offline', staffId: c.userId });
    expect((await ok<Workstation>(onContact(t, c, id, 'end'))).contacts).toMatchObject([{ id, state: 'wrapup' }]);
    expect((await ok<Workstation>(onContact(t, c, id, 'complete'))).contacts).toEqual([]);
    const row = await t.db.selectFrom('routing_contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      origin: 'offline',
      state: 'completed',
      staff_id: c.userId,
      service_id: s.id,
      risk: 'moderate',
      caller_key: null,
    });
    expect(await eventsOf(t, id)).toEqual(['contact.arrived', 'contact.accepted', 'contact.ended', 'contact.completed']);
  });
});
