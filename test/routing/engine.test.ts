// The routing engine, unit by unit: offers and their deadlines, declines, the order rule with
// ageing, widening targets, capacity and wrap-up. Transfers, supervisors, care plans and callers who
// leave are in engine-operations.test.ts; refused commands and replay in engine-bad-input.test.ts.
import { describe, expect, it } from 'vitest';
import { RISK_HEAD_START_SECONDS } from '../../src/domain/routing/priority.js';
import { DEFAULT_ROUTING_SETTINGS } from '../../src/domain/routing/settings.js';
import { Harness } from './engineHarness.js';

describe('offers', () => {
  it('offers an arrival to the longest-idle available counsellor of its service', () => {
    const h = new Harness({ A: {}, B: {} });
    h.counsellor('b', { service: 'B' });
    h.counsellor('x', { service: 'A' });
    h.advance(5);
    h.counsellor('y', { service: 'A' });
    h.counsellor('z', { service: 'A' }, 'break');
    const events = h.arrive('c1');
    expect(events.map((e) => e.type)).toEqual(['contact.arrived', 'offer.created']);
    expect(h.offerOf('c1')).toMatchObject({ staffId: 'x', kind: 'route', deadline: 20_000 + 5_000 });
  });

  it('prefers a counsellor with no contacts over one already in a conversation, however long ago that began', () => {
    const h = new Harness({ A: { chatCapacity: 2 } });
    h.counsellor('x', { service: 'A' });
    h.arrive('c1');
    h.accept('c1');
    h.advance(10);
    h.counsellor('y', { service: 'A' });
    h.arrive('c2');
    expect(h.offeredTo('c2')).toBe('y');
  });

  it('re-offers a lapsed offer (default 20 s) to someone else; the lapsing counsellor is not responding until they set available', () => {
    const h = new Harness();
    expect(DEFAULT_ROUTING_SETTINGS.offerTimeoutSeconds).toBe(20);
    h.counsellor('x', { service: 'A' });
    h.advance(1);
    h.counsellor('y', { service: 'A' });
    h.arrive('c1', 'A', { channel: 'voice' });
    expect(h.offeredTo('c1')).toBe('x');
    h.advance(19.999);
    expect(h.offeredTo('c1')).toBe('x');
    const events = h.advance(0.001);
    expect(events).toContainEqual(expect.objectContaining({ type: 'offer.closed', contactId: 'c1', staffId: 'x', end: 'expired' }));
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'presence.changed', staffId: 'x', presence: 'not_responding', by: 'system' }),
    );
    expect(h.offeredTo('c1')).toBe('y');
    expect(h.state.counsellors.get('x')!.presence).toBe('not_responding');
    h.accept('c1');

    h.arrive('c2', 'A', { channel: 'voice' });
    expect(h.stateOf('c2')).toBe('queued');
    h.advance(120);
    expect(h.stateOf('c2')).toBe('queued');
    h.presence('x', 'available');
    expect(h.offeredTo('c2')).toBe('x');
  });

  it('re-offers a declined contact to another counsellor and skips the decliner for the cooldown', () => {
    const h = new Harness({ A: { declineCooldownSeconds: 30 } });
    h.counsellor('x', { service: 'A' });
    h.advance(1);
    h.counsellor('y', { service: 'A' });
    h.arrive('c1', 'A', { channel: 'voice' });
    const declined = h.decline('c1');
    expect(declined[0]).toMatchObject({ type: 'offer.closed', staffId: 'x', end: 'declined', skipUntil: h.now + 30_000 });
    expect(h.offeredTo('c1')).toBe('y');
    h.decline('c1');
    expect(h.stateOf('c1')).toBe('queued');
    h.advance(29.999);
    expect(h.stateOf('c1')).toBe('queued');
    h.advance(0.001);
    expect(h.offeredTo('c1')).toBe('x');
    expect(h.state.counsellors.get('x')!.presence).toBe('available');
  });
});

