// A channel may resend an arrival at any time (lost answer, restart of the edge). The same contact
// id never starts a contact twice, even after the engine has forgotten the closed contact.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';

const TOKEN = 'ingress-token-for-tests-0123456789abcdef';

describe.each(DATABASES)('ingress retries on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  const ingress = (url: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${TOKEN}` }, ...(payload ? { payload } : {}) });

  it('answers a resent arrival of a contact that ended hours ago with its final state', async () => {
    const s = await t.service();
    const contactId = randomUUID();
    const first = await ingress('/api/routing/ingress/contacts', { contactId, serviceId: s.id, channel: 'chat' });
    expect(first.statusCode).toBe(201);
    expect((await ingress(`/api/routing/ingress/contacts/${contactId}/caller-left`)).json()).toEqual({ state: 'abandoned' });
    // Two hours and another contact later, the engine no longer holds the closed contact in memory.
    t.clock.advance(2 * 60 * 60 * 1000);
    await ingress('/api/routing/ingress/contacts', { contactId: randomUUID(), serviceId: s.id, channel: 'chat' });
    expect(t.routing.engine.state.closedContacts.has(contactId)).toBe(false);
    const again = await ingress('/api/routing/ingress/contacts', { contactId, serviceId: s.id, channel: 'chat' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ contact: null, state: 'abandoned' });
    const arrived = await t.db
      .selectFrom('routing_events')
      .select('type')
      .where('contact_id', '=', contactId)
      .where('type', '=', 'contact.arrived')
      .execute();
    expect(arrived).toHaveLength(1);
  });

  it('refuses a contact id already used by another service', async () => {
    const a = await t.service();
    const b = await t.service();
    const contactId = randomUUID();
    expect((await ingress('/api/routing/ingress/contacts', { contactId, serviceId: a.id, channel: 'chat' })).statusCode).toBe(201);
    const clash = await ingress('/api/routing/ingress/contacts', { contactId, serviceId: b.id, channel: 'chat' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('routing.contact_exists');
  });
});
