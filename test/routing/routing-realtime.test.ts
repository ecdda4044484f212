// Routing over the WebSocket: an offer reaches the counsellor it is made to on their `user:` topic,
// only once its event is committed to the log (never while the write is held up), and no other
// counsellor hears it; a service's live board is followed on `board:<id>`, by its supervisors only.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { connectWs } from '../helpers/wsClient.js';
import { arrive, presence, TOKEN } from './routingApi.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DATABASES)('routing realtime on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  it("delivers an offer on the counsellor's user topic only after its event is committed, and to no other counsellor", async () => {
    const s = await t.service();
    const c1 = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const c2 = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await presence(t, c1, s.id);
    await presence(t, c2, s.id);
    // When the offer message arrives, look at the log at once.
    const contactId = randomUUID();
    const rowsAtArrival: Promise<number>[] = [];
    const onMessage = (m: Record<string, unknown>) => {
      if (m.name === 'routing.offer')
        rowsAtArrival.push(
          t.db
            .selectFrom('routing_events')
            .select('seq')
            .where('contact_id', '=', contactId)
            .where('type', '=', 'offer.created')
            .execute()
            .then((r) => r.length),
        );
    };
    const ws1 = await connectWs(t, c1, onMessage);
    const ws2 = await connectWs(t, c2, onMessage);

    // Hold the log's write up: a transaction that locks routing_events (on PGlite, any open transaction does).
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = t.db.transaction().execute(async (tx) => {
      await sql`lock table routing_events in exclusive mode`.execute(tx);
      locked();
      await new Promise<void>((r) => (release = r));
    });
    await isLocked;
    let answered = false;
    const arrival = t.routing
      .submit({
        command: {
          type: 'arrive',
          contactId,
          serviceId: s.id,
          channel: 'chat',
          attributes: { language: null, region: null, callerKey: null, skills: [] },
          risk: 'unknown',
          carePlan: null,
        },
        present: () => ({}),
      })
      .then(() => (answered = true));
    // The engine has decided (the offer is in memory) but the batch is not written: nobody hears of it.
    for (let i = 0; i < 200 && !t.routing.engine.state.contacts.get(contactId)?.offer; i++) await sleep(10);
    const offer = t.routing.engine.state.contacts.get(contactId)?.offer;
    expect(offer, 'the engine decided the offer').toBeTruthy();
    await sleep(200);
    expect([...ws1.events(), ...ws2.events()]).toEqual([]);
    expect(answered).toBe(false);

    release();
    await holder;
    await arrival;
    const [mine, other] = offer!.staffId === c1.userId ? [ws1, ws2] : [ws2, ws1];
    const message = await mine.waitFor((m) => m.name === 'routing.offer');
    expect(message).toMatchObject({
      type: 'event',
      topic: `user:${offer!.staffId}`,
      data: { id: offer!.id, kind: 'route', contact: { id: contactId, serviceId: s.id, state: 'offered' } },
    });
    expect(await Promise.all(rowsAtArrival)).toEqual([1]);
    await other.settle(200);
    expect(other.events(), 'the other counsellor hears nothing of the offer').toEqual([]);
    for (const c of [ws1, ws2]) c.ws.terminate();
  });

  it('publishes nothing for a command that is refused', async () => {
    const s = await t.service();
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const ws = await connectWs(t, c);
    const res = await t.request(c, 'POST', `/api/routing/offers/${randomUUID()}/accept`, { commandId: randomUUID() });
    expect(res.statusCode).toBe(404);
    await ws.settle(200);
    expect(ws.events()).toEqual([]);
    ws.ws.terminate();
  });

  it('a supervisor may follow the live board of their service and hears routing.board; a counsellor may not subscribe', async () => {
    const s = await t.service();
    const other = await t.service();
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const counsellor = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    const sup = await connectWs(t, supervisor);
    const cws = await connectWs(t, counsellor);
    expect(await cws.subscribe(`board:${s.id}`)).toMatchObject({ type: 'error', code: 'auth.forbidden', topic: `board:${s.id}` });
    expect(await sup.subscribe(`board:${other.id}`)).toMatchObject({ type: 'error', code: 'auth.forbidden' });
    expect(await sup.subscribe(`board:${s.id}`)).toEqual({ type: 'subscribed', topic: `board:${s.id}` });

    await presence(t, counsellor, s.id);
    expect(await sup.waitFor((m) => m.name === 'routing.board')).toEqual({
      type: 'event',
      topic: `board:${s.id}`,
      name: 'routing.board',
      data: { serviceId: s.id },
    });
    const before = sup.events('routing.board').length;
    await arrive(t, s.id);
    await sup.waitFor(() => sup.events('routing.board').length > before);
    // The counsellor hears their own offer and presence, never the board; the supervisor never the counsellor's offer.
    await cws.waitFor((m) => m.name === 'routing.offer');
    expect(cws.events('routing.board')).toEqual([]);
    expect(sup.events('routing.offer')).toEqual([]);
    // Activity in another service does not reach this board.
    const count = sup.events('routing.board').length;
    await arrive(t, other.id);
    await sup.settle(200);
    expect(sup.events('routing.board')).toHaveLength(count);
    for (const c of [sup, cws]) c.ws.terminate();
  });
});
