// The routing engine in live operation: transfers, supervisor actions, care plans, callers who
// leave, and contacts that wait too long.
import { describe, expect, it } from 'vitest';
import { Harness } from './engineHarness.js';

/** x in a conversation with c1 (high risk, Russian, arrived at 0) since 50 s; y and a supervisor s exist. */
function inConversation(yPresence: 'available' | 'offline' = 'available'): Harness {
  const h = new Harness({ A: {}, B: {} });
  h.counsellor('x', { service: 'A' });
  h.arrive('c1', 'A', { channel: 'voice', risk: 'high', language: 'ru', callerKey: 'k1' });
  h.accept('c1');
  h.counsellor('y', { service: 'A' }, yPresence);
  h.counsellor('s', { service: 'A', supervisor: true }, 'offline');
  h.advance(50);
  return h;
}

describe('transfers', () => {
  it('to a named counsellor: the new contact keeps risk, attributes and arrival order, carries the note, and is offered to them', () => {
    const h = inConversation();
    const c1 = h.state.contact('c1')!;
    const events = h.run({
      type: 'transfer',
      contactId: 'c1',
      newContactId: 'c2',
      target: { kind: 'counsellor', staffId: 'y' },
      note: 'needs a lawyer',
      by: 'x',
    });
    expect(events.map((e) => e.type)).toEqual(['contact.transferred', 'contact.arrived', 'offer.created']);
    expect(h.stateOf('c1')).toBe('transferred');
    expect(h.state.closedContacts.get('c1')).toMatchObject({ state: 'transferred', staffId: 'x' });
    const c2 = h.state.contact('c2')!;
    expect(c2).toMatchObject({ risk: 'high', attributes: c1.attributes, arrivedAt: 0, orderKey: c1.orderKey, serviceId: 'A' });
    expect(c2.origin).toEqual({ kind: 'transfer', fromContactId: 'c1', firstContactId: 'c1', note: 'needs a lawyer' });
    expect(h.offerOf('c2')).toMatchObject({ staffId: 'y', kind: 'transfer' });
    expect(h.state.counsellors.get('x')!.contactIds.size).toBe(0);
  });

  it('to an offline counsellor is refused with routing.counsellor_unavailable and changes nothing', () => {
    const h = inConversation('offline');
    h.expectRefused(
      { type: 'transfer', contactId: 'c1', newContactId: 'c2', target: { kind: 'counsellor', staffId: 'y' }, note: null, by: 'x' },
      'routing.counsellor_unavailable',
    );
    expect(h.stateOf('c1')).toBe('active');
  });

  it('to the supervisor on duty, or refused when there is none', () => {
    const h = inConversation();
    const toSupervisor = {
      type: 'transfer',
      contactId: 'c1',
      newContactId: 'c2',
      target: { kind: 'supervisor' },
      note: null,
      by: 'x',
    } as const;
    h.expectRefused(toSupervisor, 'routing.no_supervisor_on_duty');
    h.presence('s', 'available');
    h.run(toSupervisor);
    expect(h.offerOf('c2')).toMatchObject({ staffId: 's', kind: 'transfer' });
  });

  it('to a queue: the new contact waits in that queue in its original arrival order', () => {
    const h = new Harness({ A: {}, B: {} });
    h.counsellor('x', { service: 'A' });
    h.counsellor('b', { service: 'B' });
    h.arrive('c1', 'A', { channel: 'voice', risk: 'low' });
    h.arrive('d0', 'B', { channel: 'voice', risk: 'low' });
    h.accept('c1');
    h.accept('d0');
    h.advance(10);
    h.arrive('d1', 'B', { channel: 'voice', risk: 'low' });
    h.advance(10);
    h.run({ type: 'transfer', contactId: 'c1', newContactId: 'c2', target: { kind: 'queue', serviceId: 'B' }, note: 'over to B', by: 'x' });
    expect(h.state.contact('c2')).toMatchObject({ serviceId: 'B', state: 'queued', arrivedAt: 0 });
    h.end('d0');
    h.run({ type: 'finishWrapUp', contactId: 'd0', by: 'b' });
    expect(h.offeredTo('c2')).toBe('b');
    expect(h.stateOf('d1')).toBe('queued');
  });

  it('never hands the contact straight back to the counsellor who transferred it: they are skipped for the cooldown', () => {
    const h = new Harness({ A: { declineCooldownSeconds: 30 } });
    h.counsellor('x', { service: 'A' });
    h.arrive('c1', 'A', { channel: 'voice' });
    h.accept('c1');
    h.run({ type: 'transfer', contactId: 'c1', newContactId: 'c2', target: { kind: 'queue', serviceId: 'A' }, note: null, by: 'x' });
    expect(h.state.contact('c2')).toMatchObject({ state: 'queued', skippedUntil: { x: h.now + 30_000 } });
    h.counsellor('y', { service: 'A' });
    expect(h.offeredTo('c2')).toBe('y');
    h.decline('c2');
    h.advance(29.999);
    expect(h.stateOf('c2')).toBe('queued');
    h.advance(0.001);
    expect(h.offeredTo('c2')).toBe('x');
  });
});

