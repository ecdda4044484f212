// When the log cannot be written, the batch is refused (503), nobody hears of it, and the engine is
// rebuilt from the log before it decides anything else: memory never runs ahead of the database.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { TestApp } from '../helpers/testApp.js';

const TOKEN = 'ingress-token-for-tests-0123456789abcdef';

describe.each(DATABASES)('a failed log write on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  const arrive = (serviceId: string, contactId = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/routing/ingress/contacts',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { contactId, serviceId, channel: 'voice' },
    });

  it('refuses the batch, publishes nothing, and forgets the decision', async () => {
    const s = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await t.request(c, 'PUT', '/api/routing/workstation/presence', { commandId: randomUUID(), serviceId: s.id, presence: 'available' });
    const heard: string[] = [];
    const stop = t.hub.listen((e) => heard.push(e.name));

    await sql`alter table routing_events rename to routing_events_away`.execute(t.db);
    const contactId = randomUUID();
    const refused = await arrive(s.id, contactId);
    await sql`alter table routing_events_away rename to routing_events`.execute(t.db);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().code).toBe('service.unavailable');
    expect(heard).toEqual([]);

    // The counsellor was never offered the refused contact, and stays free for the next one.
    const ws = (await t.request(c, 'GET', '/api/routing/workstation')).json();
    expect(ws.offers).toEqual([]);
    expect(await t.db.selectFrom('routing_contacts').select('id').where('id', '=', contactId).execute()).toEqual([]);

    // The channel retries with the same id: now it is taken, once.
    expect((await arrive(s.id, contactId)).statusCode).toBe(201);
    const after = (await t.request(c, 'GET', '/api/routing/workstation')).json();
    expect(after.offers.map((o: { contact: { id: string } }) => o.contact.id)).toEqual([contactId]);
    stop();
  });
});
