// Moving a call on the phone line (the edge's REFER; the real SIP path is test/voice/e2e/phone-transfer):
// the transfer URI is signed, so nobody can make up a call into a counsellor's hands; a caller's side that
// does not accept REFER, or an edge that cannot be reached, leaves the call where it was with a clear code;
// a transfer the edge takes makes the new contact, whose call is routed to the target and followed on its
// own (the end of the first call closes nothing of it); a transfer the edge refuses withdraws it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { contactIdOfCall, contactOfTransferUser, transferUserOf } from '../../src/domain/voice/callIds.js';
import { sipUserOf } from '../../src/domain/voice/sipUsers.js';
import { VoiceNumbers } from '../../src/domain/voice/voiceNumbers.js';
import { VoiceService, type EdgeControl } from '../../src/domain/voice/voiceService.js';
import type { SignedIn } from '../helpers/testApp.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { outcome, presence } from '../routing/routingApi.js';
import { event, registered, route, serviceWithNumber, voiceConfig } from './voiceApi.js';

describe('transfer URIs', () => {
  const pepper = Buffer.alloc(32, 7);
  const id = randomUUID();
  it('name the contact they were made for, and nothing else', () => {
    const user = transferUserOf(pepper, id);
    expect(user).toMatch(/^xfer-[0-9a-f]{32}-[A-Za-z0-9_-]{16}$/);
    expect(contactOfTransferUser(pepper, user)).toBe(id);
    expect(contactOfTransferUser(Buffer.alloc(32, 8), user)).toBeNull();
    expect(contactOfTransferUser(pepper, transferUserOf(pepper, randomUUID()).slice(0, 38) + user.slice(38))).toBeNull();
    for (const bad of ['', 'xfer-', `${user}x`, user.replace('xfer-', 'xfer_'), '78001234567']) {
      expect(contactOfTransferUser(pepper, bad)).toBeNull();
    }
  });
});