describe('supervisor actions', () => {
  it('assign offers a waiting contact to a chosen counsellor and rescinds the existing offer', () => {
    const h = new Harness();
    h.counsellor('x', { service: 'A' });
    h.counsellor('y', { service: 'A' });
    h.arrive('c1', 'A', { channel: 'voice' });
    const first = h.offerOf('c1');
    expect(first.staffId).toBe('x');
    const events = h.run({ type: 'assign', contactId: 'c1', staffId: 'y', by: 's' });
    expect(events[0]).toMatchObject({ type: 'offer.closed', offerId: first.id, staffId: 'x', end: 'rescinded' });
    expect(h.offerOf('c1')).toMatchObject({ staffId: 'y', kind: 'assign' });
    expect(h.state.counsellors.get('x')!.contactIds.size).toBe(0);
  });

  it('take: a supervisor answers a waiting or offered contact themselves', () => {
    const h = new Harness();
    h.counsellor('x', { service: 'A' });
    h.staff.set('s', { service: 'A', supervisor: true });
    h.arrive('c1', 'A', { channel: 'voice' });
    h.arrive('c2', 'A', { channel: 'voice' });
    expect([h.offeredTo('c1'), h.stateOf('c2')]).toEqual(['x', 'queued']);
    const offer = h.offerOf('c1');
    const events = h.run({ type: 'take', contactId: 'c1', staffId: 's', profile: h.profileOf('s') });
    expect(events[1]).toMatchObject({ type: 'offer.closed', offerId: offer.id, end: 'rescinded' });
    expect(h.state.contact('c1')).toMatchObject({ state: 'active', staffId: 's', answeredByServiceId: 'A' });
    expect(h.offeredTo('c2')).toBe('x');
    expect(h.state.counsellors.get('s')!.presence).toBe('offline');
    h.end('c1');
    h.run({ type: 'finishWrapUp', contactId: 'c1', by: 's' });
    h.arrive('c3', 'A', { channel: 'voice' });
    expect(h.stateOf('c3')).toBe('queued');
    h.run({ type: 'take', contactId: 'c3', staffId: 's', profile: h.profileOf('s') });
    expect(h.state.contact('c3')).toMatchObject({ state: 'active', staffId: 's' });
  });

  it('sets the presence of another counsellor, rescinding their offers', () => {
    const h = new Harness();
    h.counsellor('x', { service: 'A' });
    h.arrive('c1');
    const events = h.presence('x', 'break', 's');
    expect(events.map((e) => e.type)).toEqual(['offer.closed', 'presence.changed']);
    expect(events[1]).toMatchObject({ staffId: 'x', presence: 'break', by: 's' });
    expect(h.stateOf('c1')).toBe('queued');
  });
});

