// Widening to a partner service and care plans, over HTTP. A service with a partner and nobody on
// duty: after partnerAfterSeconds its waiting contact is offered to the partner's counsellor, who
// answers it for the partner, and the home service's statistics count it as answered by a partner.
// A care plan made from a caller's contact sends that caller's next contact to the preferred
// counsellor first, even past a counsellor who has been idle longer, and is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { accept, advance, arrive, ok, onContact, presence, theOffer, TOKEN, workstation } from './routingApi.js';

describe.each(DATABASES)('routing partners and care plans on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  it('offers a contact to the partner after partnerAfterSeconds; answered by the partner, counted so in the statistics', async () => {
    const [a, b] = [await t.service(), await t.service()];
    const headA = await t.as([{ role: 'head', serviceId: a.id }]);
    const counsellorB = await t.as([{ role: 'counsellor', serviceId: b.id }]);
    const patched = await ok(
      t.request(headA, 'PATCH', `/api/services/${a.id}`, { version: 1, settings: { partnerServiceIds: [b.id], partnerAfterSeconds: 30 } }),
    );
    expect(patched).toMatchObject({ settings: { partnerServiceIds: [b.id], partnerAfterSeconds: 30 } });
    await t.routing.reloadSettings(a.id);
    await presence(t, counsellorB, b.id);

    const contactId = await arrive(t, a.id, { channel: 'voice' });
    await advance(t, 29_000);
    expect((await workstation(t, counsellorB)).offers, 'not before 30 s').toEqual([]);
    await advance(t, 1_000);
    const offer = await theOffer(t, counsellorB);
    expect(offer).toMatchObject({ kind: 'route', contact: { id: contactId, serviceId: a.id } });
    await ok(accept(t, counsellorB, offer.id));
    await ok(onContact(t, counsellorB, contactId, 'end'));
    await ok(onContact(t, counsellorB, contactId, 'complete'));

    const row = await t.db.selectFrom('routing_contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ service_id: a.id, answered_by_service_id: b.id, staff_id: counsellorB.userId, state: 'completed' });
    t.clock.advance(1_000); // statistics are "as of now", exclusive: step past the last events
    const stats = await ok(t.request(headA, 'GET', `/api/routing/services/${a.id}/statistics?window=15m`));
    expect(stats).toMatchObject({ serviceId: a.id, offered: 1, answered: 1, answeredByPartner: 1, answeredWithinSl: 0, abandoned: 0 });
    // B's own statistics do not count A's contact as offered to B.
    const headB = await t.as([{ role: 'head', serviceId: b.id }]);
    expect(await ok(t.request(headB, 'GET', `/api/routing/services/${b.id}/statistics`))).toMatchObject({ offered: 0, answered: 0 });
  });

  it('a partner it is not yet time for, or a service that is no partner, is never offered the contact', async () => {
    const [a, b, c] = [await t.service(), await t.service(), await t.service()];
    await t.db
      .updateTable('services')
      .set({ settings: JSON.stringify({ partnerServiceIds: [b.id], partnerAfterSeconds: 120 }) })
      .where('id', '=', a.id)
      .execute();
    await t.routing.reloadSettings(a.id);
    const counsellorB = await t.as([{ role: 'counsellor', serviceId: b.id }]);
    const counsellorC = await t.as([{ role: 'counsellor', serviceId: c.id }]);
    await presence(t, counsellorB, b.id);
    await presence(t, counsellorC, c.id);
    await arrive(t, a.id);
    await advance(t, 119_000);
    expect((await workstation(t, counsellorB)).offers).toEqual([]);
    await advance(t, 1_000);
    expect((await workstation(t, counsellorB)).offers).toHaveLength(1);
    expect((await workstation(t, counsellorC)).offers).toEqual([]);
  });

  it("offers a caller's next contact to the care plan's counsellor first, though another has been idle longer; audited", async () => {
    const s = await t.service();
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const idleLonger = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const preferred = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    // The caller's first contact, answered by the preferred counsellor while the other was not on duty.
    await presence(t, preferred, s.id);
    const first = await arrive(t, s.id, { channel: 'voice', caller: { kind: 'phone', value: '+7 (912) 345-67-89' } });
    await ok(accept(t, preferred, (await theOffer(t, preferred)).id));
    await presence(t, idleLonger, s.id);
    await advance(t, 60_000);
    await ok(onContact(t, preferred, first, 'end'));
    await ok(onContact(t, preferred, first, 'complete'));

    const plan = await ok<{ id: string; preferredStaffId: string; fromContactId: string }>(
      t.request(supervisor, 'POST', `/api/routing/services/${s.id}/care-plans`, { contactId: first, preferredStaffId: preferred.userId }),
      201,
    );
    expect(plan).toMatchObject({ preferredStaffId: preferred.userId, fromContactId: first });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'care_plan.set')
      .where('target_id', '=', plan.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: supervisor.userId, target_type: 'care_plan' });
    expect(audit[0]!.details).toMatchObject({ fromContactId: first, preferredStaffId: preferred.userId });
    const listed = await ok<{ items: { id: string }[] }>(t.request(supervisor, 'GET', `/api/routing/services/${s.id}/care-plans`));
    expect(listed.items.map((p) => p.id)).toEqual([plan.id]);

    // The same number written another way is the same caller.
    const second = await arrive(t, s.id, { channel: 'voice', caller: { kind: 'phone', value: '8 912 345 67 89' } });
    const offer = await theOffer(t, preferred);
    expect(offer).toMatchObject({ kind: 'careplan', contact: { id: second, carePlan: true } });
    expect((await workstation(t, idleLonger)).offers).toEqual([]);
    // Another caller's contact goes, as usual, to the counsellor idle longest.
    const other = await arrive(t, s.id, { channel: 'voice', caller: { kind: 'phone', value: '+7 912 000-00-00' } });
    expect((await theOffer(t, idleLonger)).contact.id).toBe(other);
  });

  it('a care plan needs a contact with a caller and a counsellor of the service', async () => {
    const [s, elsewhere] = [await t.service(), await t.service()];
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const counsellor = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const outsider = await t.user([{ role: 'counsellor', serviceId: elsewhere.id }]);
    const anonymous = await arrive(t, s.id);
    const known = await arrive(t, s.id, { caller: { kind: 'telegram', value: '@some_child' } });
    const url = `/api/routing/services/${s.id}/care-plans`;
    const post = (contactId: string, preferredStaffId: string) => t.request(supervisor, 'POST', url, { contactId, preferredStaffId });
    expect((await post(anonymous, counsellor.userId)).json().code).toBe('routing.no_caller_key');
    expect((await post(known, outsider.id)).json().code).toBe('staff.not_found');
    expect(await t.db.selectFrom('care_plans').selectAll().where('service_id', '=', s.id).execute()).toEqual([]);
    await ok(post(known, counsellor.userId), 201);
  });
});