describe.each(DATABASES)('moving a call on the line on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind, { voice: voiceConfig() });
  });
  afterAll(() => t.close());

  const pepper = () => t.config.secrets.hmacPepper;
  const contact = (id: string) => t.db.selectFrom('routing_contacts').selectAll().where('id', '=', id).executeTakeFirst();

  async function counsellorWithPhone(serviceId: string, role: 'counsellor' | 'supervisor' = 'counsellor'): Promise<SignedIn> {
    const c = await t.as([{ role, serviceId }]);
    await registered(t, c.userId);
    await presence(t, c, serviceId);
    return c;
  }

  /** A call answered by `c`: its Call-ID and contact id. */
  async function answeredCall(number: string, c: SignedIn) {
    const callId = `${randomUUID()}@trunk`;
    expect(await route(t, { callId, to: number })).toMatchObject({ action: 'route', target: sipUserOf(c.userId) });
    await event(t, { event: 'answered', callId, target: sipUserOf(c.userId) });
    const contactId = contactIdOfCall(pepper(), callId);
    expect(await contact(contactId)).toMatchObject({ state: 'active', staff_id: c.userId });
    return { callId, contactId };
  }

  function voiceWith(edge: Partial<EdgeControl>, errors: unknown[] = []): VoiceService {
    return new VoiceService({
      db: t.db,
      routing: t.routing,
      pepper: pepper(),
      clock: t.clock.now,
      numbers: new VoiceNumbers(t.db),
      settings: { greetingUri: null, holdUri: null, greetingSeconds: 10, holdSeconds: 5 },
      edge: {
        registrations: async () => [],
        dialogs: async () => [],
        endDialog: async () => {},
        transfer: async () => {},
        contactsOf: async () => [],
        removeContact: async () => {},
        ...edge,
      },
      phone: {
        wsUrl: 'ws://127.0.0.1:5066',
        realm: '127.0.0.1',
        credentialSecret: 'x'.repeat(32),
        credentialTtlSeconds: 60,
        transferHost: '10.0.0.1:5060',
      },
      onError: (err) => errors.push(err),
    });
  }
  const dialogOf = (callId: string, referable: boolean) => ({ callId, hEntry: 1, hId: 2, state: 4, fromTag: 'ft', toTag: 'tt', referable });
  const toTarget = (staffId: string) => ({
    type: 'transfer' as const,
    target: { kind: 'counsellor' as const, staffId },
    note: null,
    newContactId: randomUUID(),
  });
  const actorOf = (who: SignedIn, serviceId: string) => ({ userId: who.userId, grants: [{ role: 'supervisor' as const, serviceId }] });
  const codeOf = async (p: Promise<unknown>) =>
    p.then(
      () => 'none',
      (e: unknown) => (isAppError(e) ? e.code : String(e)),
    );

  it('a made-up or unknown transfer URI is refused (404) and opens nothing', async () => {
    const callId = randomUUID();
    const forged = transferUserOf(Buffer.alloc(32, 1), randomUUID());
    expect(await route(t, { callId, to: forged })).toEqual({ action: 'reject', code: 404, reason: 'Not Found' });
    const unknown = transferUserOf(pepper(), randomUUID());
    expect(await route(t, { callId, to: unknown })).toEqual({ action: 'reject', code: 404, reason: 'Not Found' });
    expect(
      await t.db.selectFrom('voice_calls').select('contact_id').where('contact_id', '=', contactIdOfCall(pepper(), callId)).execute(),
    ).toEqual([]);
  });

  it('with the edge out of reach the transfer is refused (503) and the call stays with its counsellor', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const { contactId } = await answeredCall(s.number, c);
    const sup = await counsellorWithPhone(s.id, 'supervisor');
    const res = await t.request(sup, 'POST', `/api/routing/contacts/${contactId}/transfer`, {
      commandId: randomUUID(),
      target: { kind: 'counsellor', staffId: sup.userId },
    });
    expect(outcome(res)).toEqual({ status: 503, code: 'voice.edge_unavailable' });
    expect(await contact(contactId)).toMatchObject({ state: 'active', staff_id: c.userId });
    // An outsider is told nothing about it, before the edge is asked anything.
    const other = await t.as([{ role: 'supervisor', serviceId: (await t.service()).id }]);
    const outsider = await t.request(other, 'POST', `/api/routing/contacts/${contactId}/transfer`, {
      commandId: randomUUID(),
      target: { kind: 'supervisor' },
    });
    expect(outcome(outsider)).toEqual({ status: 404, code: 'routing.contact_not_found' });
  });

  it('a caller’s side that does not accept REFER: 409, nothing moves', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const { callId, contactId } = await answeredCall(s.number, c);
    const sup = await counsellorWithPhone(s.id, 'supervisor');
    let asked = 0;
    const voice = voiceWith({ dialogs: async () => [dialogOf(callId, false)], transfer: async () => void asked++ });
    expect(await codeOf(voice.transfer(actorOf(sup, s.id), contactId, toTarget(sup.userId), { commandId: randomUUID() }))).toBe(
      'voice.transfer_unsupported',
    );
    expect(asked).toBe(0);
    expect(await contact(contactId)).toMatchObject({ state: 'active', staff_id: c.userId });
  });

  it('the edge refers the caller to the new contact’s URI; that call rings the target, and the first call’s end leaves it be', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const { callId, contactId } = await answeredCall(s.number, c);
    const sup = await counsellorWithPhone(s.id, 'supervisor');
    const asked: { callId: string; fromTag: string; toTag: string; referTo: string }[] = [];
    const voice = voiceWith({ dialogs: async () => [dialogOf(callId, true)], transfer: async (req) => void asked.push(req) });
    const what = toTarget(sup.userId);
    expect(await voice.transfer(actorOf(sup, s.id), contactId, what, { commandId: randomUUID() })).not.toBeNull();
    const user = transferUserOf(pepper(), what.newContactId);
    expect(asked).toEqual([{ callId, fromTag: 'ft', toTag: 'tt', referTo: `sip:${user}@10.0.0.1:5060` }]);
    expect(await contact(contactId)).toMatchObject({ state: 'transferred' });
    expect(await contact(what.newContactId)).toMatchObject({ state: 'offered', origin: 'transfer', transferred_from: contactId });

    // The counsellor's side is hung up by the edge; the caller's side calls the transfer URI.
    await event(t, { event: 'ended', callId, target: sipUserOf(c.userId), by: 'system', talkSeconds: 30 });
    const second = `${randomUUID()}@trunk`;
    expect(await route(t, { callId: second, to: user })).toMatchObject({ action: 'route', target: sipUserOf(sup.userId) });
    await event(t, { event: 'answered', callId: second, target: sipUserOf(sup.userId) });
    expect(await contact(what.newContactId)).toMatchObject({ state: 'active', staff_id: sup.userId });
    // Another call naming the same URI (a replay) is refused; the transfer's call goes on.
    expect(await route(t, { callId: randomUUID(), to: user })).toEqual({ action: 'reject', code: 403, reason: 'Forbidden' });
    expect(await contact(what.newContactId)).toMatchObject({ state: 'active', staff_id: sup.userId });
    await event(t, { event: 'ended', callId: second, target: sipUserOf(sup.userId), by: 'caller', talkSeconds: 20 });
    expect((await contact(what.newContactId))?.state).not.toBe('active');
  });

  it('a transfer the edge does not take: 502, and the contact no call will reach is withdrawn', async () => {
    const s = await serviceWithNumber(t);
    const c = await counsellorWithPhone(s.id);
    const { callId, contactId } = await answeredCall(s.number, c);
    const sup = await counsellorWithPhone(s.id, 'supervisor');
    const errors: unknown[] = [];
    const voice = voiceWith(
      {
        dialogs: async () => [dialogOf(callId, true)],
        transfer: async () => {
          throw new Error('HTTP 503');
        },
      },
      errors,
    );
    const what = toTarget(sup.userId);
    expect(await codeOf(voice.transfer(actorOf(sup, s.id), contactId, what, { commandId: randomUUID() }))).toBe('voice.transfer_failed');
    expect(errors).toHaveLength(1);
    await t.routing.settled();
    expect((await contact(what.newContactId))?.state).toBe('abandoned');
  });
});
