// Durability and anonymity of routing over HTTP. Every acknowledged command's events are in the log
// when its response arrives; after a restart the workstations and the board are what they were, and
// an offer accepted before it is not offered again; a channel resending an arrival makes one contact.
// The caller's number handed to ingress is turned into the caller key and appears in no table and no
// log line.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { CLOSED_RETENTION_MS } from '../../src/domain/routing/state.js';
import {
  accept,
  board,
  cmd,
  eventsOf,
  ingress,
  ok,
  onContact,
  presence,
  theOffer,
  tick,
  TOKEN,
  workstation,
  written,
} from './routingApi.js';

describe.each(DATABASES)('routing durability on %s', (kind) => {
  const logLines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN }, { logLines });
  });
  afterAll(() => t.close());

  /** The types of the events logged under a command id, read the moment its response is in. */
  const loggedFor = async (commandId: string) =>
    (await t.db.selectFrom('routing_events').select('type').where('command_id', '=', commandId).orderBy('seq').execute()).map(
      (r) => r.type,
    );

  it("every acknowledged command's events are in routing_events when its response arrives", async () => {
    const s = await t.service();
    const [c1, c2] = [await t.as([{ role: 'counsellor', serviceId: s.id }]), await t.as([{ role: 'counsellor', serviceId: s.id }])];
    const step = async (
      who: SignedIn,
      method: 'PUT' | 'POST',
      url: string,
      body: Record<string, unknown>,
      types: string[],
      status = 200,
    ) => {
      const commandId = randomUUID();
      const res = await t.request(who, method, url, { commandId, ...body });
      expect(res.statusCode, res.body).toBe(status);
      expect({ url, logged: await loggedFor(commandId) }).toEqual({ url, logged: types });
      const stored = await t.db.selectFrom('routing_commands').select('command_id').where('command_id', '=', commandId).execute();
      expect(stored, 'the answer is kept for retries').toHaveLength(1);
      return res.json();
    };
    await step(c1, 'PUT', '/api/routing/workstation/presence', { serviceId: s.id, presence: 'available' }, ['presence.changed']);
    const contactId = randomUUID();
    const arrived = await ingress(t, { contactId, serviceId: s.id, channel: 'voice' });
    expect(arrived.statusCode).toBe(201);
    expect(await eventsOf(t, contactId)).toEqual(['contact.arrived', 'offer.created']);
    const offerId = (await theOffer(t, c1)).id;
    await step(c1, 'POST', `/api/routing/offers/${offerId}/accept`, {}, ['contact.accepted']);
    await step(c2, 'PUT', '/api/routing/workstation/presence', { serviceId: s.id, presence: 'available' }, ['presence.changed']);
    const moved = await step(
      c1,
      'POST',
      `/api/routing/contacts/${contactId}/transfer`,
      { target: { kind: 'counsellor', staffId: c2.userId } },
      ['contact.transferred', 'contact.arrived', 'offer.created'],
    );
    expect(moved.contacts).toEqual([]);
    const next = await theOffer(t, c2);
    await step(c2, 'POST', `/api/routing/offers/${next.id}/accept`, {}, ['contact.accepted']);
    await step(c2, 'POST', `/api/routing/contacts/${next.contact.id}/end`, {}, ['contact.ended']);
    await step(c2, 'POST', `/api/routing/contacts/${next.contact.id}/extend-wrap-up`, { seconds: 30 }, ['contact.wrapup_extended']);
    await step(c2, 'POST', `/api/routing/contacts/${next.contact.id}/complete`, {}, ['contact.completed']);
    await step(
      c1,
      'POST',
      `/api/routing/services/${s.id}/offline-contacts`,
      { channel: 'chat' },
      ['contact.arrived', 'contact.accepted'],
      201,
    );
    const rows = await t.db
      .selectFrom('routing_contacts')
      .select(['id', 'state'])
      .where('id', 'in', [contactId, next.contact.id])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.state]))).toEqual({ [contactId]: 'transferred', [next.contact.id]: 'completed' });
  });

  it('after a restart the workstations and the board are as they were, and an accepted offer is not offered again', async () => {
    const s = await t.service();
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const [c1, c2] = [await t.as([{ role: 'counsellor', serviceId: s.id }]), await t.as([{ role: 'counsellor', serviceId: s.id }])];
    await presence(t, c1, s.id);
    t.clock.advance(1_000);
    await presence(t, c2, s.id);
    const arriveVoice = async () => {
      const id = randomUUID();
      expect((await ingress(t, { contactId: id, serviceId: s.id, channel: 'voice', risk: 'moderate' })).statusCode).toBe(201);
      return id;
    };
    const accepted = await arriveVoice(); // offered to c1 (idle longest), accepted
    const acceptCommand = cmd();
    const acceptedOffer = (await theOffer(t, c1)).id;
    const acceptAnswer = await ok(accept(t, c1, acceptedOffer, acceptCommand));
    const pending = await arriveVoice(); // offered to c2, not yet answered
    const waiting = await arriveVoice(); // both busy: waits
    t.clock.advance(5_000);
    const screens = async () => ({ c1: await workstation(t, c1), c2: await workstation(t, c2), board: await board(t, supervisor, s.id) });
    const before = await screens();
    expect(before.c2.offers.map((o) => o.contact.id)).toEqual([pending]);
    expect(before.board).toMatchObject({ queue: { waiting: 2 } });
    const log = await written(t);

    t = await t.restart();
    expect(await screens()).toEqual(before);
    await tick(t);
    expect(await screens()).toEqual(before);
    expect(await written(t)).toEqual(log);
    expect(await eventsOf(t, accepted)).toEqual(['contact.arrived', 'offer.created', 'contact.accepted']);
    expect((await workstation(t, c1)).offers).toEqual([]);
    // The accept's answer survives the restart (a retry gets it again); the pending offer can still be accepted.
    expect(await ok(accept(t, c1, acceptedOffer, acceptCommand))).toEqual(acceptAnswer);
    await ok(accept(t, c2, before.c2.offers[0]!.id));
    await ok(onContact(t, c1, accepted, 'end'));
    expect(await eventsOf(t, waiting)).toEqual(['contact.arrived']);
  });

  it('an arrival resent by the channel (same contactId) makes one contact, also after the contact ended and after a restart', async () => {
    const s = await t.service();
    const other = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await presence(t, c, s.id);
    const payload = { contactId: randomUUID(), serviceId: s.id, channel: 'chat' };
    const first = await ingress(t, payload);
    const again = await ingress(t, payload);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json().contact.id).toBe(payload.contactId);
    const rows = () => t.db.selectFrom('routing_contacts').select(['id', 'state']).where('id', '=', payload.contactId).execute();
    expect(await rows()).toHaveLength(1);
    expect(await eventsOf(t, payload.contactId)).toEqual(['contact.arrived', 'offer.created']);
    expect((await ingress(t, { ...payload, serviceId: other.id })).json().code).toBe('routing.contact_exists');

    await ok(accept(t, c, (await theOffer(t, c)).id));
    await ok(onContact(t, c, payload.contactId, 'end'));
    await ok(onContact(t, c, payload.contactId, 'complete'));
    expect((await ingress(t, payload)).json()).toEqual({ contact: null, state: 'completed' });
    t = await t.restart();
    expect((await ingress(t, payload)).json()).toEqual({ contact: null, state: 'completed' });
    expect(await rows()).toEqual([{ id: payload.contactId, state: 'completed' }]);
    expect(await eventsOf(t, payload.contactId)).toEqual([
      'contact.arrived',
      'offer.created',
      'contact.accepted',
      'contact.ended',
      'contact.completed',
    ]);
  });

  // Either order in one batch: the same id for another service first made the engine refuse the resent arrival
  // before the log was asked (seen in CI); the refusal is now decided again once that arrival is taken out.
  for (const elsewhereFirst of [false, true]) {
    it(`an arrival resent after the engine forgot the contact is answered from the log, and the arrivals decided with it go on (${elsewhereFirst ? 'another service first' : 'resent first'})`, async () => {
      const s = await t.service();
      const other = await t.service();
      const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
      await presence(t, c, s.id);
      const payload = { contactId: randomUUID(), serviceId: s.id, channel: 'chat' };
      expect((await ingress(t, payload)).statusCode).toBe(201);
      await ok(accept(t, c, (await theOffer(t, c)).id));
      await ok(onContact(t, c, payload.contactId, 'end'));
      await ok(onContact(t, c, payload.contactId, 'complete'));
      // Longer ago than the engine remembers closed contacts; a restart then does not load it either.
      t.clock.advance(CLOSED_RETENTION_MS + 60_000);
      t = await t.restart();
      const fresh = { contactId: randomUUID(), serviceId: s.id, channel: 'chat' };
      // Sent together: one batch, in which the resent arrival must not stop the new one.
      const sends = [() => ingress(t, payload), () => ingress(t, fresh), () => ingress(t, { ...payload, serviceId: other.id })];
      const order = elsewhereFirst ? [2, 0, 1] : [0, 1, 2];
      const answers = await Promise.all(order.map((k) => sends[k]!()));
      const answerTo = (k: number) => answers[order.indexOf(k)]!;
      const [resent, next, elsewhere] = [answerTo(0), answerTo(1), answerTo(2)];
      expect(resent.json()).toEqual({ contact: null, state: 'completed' });
      expect(next.statusCode).toBe(201);
      expect(next.json().contact).toMatchObject({ id: fresh.contactId, state: 'offered' });
      expect(elsewhere.json().code).toBe('routing.contact_exists');
      expect(await eventsOf(t, payload.contactId)).toEqual([
        'contact.arrived',
        'offer.created',
        'contact.accepted',
        'contact.ended',
        'contact.completed',
      ]);
      expect(await eventsOf(t, fresh.contactId)).toEqual(['contact.arrived', 'offer.created']);
    });
  }

  it("the caller's number given to ingress appears in no routing table, care plan, audit row or log line", async () => {
    const s = await t.service();
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await presence(t, c, s.id);
    const arriveFrom = async (caller: { kind: string; value: string }) => {
      const contactId = randomUUID();
      expect((await ingress(t, { contactId, serviceId: s.id, channel: 'voice', caller })).statusCode).toBe(201);
      return contactId;
    };
    const first = await arriveFrom({ kind: 'phone', value: '+7 (916) 555-12-34' });
    await ok(accept(t, c, (await theOffer(t, c)).id));
    await ok(
      t.request(supervisor, 'POST', `/api/routing/services/${s.id}/care-plans`, { contactId: first, preferredStaffId: c.userId }),
      201,
    );
    await ok(onContact(t, c, first, 'end'));
    await ok(onContact(t, c, first, 'complete'));
    await arriveFrom({ kind: 'phone', value: '8 916 555 12 34' });
    await arriveFrom({ kind: 'telegram', value: '@secret_child_handle' });
    await ok(ingress(t, {}, `/api/routing/ingress/contacts/${first}/caller-left`));

    const dump: string[] = [];
    for (const table of ['routing_events', 'routing_contacts', 'routing_presence', 'routing_commands', 'care_plans', 'audit_log']) {
      const { rows } = await sql<{ j: string }>`select row_to_json(x)::text as j from ${sql.table(table)} x`.execute(t.db);
      dump.push(...rows.map((r) => r.j));
    }
    const everything = [...dump, ...logLines].join('\n');
    expect(dump.join('\n')).toContain(first); // the dump really holds the contacts
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of ['9165551234', '916) 555', '916 555', '555-12-34', '5551234', '555 12 34', 'secret_child_handle'])
      expect(everything.includes(secret), `"${secret}" is stored or logged`).toBe(false);
    const keys = await t.db.selectFrom('routing_contacts').select('caller_key').where('service_id', '=', s.id).execute();
    const phoneKeys = new Set(keys.map((k) => k.caller_key).filter((k) => k !== null));
    expect(phoneKeys.size, 'two spellings of one number and a telegram id: two keys').toBe(2);
  });
});
