// Bad and out-of-order commands over HTTP: an offer accepted after it lapsed, an accept sent twice, a
// command id reused for another action, a transfer to a counsellor who is not there, ending a contact
// that is still waiting. Each gets its precise 409 (or the first answer again) and changes nothing; a
// declined offer goes to the next counsellor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import {
  accept,
  advance,
  arrive,
  cmd,
  eventsOf,
  ok,
  onContact,
  outcome,
  presence,
  theOffer,
  TOKEN,
  workstation,
  written,
  type Workstation,
} from './routingApi.js';

describe.each(DATABASES)('routing commands out of order on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  /** A service with `n` counsellors on duty, a second apart (the first is idle longest, so offered first), and its supervisor. */
  async function service(n: number) {
    const s = await t.service();
    const counsellors: SignedIn[] = [];
    for (let i = 0; i < n; i++) {
      const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
      await presence(t, c, s.id);
      t.clock.advance(1000);
      counsellors.push(c);
    }
    return { id: s.id, counsellors, supervisor: await t.as([{ role: 'supervisor', serviceId: s.id }]) };
  }

  /** A contact offered to and accepted by the service's first counsellor. */
  async function inHand(s: { id: string; counsellors: SignedIn[] }) {
    const contactId = await arrive(t, s.id, { channel: 'voice' });
    const offer = await theOffer(t, s.counsellors[0]!);
    const body = cmd();
    const accepted = await ok<Workstation>(accept(t, s.counsellors[0]!, offer.id, body));
    return { contactId, offerId: offer.id, acceptCommand: body, accepted };
  }

  it('accepting an offer after its 20 s lapsed is 409 routing.offer_closed, and the counsellor is now not_responding', async () => {
    const s = await service(1);
    const c = s.counsellors[0]!;
    const contactId = await arrive(t, s.id);
    const offer = await theOffer(t, c);
    await advance(t, 19_999);
    expect((await workstation(t, c)).offers).toHaveLength(1);
    await advance(t, 1);
    const before = await written(t);
    const res = await accept(t, c, offer.id);
    expect(outcome(res)).toEqual({ status: 409, code: 'routing.offer_closed' });
    expect(res.json().details).toEqual({ end: 'expired' });
    expect(await written(t)).toEqual(before);
    expect(await workstation(t, c)).toMatchObject({ presence: 'not_responding', offers: [], contacts: [] });
    expect(await eventsOf(t, contactId)).toEqual(['contact.arrived', 'offer.created', 'offer.closed']);
    const presenceRow = await t.db.selectFrom('routing_presence').selectAll().where('staff_id', '=', c.userId).executeTakeFirstOrThrow();
    expect(presenceRow.presence).toBe('not_responding');
  });

  it('an accept sent again with a different commandId answers 200 and logs nothing new', async () => {
    const s = await service(1);
    const { contactId, offerId, accepted } = await inHand(s);
    const before = await written(t);
    const again = await ok<Workstation>(accept(t, s.counsellors[0]!, offerId));
    expect(again).toEqual(accepted);
    expect(await written(t)).toMatchObject({ events: before.events, seq: before.seq, contacts: before.contacts });
    expect(await eventsOf(t, contactId)).toEqual(['contact.arrived', 'offer.created', 'contact.accepted']);
  });

  it('the same commandId sent for a different action is 409 routing.command_id_reused and does not act', async () => {
    const s = await service(1);
    const c = s.counsellors[0]!;
    const { contactId, acceptCommand } = await inHand(s);
    const other = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const before = await written(t);
    expect(outcome(await onContact(t, c, contactId, 'end', acceptCommand))).toEqual({ status: 409, code: 'routing.command_id_reused' });
    // …and by another staff member for another action: the id is the first sender's.
    expect(
      outcome(await t.request(other, 'PUT', '/api/routing/workstation/presence', { ...acceptCommand, serviceId: s.id, presence: 'break' })),
    ).toEqual({
      status: 409,
      code: 'routing.command_id_reused',
    });
    expect(await written(t)).toEqual(before);
    expect((await workstation(t, c)).contacts).toMatchObject([{ id: contactId, state: 'active' }]);
  });

  it('a transfer to a counsellor who is offline, or never came on duty, is 409 routing.counsellor_unavailable and changes nothing', async () => {
    const s = await service(2);
    const [c1, c2] = s.counsellors as [SignedIn, SignedIn];
    const { contactId } = await inHand(s);
    await presence(t, c2, s.id, 'offline');
    const never = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const before = await written(t);
    const screen = await workstation(t, c1);
    for (const staffId of [c2.userId, never.userId]) {
      const res = await onContact(t, c1, contactId, 'transfer', { ...cmd(), target: { kind: 'counsellor', staffId } });
      expect(outcome(res)).toEqual({ status: 409, code: 'routing.counsellor_unavailable' });
    }
    // To oneself, and to the supervisor on duty when there is none, likewise.
    const self = await onContact(t, c1, contactId, 'transfer', { ...cmd(), target: { kind: 'counsellor', staffId: c1.userId } });
    expect(outcome(self)).toEqual({ status: 409, code: 'routing.counsellor_unavailable' });
    const sup = await onContact(t, c1, contactId, 'transfer', { ...cmd(), target: { kind: 'supervisor' } });
    expect(outcome(sup)).toEqual({ status: 409, code: 'routing.no_supervisor_on_duty' });
    expect(await written(t)).toEqual(before);
    expect(await workstation(t, c1)).toEqual(screen);
  });

  it('ending a contact that is still queued is 409 routing.invalid_state (and 403 for a counsellor it is not with)', async () => {
    const s = await service(0);
    const contactId = await arrive(t, s.id);
    const counsellor = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const before = await written(t);
    const res = await onContact(t, s.supervisor, contactId, 'end');
    expect(outcome(res)).toEqual({ status: 409, code: 'routing.invalid_state' });
    expect(res.json().details).toEqual({ state: 'queued' });
    expect(outcome(await onContact(t, s.supervisor, contactId, 'complete'))).toEqual({ status: 409, code: 'routing.invalid_state' });
    expect(outcome(await onContact(t, counsellor, contactId, 'end'))).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(await written(t)).toEqual(before);
    expect(await eventsOf(t, contactId)).toEqual(['contact.arrived']);
  });

  it('commands on a completed contact are 409 routing.contact_closed; on an unknown one 404', async () => {
    const s = await service(1);
    const c = s.counsellors[0]!;
    const { contactId } = await inHand(s);
    await ok(onContact(t, c, contactId, 'end'));
    await ok(onContact(t, c, contactId, 'complete'));
    const before = await written(t);
    // The counsellor who handled it may still name it (it is remembered closed), and hears why.
    expect(outcome(await onContact(t, c, contactId, 'end'))).toEqual({ status: 409, code: 'routing.contact_closed' });
    expect(outcome(await onContact(t, s.supervisor, contactId, 'take'))).toEqual({ status: 409, code: 'routing.contact_closed' });
    expect(outcome(await onContact(t, c, '00000000-0000-4000-8000-000000000000', 'end'))).toEqual({
      status: 404,
      code: 'routing.contact_not_found',
    });
    expect(await written(t)).toEqual(before);
  });

  it('a declined offer goes to the other counsellor; the decliner is not offered it again', async () => {
    const s = await service(2);
    const contactId = await arrive(t, s.id);
    const [first, second] = s.counsellors as [SignedIn, SignedIn];
    const offer = await theOffer(t, first);
    expect((await workstation(t, second)).offers).toEqual([]);
    const declined = await ok<Workstation>(t.request(first, 'POST', `/api/routing/offers/${offer.id}/decline`, cmd()));
    expect(declined).toMatchObject({ presence: 'available', offers: [], contacts: [] });
    const next = await theOffer(t, second);
    expect(next.contact.id).toBe(contactId);
    expect(next.id).not.toBe(offer.id);
    await ok(accept(t, second, next.id));
    expect(await eventsOf(t, contactId)).toEqual(['contact.arrived', 'offer.created', 'offer.closed', 'offer.created', 'contact.accepted']);
    const row = await t.db.selectFrom('routing_contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'active', staff_id: second.userId });
    // The first counsellor's decline of the closed offer again is a retry; an accept now is refused.
    expect(outcome(await accept(t, first, offer.id))).toEqual({ status: 409, code: 'routing.offer_closed' });
  });
});