describe('care plans', () => {
  function withPreferredBusy(risk: 'low' | 'high'): Harness {
    const h = new Harness({ A: { carePlanSeconds: 60 } });
    h.counsellor('p', { service: 'A' });
    h.arrive('call', 'A', { channel: 'voice' });
    h.accept('call');
    h.counsellor('o', { service: 'A' });
    h.arrive('c1', 'A', { channel: 'voice', risk, carePlan: { preferredStaffId: 'p' } });
    return h;
  }

  it('offers the contact to the preferred counsellor first, even when others have been idle longer', () => {
    const h = new Harness({ A: {} });
    h.counsellor('o', { service: 'A' });
    h.advance(5);
    h.counsellor('p', { service: 'A' });
    h.arrive('c1', 'A', { carePlan: { preferredStaffId: 'p' } });
    expect(h.offerOf('c1')).toMatchObject({ staffId: 'p', kind: 'careplan' });
  });

  it('holds the contact for the preferred counsellor for carePlanSeconds, then offers it to others', () => {
    const h = withPreferredBusy('low');
    h.advance(30);
    expect(h.stateOf('c1')).toBe('queued');
    h.end('call');
    h.run({ type: 'finishWrapUp', contactId: 'call', by: 'p' });
    expect(h.offerOf('c1')).toMatchObject({ staffId: 'p', kind: 'careplan' });

    const late = withPreferredBusy('low');
    late.advance(59.999);
    expect(late.stateOf('c1')).toBe('queued');
    late.advance(0.001);
    expect(late.offerOf('c1')).toMatchObject({ staffId: 'o', kind: 'route' });
  });

  it('stops holding the contact once the preferred counsellor declines it', () => {
    const h = new Harness({ A: { carePlanSeconds: 60 } });
    h.counsellor('p', { service: 'A' });
    h.counsellor('o', { service: 'A' });
    h.arrive('c1', 'A', { channel: 'voice', carePlan: { preferredStaffId: 'p' } });
    h.decline('c1');
    expect(h.offerOf('c1')).toMatchObject({ staffId: 'o', kind: 'route' });
  });

  it('does not hold the contact while the preferred counsellor is away, and lets it go when they leave', () => {
    const away = new Harness({ A: { carePlanSeconds: 60 } });
    away.counsellor('o', { service: 'A' });
    away.arrive('c1', 'A', { channel: 'voice', carePlan: { preferredStaffId: 'p' } });
    expect(away.offerOf('c1')).toMatchObject({ staffId: 'o', kind: 'route' });

    const leaving = withPreferredBusy('low');
    expect(leaving.stateOf('c1')).toBe('queued');
    leaving.presence('p', 'break');
    expect(leaving.offerOf('c1')).toMatchObject({ staffId: 'o', kind: 'route' });
  });

  it('is ignored for high risk: the contact goes to whoever is free at once', () => {
    const h = withPreferredBusy('high');
    expect(h.offerOf('c1')).toMatchObject({ staffId: 'o', kind: 'route' });
  });
});

describe('callers who leave, and contacts that wait too long', () => {
  it('while queued: abandoned at stage queued, before the greeting', () => {
    const h = new Harness();
    h.arrive('c1', 'A', { channel: 'voice' });
    const contact = h.state.contact('c1')!;
    const events = h.run({ type: 'callerLeft', contactId: 'c1' });
    expect(events).toEqual([expect.objectContaining({ type: 'contact.abandoned', stage: 'queued' })]);
    expect(contact).toMatchObject({ state: 'abandoned', abandonedStage: 'queued', afterGreeting: false });
    expect(h.state.closedContacts.get('c1')!.state).toBe('abandoned');
    expect(h.state.queues.get('A')!.size).toBe(0);
  });

  it('while offered after the greeting: the offer is rescinded, the counsellor freed, abandoned at stage offered', () => {
    const h = new Harness();
    h.counsellor('x', { service: 'A' });
    h.arrive('c1', 'A', { channel: 'voice' });
    h.arrive('c2', 'A', { channel: 'voice' });
    h.run({ type: 'greetingDone', contactId: 'c1' });
    const contact = h.state.contact('c1')!;
    const events = h.run({ type: 'callerLeft', contactId: 'c1' });
    expect(events.map((e) => e.type)).toEqual(['offer.closed', 'contact.abandoned', 'offer.created']);
    expect(events[0]).toMatchObject({ end: 'rescinded', staffId: 'x' });
    expect(contact).toMatchObject({ state: 'abandoned', abandonedStage: 'offered', afterGreeting: true });
    expect(h.state.offers.size).toBe(1);
    expect(h.offeredTo('c2')).toBe('x');
  });

  it('while active: the contact ends into wrap-up', () => {
    const h = new Harness();
    h.counsellor('x', { service: 'A' });
    h.arrive('c1', 'A', { channel: 'voice' });
    h.accept('c1');
    expect(h.run({ type: 'callerLeft', contactId: 'c1' })).toEqual([expect.objectContaining({ type: 'contact.ended', by: 'caller' })]);
    expect(h.stateOf('c1')).toBe('wrapup');
  });

  it('expires after maxWaitSeconds, queued or offered', () => {
    const h = new Harness({ A: { maxWaitSeconds: 120, offerTimeoutSeconds: 15 } });
    h.arrive('c1', 'A', { channel: 'voice' });
    h.advance(110);
    h.counsellor('x', { service: 'A' });
    h.arrive('c2', 'A', { channel: 'voice' });
    expect(h.offeredTo('c1')).toBe('x');
    h.advance(9.999);
    expect(h.stateOf('c1')).toBe('offered');
    const events = h.advance(0.001);
    expect(events.map((e) => e.type)).toEqual(['offer.closed', 'contact.expired', 'offer.created']);
    expect(h.stateOf('c1')).toBe('expired');
    expect(h.offeredTo('c2')).toBe('x');
  });
});