describe('order', () => {
  /** x is on a voice call while contacts queue; each call x ends brings the next offer, which x accepts. */
  function servedInOrder(h: Harness): string[] {
    const served: string[] = [];
    const current = () => [...h.state.counsellors.get('x')!.contactIds][0];
    for (let id = current(); id !== undefined; id = current()) {
      h.end(id);
      const next = current();
      if (next === undefined) break;
      served.push(next);
      h.accept(next);
    }
    return served;
  }

  it('offers imminent before high before moderate before low and unknown, then by arrival', () => {
    const h = new Harness({ A: { wrapUpSeconds: 0 } });
    h.counsellor('x', { service: 'A' });
    h.arrive('first', 'A', { channel: 'voice' });
    h.accept('first');
    const risks = ['unknown', 'low', 'moderate', 'high', 'imminent', 'low', 'high'] as const;
    risks.forEach((risk, i) => {
      h.advance(1);
      h.arrive(`${risk}${i}`, 'A', { channel: 'voice', risk });
    });
    expect(servedInOrder(h)).toEqual(['imminent4', 'high3', 'high6', 'moderate2', 'unknown0', 'low1', 'low5']);
  });

  it('ages: a low-risk contact that has waited longer than the head start goes before a new imminent one', () => {
    const head = RISK_HEAD_START_SECONDS.imminent;
    const h = new Harness({ A: { wrapUpSeconds: 0 } });
    h.counsellor('x', { service: 'A' });
    h.arrive('call', 'A', { channel: 'voice' });
    h.accept('call');
    h.arrive('low', 'A', { channel: 'voice', risk: 'low' });
    h.advance(head - 1);
    h.arrive('imminentEarly', 'A', { channel: 'voice', risk: 'imminent' });
    h.advance(2);
    h.arrive('imminentLate', 'A', { channel: 'voice', risk: 'imminent' });
    expect(servedInOrder(h)).toEqual(['imminentEarly', 'low', 'imminentLate']);
  });

  it('re-offers contacts whose offers were rescinded together in queue order, not in the order they were offered', () => {
    const h = new Harness({ A: { chatCapacity: 2 } });
    h.counsellor('y', { service: 'A' });
    h.arrive('c0');
    h.accept('c0');
    h.presence('y', 'break');
    h.counsellor('x', { service: 'A' });
    h.arrive('low', 'A', { risk: 'low' });
    h.advance(1);
    h.arrive('imminent', 'A', { risk: 'imminent' });
    expect([h.offeredTo('low'), h.offeredTo('imminent')]).toEqual(['x', 'x']);
    h.presence('y', 'available');
    h.presence('x', 'break');
    expect([h.stateOf('low'), h.offeredTo('imminent')]).toEqual(['queued', 'y']);
  });
});

describe('widening targets', () => {
  const services = {
    A: { partnerServiceIds: ['B'], partnerAfterSeconds: 30, nationalBackupAfterSeconds: 90 },
    B: {},
    N: { nationalBackup: true },
  };

  it('goes to own counsellors, then partner services after partnerAfterSeconds, then the national backup after nationalBackupAfterSeconds', () => {
    const h = new Harness(services);
    h.counsellor('b', { service: 'B' });
    h.counsellor('n', { service: 'N' });
    h.arrive('c1', 'A', { channel: 'voice' });
    h.arrive('c2', 'A', { channel: 'voice' });
    h.advance(29.999);
    expect([h.stateOf('c1'), h.stateOf('c2')]).toEqual(['queued', 'queued']);
    h.advance(0.001);
    expect(h.offeredTo('c1')).toBe('b');
    expect(h.stateOf('c2')).toBe('queued');
    h.accept('c1');
    expect(h.state.contact('c1')).toMatchObject({ serviceId: 'A', staffId: 'b', answeredByServiceId: 'B' });
    h.advance(59.999);
    expect(h.stateOf('c2')).toBe('queued');
    h.advance(0.001);
    expect(h.offeredTo('c2')).toBe('n');
    h.accept('c2');
    expect(h.state.contact('c2')!.answeredByServiceId).toBe('N');
  });

  it('prefers an own counsellor over a partner one once both are targets', () => {
    const h = new Harness(services);
    h.counsellor('b', { service: 'B' });
    h.arrive('c1', 'A', { channel: 'voice' });
    h.advance(10);
    h.counsellor('a', { service: 'A' }, 'break');
    h.advance(30);
    expect(h.offeredTo('c1')).toBe('b');
    h.decline('c1');
    h.presence('a', 'available');
    expect(h.offeredTo('c1')).toBe('a');
  });

  it('does not offer contacts of another service to counsellors who are not their partners or backup', () => {
    const h = new Harness(services);
    h.counsellor('b', { service: 'B' });
    h.arrive('d1', 'B', { channel: 'voice' });
    h.accept('d1');
    h.counsellor('a', { service: 'A' });
    h.arrive('d2', 'B', { channel: 'voice' });
    h.advance(600);
    expect(h.stateOf('d2')).toBe('queued');
  });
});

