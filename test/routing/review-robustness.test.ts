// Review: odd input, memory and statistics. A transfer to a "partner" that is no service must be a
// clear refusal, not a failed batch that takes other staff's commands down with it; the writer's
// memory of command results must not grow for ever; a counsellor who moved to another service is
// not idle in the old one; a care plan does not hold a contact for a counsellor who cannot be
// offered it; and two channels racing with one contact id get a refusal, not the other's contact.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantsOf } from '../../src/domain/auth/sessions.js';
import { actOnContact, profileFor } from '../../src/domain/routing/live/routingCommands.js';
import { receiveContact } from '../../src/domain/routing/live/ingress.js';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { accept, advance, arrive, callerLeft, cmd, ok, onContact, outcome, presence, theOffer, TOKEN, workstation } from './routingApi.js';

describe.each(DATABASES)('review: routing robustness on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  async function settings(serviceId: string, s: Record<string, unknown>) {
    await t.db
      .updateTable('services')
      .set({ settings: JSON.stringify(s) })
      .where('id', '=', serviceId)
      .execute();
    await t.routing.reloadSettings(serviceId);
  }

  async function inHand(serviceId: string, who: SignedIn): Promise<string> {
    await presence(t, who, serviceId);
    const contactId = await arrive(t, serviceId, { channel: 'voice' });
    await ok(accept(t, who, (await theOffer(t, who)).id));
    return contactId;
  }

  it('a transfer to the queue of a partner id that is no service is 404 service.not_found, and fails no one else', async () => {
    const a = await t.service();
    await settings(a.id, { partnerServiceIds: [randomUUID()] });
    const bogus = t.routing.settingsOf(a.id).partnerServiceIds[0]!;
    const counsellor = await t.as([{ role: 'counsellor', serviceId: a.id }]);
    const contactId = await inHand(a.id, counsellor);

    const res = await onContact(t, counsellor, contactId, 'transfer', { ...cmd(), target: { kind: 'queue', serviceId: bogus } });
    expect(outcome(res)).toEqual({ status: 404, code: 'service.not_found' });

    // The same transfer in one batch with a colleague's command: the colleague's command goes through.
    const colleague = await t.as([{ role: 'counsellor', serviceId: a.id }]);
    const profile = await profileFor(t.db, { userId: colleague.userId, grants: await grantsOf(t.db, colleague.userId) }, a.id);
    const sender = { userId: counsellor.userId, grants: await grantsOf(t.db, counsellor.userId) };
    const onDuty = t.routing.submit({
      command: { type: 'setPresence', staffId: colleague.userId, presence: 'available', profile, by: colleague.userId },
      present: () => ({}),
    });
    const transfer = actOnContact(
      { db: t.db, routing: t.routing, clock: t.clock.now },
      sender,
      contactId,
      { type: 'transfer', target: { kind: 'queue', serviceId: bogus }, note: null, newContactId: randomUUID() },
      cmd(),
    );
    const [transferred, wentOnDuty] = await Promise.allSettled([transfer, onDuty]);
    expect({ transferred, wentOnDuty }).toMatchObject({
      transferred: { status: 'rejected', reason: { code: 'service.not_found' } },
      wentOnDuty: { status: 'fulfilled' },
    });
    expect((await workstation(t, colleague)).presence).toBe('available');
    expect((await workstation(t, counsellor)).contacts).toMatchObject([{ id: contactId, state: 'active' }]);
  });

  it('forgets command results after the 24 h it promises to remember them, in memory and in the log', async () => {
    const s = await t.service();
    const user = await t.user([{ role: 'counsellor', serviceId: s.id }]);
    let counsellor = await t.signIn(user);
    const first = cmd();
    await ok(t.request(counsellor, 'PUT', '/api/routing/workstation/presence', { ...first, serviceId: s.id, presence: 'available' }));
    const memory = (t.routing as unknown as { commands: Map<string, unknown> }).commands;
    expect(memory.has(first.commandId)).toBe(true);

    await advance(t, 25 * 3_600_000);
    counsellor = await t.signIn(user); // the session ended long ago
    await presence(t, counsellor, s.id, 'break');
    expect(memory.has(first.commandId), 'the writer still remembers a result from 25 h ago').toBe(false);
    const row = await t.db.selectFrom('routing_commands').select('command_id').where('command_id', '=', first.commandId).executeTakeFirst();
    expect(row, 'routing_commands keeps it for ever').toBeUndefined();

    // And the live writer answers as a restarted one would: the old id is a new command now.
    const again = await ok(
      t.request(counsellor, 'PUT', '/api/routing/workstation/presence', { ...first, serviceId: s.id, presence: 'available' }),
    );
    expect(again).toMatchObject({ presence: 'available' });
    expect((await workstation(t, counsellor)).presence).toBe('available');
  });

  it("a counsellor who moved to another service is not counted as available idle in the old one's occupancy", async () => {
    const [s, other] = [await t.service(), await t.service()];
    const head = await t.as([{ role: 'head', serviceId: s.id }]);
    const both = await t.as([
      { role: 'counsellor', serviceId: s.id },
      { role: 'counsellor', serviceId: other.id },
    ]);
    await presence(t, both, s.id);
    t.clock.advance(300_000);
    await presence(t, both, other.id);
    t.clock.advance(300_000);
    const stats = await ok<{ availableIdleSeconds: number }>(t.request(head, 'GET', `/api/routing/services/${s.id}/statistics?window=15m`));
    expect(stats.availableIdleSeconds, 'idle for S only while working for S').toBeCloseTo(300, 1);
    const headOther = await t.as([{ role: 'head', serviceId: other.id }]);
    const statsOther = await ok<{ availableIdleSeconds: number }>(
      t.request(headOther, 'GET', `/api/routing/services/${other.id}/statistics?window=15m`),
    );
    expect(statsOther.availableIdleSeconds).toBeCloseTo(300, 1);
  });

  it('a care plan does not hold a contact for a preferred counsellor who is on duty for another service', async () => {
    const [s, other] = [await t.service(), await t.service()];
    await settings(s.id, { carePlanSeconds: 120 });
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const preferred = await t.as([
      { role: 'counsellor', serviceId: s.id },
      { role: 'counsellor', serviceId: other.id },
    ]);
    const colleague = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const caller = { kind: 'phone', value: '+79990001122' };
    const first = await arrive(t, s.id, { caller });
    await ok(
      t.request(supervisor, 'POST', `/api/routing/services/${s.id}/care-plans`, { contactId: first, preferredStaffId: preferred.userId }),
      201,
    );
    await ok(t.request(supervisor, 'POST', `/api/routing/contacts/${first}/take`, cmd()));

    await presence(t, preferred, other.id);
    await presence(t, colleague, s.id);
    const next = await arrive(t, s.id, { caller });
    expect((await theOffer(t, colleague)).contact.id, 'offered at once to the counsellor who can take it').toBe(next);
  });

  it('a caller who hangs up after a transfer abandons the continuation (the channel only knows the first id)', async () => {
    const s = await t.service();
    const c1 = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const c2 = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const contactId = await inHand(s.id, c1);
    await ok(onContact(t, c1, contactId, 'transfer', { ...cmd(), target: { kind: 'queue', serviceId: s.id } }));
    t.clock.advance(10_000);
    const left = await t.app.inject({
      method: 'POST',
      url: `/api/routing/ingress/contacts/${contactId}/caller-left`,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(left.json()).toEqual({ state: 'abandoned' });
    const continuation = await t.db
      .selectFrom('routing_contacts')
      .selectAll()
      .where('transferred_from', '=', contactId)
      .executeTakeFirstOrThrow();
    expect(continuation).toMatchObject({ state: 'abandoned', abandoned_stage: 'queued' });
    await presence(t, c2, s.id);
    expect((await workstation(t, c2)).offers, 'nobody is offered a caller who has gone').toEqual([]);
    // Also after a restart (the engine rebuilt from the log follows the same chain).
    await presence(t, c1, s.id, 'offline');
    const other = await inHand(s.id, c2);
    await ok(onContact(t, c2, other, 'transfer', { ...cmd(), target: { kind: 'queue', serviceId: s.id } }));
    await t.routing.settled();
    await t.routing.rebuild();
    await ok(
      t.app.inject({
        method: 'POST',
        url: `/api/routing/ingress/contacts/${other}/caller-left`,
        headers: { authorization: `Bearer ${TOKEN}` },
      }),
    );
    const next = await t.db.selectFrom('routing_contacts').selectAll().where('transferred_from', '=', other).executeTakeFirstOrThrow();
    expect(next.state).toBe('abandoned');
  });

  it("a contact's language and skills as channels spell them (RU, ru-RU, Sign-Language) match the counsellors' profiles", async () => {
    const s = await t.service();
    const counsellor = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await t.db
      .insertInto('counsellor_profiles')
      .values({ staff_id: counsellor.userId, languages: ['ru'], skills: ['sign-language'], updated_at: t.clock.now() })
      .execute();
    await presence(t, counsellor, s.id);
    for (const extra of [{ language: 'RU' }, { language: 'ru-RU' }, { language: 'ru_RU', skills: ['Sign-Language'] }]) {
      const contactId = await arrive(t, s.id, extra);
      const offer = await theOffer(t, counsellor);
      expect(offer.contact.id, JSON.stringify(extra)).toBe(contactId);
      await ok(t.request(counsellor, 'POST', `/api/routing/offers/${offer.id}/decline`, cmd()));
      await callerLeft(t, contactId);
    }
  });

  it('two arrivals with one contact id for two services in one batch: the second is 409 routing.contact_exists', async () => {
    const [a, b] = [await t.service(), await t.service()];
    const deps = { routing: t.routing, clock: t.clock.now, pepper: t.config.secrets.hmacPepper };
    const contactId = randomUUID();
    const base = { contactId, channel: 'chat' as const, language: null, region: null, skills: [], risk: 'unknown' as const, caller: null };
    // Both services known to the writer first, so the two arrivals are submitted in this order with no read
    // in between (a new service is read on first use, and two such reads may finish in either order).
    await t.routing.facts.reloadService(a.id);
    await t.routing.facts.reloadService(b.id);
    const [first, second] = await Promise.allSettled([
      receiveContact(deps, { ...base, serviceId: a.id }),
      receiveContact(deps, { ...base, serviceId: b.id }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { contact: { id: contactId, serviceId: a.id } } });
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'routing.contact_exists' } });
  });
});
