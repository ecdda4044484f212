// The phone line's call control against the routing engine, through the edge's own requests
// (route requests and events exactly as Kamailio sends them), on both databases.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerKey } from '../../src/domain/privacy/callerKey.js';
import { contactIdOfCall } from '../../src/domain/voice/callIds.js';
import { sipUserOf } from '../../src/domain/voice/sipUsers.js';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { advance, arrive, eventsOf, onContact, presence, TOKEN, workstation } from '../routing/routingApi.js';
import { event, GREETING, HOLD, registered, route, serviceWithNumber, voiceConfig, VOICE_TOKEN } from './voiceApi.js';

describe.each(DATABASES)('phone calls through the routing engine on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { voice: voiceConfig(), ingressToken: TOKEN });
  });
  afterAll(() => t.close());

  const contactOf = (callId: string) => contactIdOfCall(t.config.secrets.hmacPepper, callId);
  const contactRow = (callId: string) =>
    t.db.selectFrom('routing_contacts').selectAll().where('id', '=', contactOf(callId)).executeTakeFirst();
  const callFacts = async (who: SignedIn, callId: string) => {
    const res = await t.request(who, 'GET', `/api/voice/calls/${contactOf(callId)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };

  /** A counsellor on duty with a registered phone. */
  async function counsellorWithPhone(serviceId: string): Promise<SignedIn> {
    const c = await t.as([{ role: 'counsellor', serviceId }]);
    await registered(t, c.userId);
    await presence(t, c, serviceId);
    return c;
  }

  it('a call to an unknown number is refused with 404 and routes nothing', async () => {
    expect(await route(t, { callId: randomUUID(), to: '79990000000' })).toEqual({ action: 'reject', code: 404, reason: 'Not Found' });
  });

  it('rings the counsellor the engine offers it to, for what is left of the offer; answered → active, hung up → wrap-up', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const callId = `${randomUUID()}@trunk`;
    const answer = await route(t, { callId, to: s.number });
    expect(answer).toEqual({ action: 'route', target: sipUserOf(c.userId), timeout: 20 });
    expect((await workstation(t, c)).offers.map((o) => o.contact.id)).toEqual([contactOf(callId)]);
    await event(t, { event: 'ringing', callId, target: sipUserOf(c.userId), attempt: 1 });
    t.clock.advance(4_000);
    await event(t, { event: 'answered', callId, target: sipUserOf(c.userId) });
    expect((await contactRow(callId))?.state).toBe('active');
    expect((await contactRow(callId))?.staff_id).toBe(c.userId);
    t.clock.advance(60_000);
    await event(t, { event: 'ended', callId, target: sipUserOf(c.userId), by: 'caller', talkSeconds: 60 });
    expect((await contactRow(callId))?.state).toBe('wrapup');
    expect(await eventsOf(t, contactOf(callId))).toEqual(['contact.arrived', 'offer.created', 'contact.accepted', 'contact.ended']);
    expect(await callFacts(supervisor, callId)).toMatchObject({
      ringMs: 4_000,
      talkMs: 60_000,
      waitMs: 4_000,
      outcome: 'answered',
      endedBy: 'caller',
    });
  });

  it('no answer: the counsellor goes to "not responding" and the call rings the next one', async () => {
    const s = await serviceWithNumber(t);
    const first = await counsellorWithPhone(s.id);
    t.clock.advance(1_000); // the second has waited less: the first is offered first
    const second = await counsellorWithPhone(s.id);
    const callId = randomUUID();
    expect(await route(t, { callId, to: s.number })).toMatchObject({ action: 'route', target: sipUserOf(first.userId) });
    t.clock.advance(19_000);
    const next = await route(t, { callId, to: s.number, attempt: 2, lastTarget: sipUserOf(first.userId), lastCode: 408 });
    expect(next).toMatchObject({ action: 'route', target: sipUserOf(second.userId) });
    expect((await workstation(t, first)).presence).toBe('not_responding');
  });

  it('busy or refused on the phone: declined, and the call rings the next counsellor', async () => {
    const s = await serviceWithNumber(t);
    const first = await counsellorWithPhone(s.id);
    t.clock.advance(1_000);
    const second = await counsellorWithPhone(s.id);
    const callId = randomUUID();
    await route(t, { callId, to: s.number });
    const next = await route(t, { callId, to: s.number, attempt: 2, lastTarget: sipUserOf(first.userId), lastCode: 486 });
    expect(next).toMatchObject({ action: 'route', target: sipUserOf(second.userId) });
    expect((await workstation(t, first)).presence).toBe('available');
    expect(await eventsOf(t, contactOf(callId))).toEqual(['contact.arrived', 'offer.created', 'offer.closed', 'offer.created']);
  });

  it('nobody with a phone: the caller hears the greeting, then hold audio; a phone that registers gets the call', async () => {
    const s = await serviceWithNumber(t);
    const c = await t.as([{ role: 'counsellor', serviceId: s.id }]);
    await presence(t, c, s.id); // on duty, but no phone registered: never rung
    const callId = randomUUID();
    expect(await route(t, { callId, to: s.number })).toEqual({ action: 'queue', target: GREETING, timeout: 10 });
    t.clock.advance(10_000);
    expect(await route(t, { callId, to: s.number, attempt: 2, lastTarget: GREETING, lastCode: 408 })).toEqual({
      action: 'queue',
      target: HOLD,
      timeout: 5,
    });
    await registered(t, c.userId);
    expect(await route(t, { callId, to: s.number, attempt: 3, lastTarget: HOLD, lastCode: 408 })).toMatchObject({
      action: 'route',
      target: sipUserOf(c.userId),
    });
    expect(await eventsOf(t, contactOf(callId))).toEqual(['contact.arrived', 'contact.greeting_done', 'offer.created']);
  });

  it("rolls over to a partner service's counsellor with a phone after the partner time, and is counted as answered by the partner", async () => {
    const home = await serviceWithNumber(t);
    const partner = await t.service();
    await t.db
      .updateTable('services')
      .set({ settings: JSON.stringify({ partnerServiceIds: [partner.id], partnerAfterSeconds: 30 }) })
      .where('id', '=', home.id)
      .execute();
    await t.routing.reloadSettings(home.id);
    const p = await counsellorWithPhone(partner.id);
    const callId = randomUUID();
    expect(await route(t, { callId, to: home.number })).toMatchObject({ action: 'queue', target: GREETING });
    await advance(t, 31_000);
    expect(await route(t, { callId, to: home.number, attempt: 2, lastTarget: GREETING, lastCode: 408 })).toMatchObject({
      action: 'route',
      target: sipUserOf(p.userId),
    });
    await event(t, { event: 'answered', callId, target: sipUserOf(p.userId) });
    expect(await contactRow(callId)).toMatchObject({ state: 'active', service_id: home.id, answered_by_service_id: partner.id });
  });

  it('a counsellor on a call gets no chat offer (voice blocks text), and gets it once the call is over', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const callId = randomUUID();
    await route(t, { callId, to: s.number });
    await event(t, { event: 'answered', callId, target: sipUserOf(c.userId) });
    const chat = await arrive(t, s.id);
    expect((await workstation(t, c)).offers).toEqual([]);
    await event(t, { event: 'ended', callId, target: sipUserOf(c.userId), by: 'caller', talkSeconds: 30 });
    await onContact(t, c, contactOf(callId), 'complete');
    expect((await workstation(t, c)).offers.map((o) => o.contact.id)).toEqual([chat]);
  });

  it('a counsellor whose phone the edge cannot find (480) is declined and not rung again until the phone registers', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const callId = randomUUID();
    expect(await route(t, { callId, to: s.number })).toMatchObject({ action: 'route', target: sipUserOf(c.userId) });
    expect(await route(t, { callId, to: s.number, attempt: 2, lastTarget: sipUserOf(c.userId), lastCode: 480 })).toMatchObject({
      action: 'queue',
    });
    await advance(t, 300_000); // past the decline's cooldown: still not rung, for want of a phone
    expect(await route(t, { callId, to: s.number, attempt: 3, lastTarget: GREETING, lastCode: 408 })).toMatchObject({ action: 'queue' });
    await registered(t, c.userId);
    expect(await route(t, { callId, to: s.number, attempt: 4, lastTarget: HOLD, lastCode: 408 })).toMatchObject({
      action: 'route',
      target: sipUserOf(c.userId),
    });
  });

  it('a phone that unregisters is no longer rung', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    await registered(t, c.userId, 0);
    expect(await route(t, { callId: randomUUID(), to: s.number })).toMatchObject({ action: 'queue', target: GREETING });
  });

  it('the caller hangs up while queued (before and after the greeting) or while ringing: abandoned with its stage', async () => {
    const s = await serviceWithNumber(t);
    const supervisor = await t.as([{ role: 'supervisor', serviceId: s.id }]);
    const early = randomUUID();
    await route(t, { callId: early, to: s.number });
    await event(t, { event: 'abandoned', callId: early, target: GREETING, attempt: 1 });
    expect(await contactRow(early)).toMatchObject({ state: 'abandoned', abandoned_stage: 'queued', after_greeting: false });

    const late = randomUUID();
    await route(t, { callId: late, to: s.number });
    await route(t, { callId: late, to: s.number, attempt: 2, lastTarget: GREETING, lastCode: 408 });
    await event(t, { event: 'abandoned', callId: late, target: HOLD, attempt: 2 });
    expect(await contactRow(late)).toMatchObject({ state: 'abandoned', abandoned_stage: 'queued', after_greeting: true });

    const c = await counsellorWithPhone(s.id);
    const ringing = randomUUID();
    await route(t, { callId: ringing, to: s.number });
    await event(t, { event: 'ringing', callId: ringing, target: sipUserOf(c.userId), attempt: 1 });
    t.clock.advance(3_000);
    await event(t, { event: 'abandoned', callId: ringing, target: sipUserOf(c.userId), attempt: 1 });
    expect(await contactRow(ringing)).toMatchObject({ state: 'abandoned', abandoned_stage: 'offered' });
    expect(await callFacts(supervisor, ringing)).toMatchObject({
      outcome: 'abandoned',
      abandonedStage: 'ringing',
      ringMs: 3_000,
      talkMs: null,
    });
    expect((await workstation(t, c)).offers).toEqual([]);
  });

  it('events are idempotent and their order does not matter: an end that arrives before the answer still ends the call', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const callId = randomUUID();
    await route(t, { callId, to: s.number });
    const answered = {
      id: `${callId}:answered`,
      event: 'answered',
      callId,
      target: sipUserOf(c.userId),
      ts: t.clock.now().getTime() + 2_000,
    };
    await event(t, {
      id: `${callId}:ended`,
      event: 'ended',
      callId,
      target: sipUserOf(c.userId),
      by: 'counsellor',
      talkSeconds: 7,
      ts: t.clock.now().getTime() + 9_000,
    });
    expect(await event(t, answered)).toBe(false);
    expect(await event(t, answered)).toBe(true);
    expect(await eventsOf(t, contactOf(callId))).toEqual(['contact.arrived', 'offer.created', 'contact.accepted', 'contact.ended']);
    expect((await contactRow(callId))?.state).toBe('wrapup');
    expect(await callFacts(await t.as([{ role: 'supervisor', serviceId: s.id }]), callId)).toMatchObject({
      talkMs: 7_000,
      endedBy: 'counsellor',
    });
  });

  it('a call answered after its offer lapsed in the engine is still with the counsellor who picked up', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const callId = randomUUID();
    await route(t, { callId, to: s.number });
    await advance(t, 21_000); // the engine's deadline passed first
    await event(t, { event: 'answered', callId, target: sipUserOf(c.userId) });
    expect(await contactRow(callId)).toMatchObject({ state: 'active', staff_id: c.userId });
  });

  it("the edge's caller key is the caller key of that number, so care plans and repeat callers find it", async () => {
    const s = await serviceWithNumber(t);
    const key = callerKey(t.config.secrets.hmacPepper, 'phone', '8 (916) 123-45-67');
    const callId = randomUUID();
    await route(t, { callId, to: s.number, caller: key });
    expect((await contactRow(callId))?.caller_key).toBe(key);
  });

  it('a route request asked again (a retry after a restart) finds the same contact and routes nothing twice', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const callId = randomUUID();
    const first = await route(t, { callId, to: s.number });
    t = await t.restart();
    expect(await route(t, { callId, to: s.number })).toEqual(first);
    expect(await eventsOf(t, contactOf(callId))).toEqual(['contact.arrived', 'offer.created']);
    expect((await workstation(t, c)).offers).toHaveLength(1);
  });

  it('a call whose row cannot be written is refused and does not stay in the queue (the row and the arrival are written side by side)', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    // This service's call rows fail to be written (a database refusing one statement).
    await sql`create function refuse_call() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`.execute(
      t.db,
    );
    await sql
      .raw(
        `create trigger refuse_call before insert on voice_calls for each row when (new.service_id = '${s.id}') execute function refuse_call()`,
      )
      .execute(t.db);
    try {
      const callId = randomUUID();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/voice/route',
        headers: { authorization: `Bearer ${VOICE_TOKEN}` },
        payload: { callId, to: s.number, caller: '', attempt: 1, lastTarget: '', lastCode: 0 },
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      // The arrival was written with the row's failed insert beside it: the caller is recorded as gone at once.
      await t.routing.settled();
      expect(await eventsOf(t, contactOf(callId))).toEqual(['contact.arrived', 'offer.created', 'offer.closed', 'contact.abandoned']);
      expect((await workstation(t, c)).offers).toEqual([]);
    } finally {
      await sql`drop trigger refuse_call on voice_calls`.execute(t.db);
      await sql`drop function refuse_call()`.execute(t.db);
    }
  });

  it('without the token, or with telephony off, the edge routes answer 401 / 404 and change nothing', async () => {
    const s = await serviceWithNumber(t);
    const callId = randomUUID();
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/voice/route',
      payload: { callId, caller: '', to: s.number, attempt: 1 },
    });
    expect([noToken.statusCode, noToken.json().code]).toEqual([401, 'auth.unauthenticated']);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/voice/events',
      headers: { authorization: 'Bearer nope' },
      payload: { id: 'x', event: 'ended', callId, ts: 1 },
    });
    expect(wrong.statusCode).toBe(401);
    expect(await contactRow(callId)).toBeUndefined();
    const off = await TestApp.start(kind, {});
    try {
      const res = await off.app.inject({
        method: 'POST',
        url: '/api/voice/route',
        payload: { callId, caller: '', to: s.number, attempt: 1 },
      });
      expect([res.statusCode, res.json().code]).toEqual([404, 'voice.disabled']);
      const elsewhere = await off.service();
      const status = await off.request(await off.as([{ role: 'counsellor', serviceId: elsewhere.id }]), 'GET', '/api/voice/status');
      expect(status.json()).toEqual({ configured: false, reason: 'not_configured' });
    } finally {
      await off.app.close();
    }
  });
});