describe('capacity', () => {
  it('voice: one call at a time', () => {
    const h = new Harness();
    h.counsellor('x', { service: 'A' });
    h.arrive('v1', 'A', { channel: 'voice' });
    h.arrive('v2', 'A', { channel: 'voice' });
    expect([h.offeredTo('v1'), h.stateOf('v2')]).toEqual(['x', 'queued']);
  });

  it('chat and messenger share chatCapacity', () => {
    const h = new Harness({ A: { chatCapacity: 3 } });
    h.counsellor('x', { service: 'A' });
    h.arrive('t1', 'A', { channel: 'chat' });
    h.arrive('t2', 'A', { channel: 'messenger' });
    h.arrive('t3', 'A', { channel: 'chat' });
    h.arrive('t4', 'A', { channel: 'messenger' });
    expect(['t1', 't2', 't3', 't4'].map((id) => h.stateOf(id))).toEqual(['offered', 'offered', 'offered', 'queued']);
    h.decline('t2');
    expect(h.stateOf('t4')).toBe('offered');
  });

  it('a voice call blocks new chat offers when voiceBlocksText (the default), and not otherwise', () => {
    for (const voiceBlocksText of [true, false]) {
      const h = new Harness({ A: { voiceBlocksText } });
      h.counsellor('x', { service: 'A' });
      h.arrive('v1', 'A', { channel: 'voice' });
      h.arrive('t1', 'A', { channel: 'chat' });
      expect(h.stateOf('t1')).toBe(voiceBlocksText ? 'queued' : 'offered');
    }
  });
});

describe('wrap-up', () => {
  function inConversation(settings = {}): Harness {
    const h = new Harness({ A: settings });
    h.counsellor('x', { service: 'A' });
    h.arrive('c1', 'A', { channel: 'voice' });
    h.accept('c1');
    h.arrive('c2', 'A', { channel: 'voice' });
    h.advance(10);
    return h;
  }

  it('lasts 60 s by default, holds the counsellor, then completes the contact', () => {
    const h = inConversation();
    const ended = h.end('c1');
    expect(ended).toEqual([expect.objectContaining({ type: 'contact.ended', wrapUpUntil: h.now + 60_000 })]);
    expect(h.stateOf('c1')).toBe('wrapup');
    h.advance(59.999);
    expect([h.stateOf('c1'), h.stateOf('c2')]).toEqual(['wrapup', 'queued']);
    h.advance(0.001);
    expect(h.stateOf('c1')).toBe('completed');
    expect(h.offeredTo('c2')).toBe('x');
  });

  it('can be extended', () => {
    const h = inConversation();
    h.end('c1');
    h.advance(50);
    h.run({ type: 'extendWrapUp', contactId: 'c1', seconds: 30, by: 'x' });
    h.advance(39.999);
    expect(h.stateOf('c1')).toBe('wrapup');
    h.advance(0.001);
    expect(h.stateOf('c1')).toBe('completed');
  });

  it('can be finished early', () => {
    const h = inConversation();
    h.end('c1');
    h.advance(5);
    h.run({ type: 'finishWrapUp', contactId: 'c1', by: 'x' });
    expect(h.stateOf('c1')).toBe('completed');
    expect(h.offeredTo('c2')).toBe('x');
  });

  it('is skipped when wrapUpSeconds is 0', () => {
    const h = inConversation({ wrapUpSeconds: 0 });
    const events = h.end('c1');
    expect(events.map((e) => e.type)).toEqual(['contact.ended', 'contact.completed', 'offer.created']);
    expect(h.offeredTo('c2')).toBe('x');
  });
});
