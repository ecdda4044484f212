import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';

const TOKEN = 'ingress-token-for-tests-0123456789abcdef';

describe.each(DATABASES)('routing over HTTP on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  const cmd = () => ({ commandId: randomUUID() });
  const arrive = (serviceId: string, extra: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/routing/ingress/contacts',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { contactId: randomUUID(), serviceId, channel: 'chat', ...extra },
    });
  const goOnDuty = (who: SignedIn, serviceId: string) =>
    t.request(who, 'PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId, presence: 'available' });

  it('offers an arriving contact to an available counsellor, who accepts, ends and completes it', async () => {
    const s = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    expect((await goOnDuty(c, s.id)).statusCode).toBe(200);
    const res = await arrive(s.id, { caller: { kind: 'phone', value: '+7 900 123-45-67' } });
    expect(res.statusCode).toBe(201);
    const ws = (await t.request(c, 'GET', '/api/routing/workstation')).json();
    expect(ws.offers).toHaveLength(1);
    const offerId = ws.offers[0].id;
    const accept = cmd();
    const accepted = await t.request(c, 'POST', `/api/routing/offers/${offerId}/accept`, accept);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().contacts[0].state).toBe('active');
    // The same command again: the same answer, nothing done twice.
    const again = await t.request(c, 'POST', `/api/routing/offers/${offerId}/accept`, accept);
    expect(again.json()).toEqual(accepted.json());
    const contactId = accepted.json().contacts[0].id;
    const ended = await t.request(c, 'POST', `/api/routing/contacts/${contactId}/end`, cmd());
    expect(ended.json().contacts[0].state).toBe('wrapup');
    const done = await t.request(c, 'POST', `/api/routing/contacts/${contactId}/complete`, cmd());
    expect(done.json().contacts).toEqual([]);
    const row = await t.db.selectFrom('routing_contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    expect(row.state).toBe('completed');
    expect(row.caller_key).not.toContain('900');
    const events = await t.db.selectFrom('routing_events').select('type').where('contact_id', '=', contactId).orderBy('seq').execute();
    expect(events.map((e) => e.type)).toEqual([
      'contact.arrived',
      'offer.created',
      'contact.accepted',
      'contact.ended',
      'contact.completed',
    ]);
  });

  it('rebuilds open contacts and presence after a restart', async () => {
    const s = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await goOnDuty(c, s.id);
    await arrive(s.id);
    const before = (await t.request(c, 'GET', '/api/routing/workstation')).json();
    t = await t.restart();
    const after = (await t.request(c, 'GET', '/api/routing/workstation')).json();
    expect(after).toEqual(before);
    const accepted = await t.request(c, 'POST', `/api/routing/offers/${before.offers[0].id}/accept`, cmd());
    expect(accepted.statusCode).toBe(200);
  });
});
