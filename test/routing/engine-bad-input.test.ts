// Malformed and out-of-order commands get a precise error code and change nothing; and the log of
// events rebuilds exactly the state the engine holds.
import { describe, expect, it } from 'vitest';
import { replay, RoutingState } from '../../src/domain/routing/state.js';
import { Harness, serialise } from './engineHarness.js';

function offered(): Harness {
  const h = new Harness();
  h.counsellor('x', { service: 'A' });
  h.counsellor('y', { service: 'A' });
  h.arrive('c1', 'A', { channel: 'voice' });
  return h;
}

describe('refused commands', () => {
  it('accept of an expired offer: routing.offer_closed', () => {
    const h = offered();
    const offer = h.offerOf('c1');
    h.advance(20);
    expect(h.offeredTo('c1')).toBe('y');
    h.expectRefused({ type: 'accept', offerId: offer.id, staffId: 'x' }, 'routing.offer_closed', { end: 'expired' });
  });

  it('accept after the deadline but before the tick that closes it: routing.offer_closed', () => {
    const h = offered();
    const offer = h.offerOf('c1');
    h.now += 20_000;
    h.expectRefused({ type: 'accept', offerId: offer.id, staffId: 'x' }, 'routing.offer_closed', { end: 'expired' });
  });

  it('double accept: the second is a no-op with no events', () => {
    const h = offered();
    const offer = h.offerOf('c1');
    h.accept('c1');
    const before = serialise(h.state);
    expect(h.run({ type: 'accept', offerId: offer.id, staffId: 'x' })).toEqual([]);
    expect(serialise(h.state)).toBe(before);
  });

  it("accept of someone else's offer: routing.offer_not_found", () => {
    const h = offered();
    h.expectRefused({ type: 'accept', offerId: h.offerOf('c1').id, staffId: 'y' }, 'routing.offer_not_found');
    h.expectRefused({ type: 'accept', offerId: 'no-such-offer', staffId: 'x' }, 'routing.offer_not_found');
  });

  it('decline of an accepted offer: routing.offer_closed', () => {
    const h = offered();
    const offer = h.offerOf('c1');
    h.accept('c1');
    h.expectRefused({ type: 'decline', offerId: offer.id, staffId: 'x' }, 'routing.offer_closed', { end: 'accepted' });
  });

  it('end of a queued or offered contact: routing.invalid_state', () => {
    const h = offered();
    h.arrive('c2', 'A', { channel: 'voice' });
    h.arrive('c3', 'A', { channel: 'voice' });
    expect(h.stateOf('c3')).toBe('queued');
    h.expectRefused({ type: 'end', contactId: 'c3', by: 'x' }, 'routing.invalid_state', { state: 'queued' });
    h.expectRefused({ type: 'end', contactId: 'c1', by: 'x' }, 'routing.invalid_state', { state: 'offered' });
  });

  it('transfer to an offline counsellor: routing.counsellor_unavailable', () => {
    const h = offered();
    h.accept('c1');
    h.presence('y', 'offline');
    const transfer = { type: 'transfer', contactId: 'c1', newContactId: 'c2', note: null, by: 'x' } as const;
    h.expectRefused({ ...transfer, target: { kind: 'counsellor', staffId: 'y' } }, 'routing.counsellor_unavailable');
    h.expectRefused({ ...transfer, target: { kind: 'counsellor', staffId: 'x' } }, 'routing.counsellor_unavailable');
    h.expectRefused({ ...transfer, target: { kind: 'counsellor', staffId: 'nobody' } }, 'routing.counsellor_unavailable');
  });

  it('commands about unknown or closed contacts', () => {
    const h = offered();
    h.run({ type: 'callerLeft', contactId: 'c1' });
    h.expectRefused({ type: 'end', contactId: 'c1', by: 'x' }, 'routing.contact_closed', { state: 'abandoned' });
    h.expectRefused({ type: 'assign', contactId: 'c1', staffId: 'x', by: 's' }, 'routing.contact_closed');
    h.expectRefused({ type: 'setRisk', contactId: 'nope', risk: 'high' }, 'routing.contact_not_found');
    h.expectRefused({ type: 'callerLeft', contactId: 'nope' }, 'routing.contact_not_found');
    expect(h.run({ type: 'callerLeft', contactId: 'c1' })).toEqual([]);
    expect(h.arrive('c1')).toEqual([]);
  });

  it('wrap-up commands out of order, and an extension past the limit', () => {
    const h = offered();
    h.expectRefused({ type: 'finishWrapUp', contactId: 'c1', by: 'x' }, 'routing.invalid_state');
    h.accept('c1');
    h.expectRefused({ type: 'extendWrapUp', contactId: 'c1', seconds: 30, by: 'x' }, 'routing.invalid_state');
    h.end('c1');
    h.run({ type: 'extendWrapUp', contactId: 'c1', seconds: 3600, by: 'x' });
    h.expectRefused({ type: 'extendWrapUp', contactId: 'c1', seconds: 30, by: 'x' }, 'routing.wrapup_limit');
  });

  it('an extension that is not a positive number of seconds: request.invalid (NaN would stop every deadline)', () => {
    const h = offered();
    h.accept('c1');
    h.end('c1');
    for (const seconds of [Number.NaN, Number.POSITIVE_INFINITY, 0, -5]) {
      h.expectRefused({ type: 'extendWrapUp', contactId: 'c1', seconds, by: 'x' }, 'request.invalid', { field: 'seconds' });
    }
    expect(h.engine.nextDeadline(h.now)).toBe(h.state.contact('c1')!.wrapUpUntil);
  });

  it('take or record offline without room: routing.capacity_full; reused contact id: routing.contact_exists', () => {
    const h = offered();
    h.accept('c1');
    h.arrive('c2', 'A', { channel: 'voice' });
    h.accept('c2');
    h.arrive('c3', 'A', { channel: 'voice' });
    h.expectRefused({ type: 'take', contactId: 'c3', staffId: 'x', profile: h.profileOf('x') }, 'routing.capacity_full');
    const offline = {
      type: 'recordOffline',
      channel: 'voice',
      attributes: h.state.contact('c1')!.attributes,
      risk: 'low',
      profile: h.profileOf('x'),
    } as const;
    h.expectRefused({ ...offline, contactId: 'c9', serviceId: 'A', staffId: 'x' }, 'routing.capacity_full');
    h.expectRefused({ ...offline, contactId: 'c1', serviceId: 'A', staffId: 'x' }, 'routing.contact_exists');
  });
});

describe('replay', () => {
  it('replaying the events into a fresh state gives the identical state', () => {
    const h = new Harness({ A: { partnerServiceIds: ['B'], partnerAfterSeconds: 30 }, B: { chatCapacity: 3 } });
    h.counsellor('x', { service: 'A' });
    h.counsellor('b', { service: 'B', supervisor: true });
    h.arrive('c1', 'A', { channel: 'voice', risk: 'high' });
    h.arrive('c2', 'A', { channel: 'chat', carePlan: { preferredStaffId: 'x' } });
    h.accept('c1');
    h.arrive('c3', 'A', { channel: 'chat', language: 'ru' });
    h.advance(45);
    h.decline('c3');
    h.run({ type: 'greetingDone', contactId: 'c2' });
    h.run({ type: 'transfer', contactId: 'c1', newContactId: 'c4', target: { kind: 'queue', serviceId: 'B' }, note: 'n', by: 'x' });
    h.advance(100);
    h.run({ type: 'callerLeft', contactId: 'c2' });
    h.advance(4000);
    expect(h.log.length).toBeGreaterThan(15);
    const rebuilt = replay(h.log, new RoutingState());
    expect(serialise(rebuilt)).toBe(serialise(h.state));
  });
});
