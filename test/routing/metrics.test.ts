// Operating statistics (src/domain/routing/metrics.ts): every definition, checked on event logs
// produced by driving the real routing engine on a fake clock.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { RoutingEngine } from '../../src/domain/routing/engine.js';
import { computeStatistics, nearestRank, type ServiceStatistics } from '../../src/domain/routing/metrics.js';
import { serviceStatisticsSchema } from '../../src/domain/routing/metricsSchema.js';
import { routingSettingsOf } from '../../src/domain/routing/settings.js';
import type { Channel, Command, LoggedEvent, Risk, RoutingSettings, SettablePresence } from '../../src/domain/routing/types.js';
import type { z } from 'zod';

const A = 'service-a';
const B = 'service-b';
const T0 = Date.UTC(2026, 0, 12, 10, 0, 0);
/** Seconds from T0 to ms. */
const sec = (s: number): number => T0 + s * 1000;

const profile = (serviceId: string, staffId: string) => ({ serviceId, pseudonym: staffId, supervisor: false, languages: [], skills: [] });
const attributes = { language: null, region: null, callerKey: null, skills: [] };

/** The engine on a fake clock, keeping the log it produces. Times are seconds from T0. */
class Sim {
  readonly log: LoggedEvent[] = [];
  readonly engine: RoutingEngine;
  private now = T0;
  private ids = 0;

  constructor(settings: Record<string, Partial<RoutingSettings>> = {}) {
    this.engine = new RoutingEngine({ settingsOf: (id) => routingSettingsOf(settings[id]), newId: () => `offer-${++this.ids}` });
  }

  at(s: number): this {
    this.now = sec(s);
    return this;
  }
  run(command: Command): this {
    this.log.push(...this.engine.execute(command, this.now));
    return this;
  }
  arrive(contactId: string, opts: { serviceId?: string; channel?: Channel; risk?: Risk } = {}): this {
    const { serviceId = A, channel = 'chat', risk = 'unknown' } = opts;
    return this.run({ type: 'arrive', contactId, serviceId, channel, attributes, risk, carePlan: null });
  }
  presence(staffId: string, presence: SettablePresence, serviceId = A): this {
    return this.run({ type: 'setPresence', staffId, presence, profile: profile(serviceId, staffId), by: staffId });
  }
  /** Accepts the contact's pending offer (whoever it went to). */
  accept(contactId: string): this {
    const offer = this.engine.state.contacts.get(contactId)?.offer;
    if (!offer) throw new Error(`no offer for ${contactId}`);
    return this.run({ type: 'accept', offerId: offer.id, staffId: offer.staffId });
  }
  offeredTo(contactId: string): string | undefined {
    return this.engine.state.contacts.get(contactId)?.offer?.staffId;
  }
  take(contactId: string, staffId: string, serviceId = A): this {
    return this.run({ type: 'take', contactId, staffId, profile: profile(serviceId, staffId) });
  }
  end(contactId: string): this {
    return this.run({ type: 'end', contactId, by: 'staff' });
  }
  finish(contactId: string): this {
    return this.run({ type: 'finishWrapUp', contactId, by: 'staff' });
  }
  leave(contactId: string): this {
    return this.run({ type: 'callerLeft', contactId });
  }
  greeting(contactId: string): this {
    return this.run({ type: 'greetingDone', contactId });
  }
  tick(): this {
    return this.run({ type: 'tick' });
  }
  stats(from: number, to: number, serviceId = A, extra: { shortAbandonSeconds?: number; slSeconds?: number } = {}): ServiceStatistics {
    const s = computeStatistics({ serviceId, from: sec(from), to: sec(to), events: this.log, ...extra });
    // Every result is a valid HTTP response body.
    expect(serviceStatisticsSchema.parse(s)).toEqual(s);
    return s;
  }
}

describe('operating statistics', () => {
  it('the zod schema describes exactly the returned type', () => {
    expectTypeOf<z.infer<typeof serviceStatisticsSchema>>().toEqualTypeOf<ServiceStatistics>();
  });

  it('an empty window gives zero counts and null ratios and means', () => {
    const s = computeStatistics({ serviceId: A, from: sec(0), to: sec(900), events: [] });
    expect(serviceStatisticsSchema.parse(s)).toEqual(s);
    expect(s).toMatchObject({
      offered: 0,
      answered: 0,
      abandoned: 0,
      shortAbandoned: 0,
      expired: 0,
      waitingAtEnd: 0,
      serviceLevel: null,
      abandonRate: null,
      asaSeconds: null,
      p90WaitSeconds: null,
      longestAnsweredWaitSeconds: null,
      longestWaitingSeconds: null,
      handled: 0,
      ahtSeconds: null,
      talkSeconds: null,
      holdSeconds: null,
      wrapUpSeconds: null,
      occupancy: null,
      handlingSeconds: 0,
      availableIdleSeconds: 0,
      occupancyCounsellors: 0,
      contactsPerHourByChannel: { voice: 0, chat: 0, messenger: 0 },
      offeredByRisk: { unknown: 0, low: 0, moderate: 0, high: 0, imminent: 0 },
      shortAbandonSeconds: 5,
      slSeconds: 20,
    });

    // A window after all the activity: nothing arrived in it, nobody worked in it.
    const sim = new Sim()
      .at(0)
      .presence('k1', 'available')
      .arrive('c1')
      .at(10)
      .accept('c1')
      .at(20)
      .end('c1')
      .finish('c1')
      .presence('k1', 'offline');
    const later = sim.stats(100, 200);
    expect(later.offered).toBe(0);
    expect(later.occupancy).toBeNull();
    expect(later.serviceLevel).toBeNull();
  });

  it('refuses a window that does not move forward', () => {
    expect(() => computeStatistics({ serviceId: A, from: sec(10), to: sec(10), events: [] })).toThrow(RangeError);
  });

  it('nearest-rank p90', () => {
    expect(nearestRank([], 0.9)).toBeNull();
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([3, 1, 2], 0.9)).toBe(3); // ⌈2.7⌉ = 3rd
    expect(
      nearestRank(
        [...Array(20).keys()].map((i) => 20 - i),
        0.9,
      ),
    ).toBe(18); // ⌈18⌉ = 18th of 1..20
    expect(
      nearestRank(
        [...Array(11).keys()].map((i) => i + 1),
        0.9,
      ),
    ).toBe(10); // ⌈9.9⌉ = 10th
  });

  it('answered, SL(20) with a wait of exactly 20 s inside, ASA, p90 and the longest answered wait', () => {
    const waits = [5, 10, 20, 21, 30, 40, 50, 60, 70, 100];
    const sim = new Sim();
    // Ten contacts arrive a second apart with nobody available; each is taken after its wait.
    waits.forEach((_, i) => sim.at(i).arrive(`c${i}`));
    const takes = waits.map((w, i) => ({ i, t: i + w })).sort((a, b) => a.t - b.t);
    for (const { i, t } of takes) sim.at(t).take(`c${i}`, `k${i}`);
    const s = sim.stats(0, 900);
    expect(s.offered).toBe(10);
    expect(s.answered).toBe(10);
    expect(s.answeredByPartner).toBe(0);
    expect(s.answeredWithinSl).toBe(3); // 5, 10 and exactly 20
    expect(s.serviceLevel).toBeCloseTo(0.3, 12);
    expect(s.asaSeconds).toBeCloseTo(40.6, 12);
    expect(s.p90WaitSeconds).toBe(70);
    expect(s.longestAnsweredWaitSeconds).toBe(100);
    expect(s.abandonRate).toBe(0);

    // T is a parameter.
    expect(sim.stats(0, 900, A, { slSeconds: 30 }).serviceLevel).toBeCloseTo(0.5, 12);
  });

  it('abandons: short below 5 s (exactly 5 s is not short), by stage and greeting; expired and still waiting', () => {
    const sim = new Sim({ [A]: { maxWaitSeconds: 120 } });
    sim.at(0).arrive('short').at(4.999).leave('short'); // short: left out of SL and of the rate
    sim.at(10).arrive('five').at(12).greeting('five').at(15).leave('five'); // 5 s: abandoned, queued, after greeting
    sim.at(20).arrive('offered').at(21).presence('k1', 'available');
    expect(sim.offeredTo('offered')).toBe('k1');
    sim.at(30).leave('offered').at(31).presence('k1', 'offline'); // abandoned while offered, before greeting
    sim.at(40).arrive('taken').at(45).take('taken', 'k2'); // answered in 5 s
    sim.at(50).arrive('expires').at(200).tick(); // waited the maximum: expired
    sim.at(300).arrive('waiting'); // still waiting at `to`
    const s = sim.stats(0, 400);
    expect(s).toMatchObject({
      offered: 6,
      answered: 1,
      answeredWithinSl: 1,
      shortAbandoned: 1,
      abandoned: 2,
      abandonedByStage: { queued: 1, offered: 1 },
      abandonedByGreeting: { beforeGreeting: 1, afterGreeting: 1 },
      expired: 1,
      waitingAtEnd: 1,
      longestWaitingSeconds: 100,
    });
    // SL = 1 ÷ (1 answered + 2 abandoned + 1 expired); the short abandon and the waiting contact are out.
    expect(s.serviceLevel).toBeCloseTo(0.25, 12);
    // Abandon rate = 2 ÷ (6 offered − 1 short).
    expect(s.abandonRate).toBeCloseTo(0.4, 12);

    // A larger short-abandon threshold turns the 5 s abandon into a short one.
    const s6 = sim.stats(0, 400, A, { shortAbandonSeconds: 6 });
    expect(s6).toMatchObject({ shortAbandoned: 2, abandoned: 1, abandonedByStage: { queued: 0, offered: 1 } });
    expect(s6.serviceLevel).toBeCloseTo(1 / 3, 12);
    expect(s6.abandonRate).toBeCloseTo(1 / 4, 12);
  });

  it('a contact answered by a partner service counts for its home service, as answered by partner', () => {
    const sim = new Sim({ [A]: { partnerServiceIds: [B], partnerAfterSeconds: 60 } });
    sim.at(0).presence('kb', 'available', B).arrive('c1');
    expect(sim.offeredTo('c1')).toBeUndefined(); // not yet a target for the partner
    sim.at(60).tick();
    expect(sim.offeredTo('c1')).toBe('kb');
    sim.at(65).accept('c1');
    const a = sim.stats(0, 300);
    expect(a.offered).toBe(1);
    expect(a.answered).toBe(1);
    expect(a.answeredByPartner).toBe(1);
    expect(a.asaSeconds).toBe(65);
    expect(a.serviceLevel).toBe(0);
    expect(a.occupancy).toBeNull(); // nobody works for A

    // For B the contact is not offered, but its counsellor's handling time is B's.
    const b = sim.stats(0, 300, B);
    expect(b.offered).toBe(0);
    expect(b.answered).toBe(0);
    expect(b.handlingSeconds).toBe(235);
    expect(b.availableIdleSeconds).toBe(65);
    expect(b.occupancy).toBeCloseTo(235 / 300, 12);
  });

  it('AHT = talk + hold + wrap-up over answered contacts completed by `to`; transfers and offline contacts are apart', () => {
    const sim = new Sim({ [A]: { wrapUpSeconds: 60 } });
    sim.at(0).presence('k1', 'available').presence('k2', 'available').presence('k3', 'available').presence('k4', 'available');
    sim.at(0).arrive('c1').at(1).arrive('c2').at(2).arrive('c3').at(3).arrive('c4');
    sim.at(3).accept('c2').at(4).accept('c3').at(5).accept('c4').at(10).accept('c1');
    sim.at(20).run({
      type: 'recordOffline',
      contactId: 'off1',
      serviceId: A,
      channel: 'voice',
      attributes,
      risk: 'low',
      staffId: 'k5',
      profile: profile(A, 'k5'),
    });
    sim
      .at(50)
      .run({ type: 'transfer', contactId: 'c3', newContactId: 'c3b', target: { kind: 'queue', serviceId: B }, note: null, by: 'staff' });
    sim.at(63).end('c2').at(123).tick(); // talk 60, wrap-up runs out: 60
    sim.at(130).end('c1').at(160).finish('c1'); // talk 120, wrap-up 30
    const s = sim.stats(0, 600);
    expect(s).toMatchObject({
      offered: 4,
      answered: 4,
      transferredOut: 1,
      offline: 1,
      transferredIn: 0,
      handled: 2,
      talkSeconds: 90,
      holdSeconds: 0,
      wrapUpSeconds: 45,
      ahtSeconds: 135,
      asaSeconds: 4, // (10 + 2 + 2 + 2) ÷ 4
    });
    // The transferred contact continues in B's queue: B counts it apart, not as offered.
    const b = sim.stats(0, 600, B);
    expect(b).toMatchObject({ offered: 0, transferredIn: 1, answered: 0, waitingAtEnd: 0 });
    // A window that ends before c1's wrap-up ended has only c2 completed.
    expect(sim.stats(0, 150)).toMatchObject({ handled: 1, talkSeconds: 60, wrapUpSeconds: 60, ahtSeconds: 120 });
  });

  it('occupancy: handling ÷ (handling + available idle), clipped to the window, with the state at `from` from look-back events', () => {
    const sim = new Sim({ [A]: { wrapUpSeconds: 60 } });
    sim.at(-300).presence('kb', 'available', B); // another service's counsellor: never counted for A
    sim.at(-100).presence('k1', 'available');
    sim.at(-50).arrive('c1'); // offered at once; a pending offer is idle time
    expect(sim.offeredTo('c1')).toBe('k1');
    sim.at(-40).accept('c1'); // handling from here, across `from`
    sim.at(30).end('c1').at(60).finish('c1'); // wrap-up still counts as handling
    sim.at(100).presence('k1', 'break'); // neither handling nor idle
    sim.at(150).presence('k1', 'available');
    sim.at(180).arrive('c2').at(185).accept('c2');
    sim.at(250).end('c2'); // after the window: ignored

    const s = sim.stats(0, 200);
    // handling 0→60 and 185→200; idle 60→100 and 150→185 (the offer of c2 pending 180→185 included).
    expect(s.handlingSeconds).toBe(75);
    expect(s.availableIdleSeconds).toBe(75);
    expect(s.occupancy).toBeCloseTo(0.5, 12);
    expect(s.occupancyCounsellors).toBe(1);
    expect(s.offered).toBe(1); // c1 arrived before the window
    expect(s.answered).toBe(1);

    expect(sim.stats(0, 100).occupancy).toBeCloseTo(0.6, 12);
    // Before the window: idle −100→−40 (including the pending offer −50→−40), handling −40→0.
    const before = sim.stats(-200, 0);
    expect(before.availableIdleSeconds).toBe(60);
    expect(before.handlingSeconds).toBe(40);
    expect(before.occupancy).toBeCloseTo(0.4, 12);
    // Only break time: neither.
    expect(sim.stats(110, 140).occupancy).toBeNull();
  });

  it('occupancy counts time once however many contacts run at once, and follows a counsellor who changes service', () => {
    const chats = new Sim({ [A]: { chatCapacity: 2 } });
    chats.at(0).presence('k1', 'available').arrive('c1').accept('c1').at(10).arrive('c2').accept('c2');
    chats.at(20).end('c1').at(30).finish('c1').at(40).end('c2').at(50).finish('c2');
    const s = chats.stats(0, 100);
    expect(s.handlingSeconds).toBe(50);
    expect(s.availableIdleSeconds).toBe(50);
    expect(s.occupancy).toBeCloseTo(0.5, 12);

    const mover = new Sim();
    mover.at(0).presence('k1', 'available', A).at(40).presence('k1', 'available', B);
    expect(mover.stats(0, 100, A).availableIdleSeconds).toBe(40);
    expect(mover.stats(0, 100, B).availableIdleSeconds).toBe(60);
  });

  it('a contact belongs to the window of its arrival; outcomes after `to` are not seen', () => {
    const sim = new Sim();
    sim.at(-10).arrive('early').at(5).take('early', 'k1');
    sim.at(95).arrive('late').at(105).take('late', 'k2');
    const first = sim.stats(0, 100);
    expect(first).toMatchObject({ offered: 1, answered: 0, waitingAtEnd: 1, longestWaitingSeconds: 5, serviceLevel: null });
    const wider = sim.stats(0, 200);
    expect(wider).toMatchObject({ offered: 1, answered: 1, waitingAtEnd: 0, asaSeconds: 10 });
    // An arrival exactly at `from` is in, exactly at `to` is out.
    expect(sim.stats(95, 200).offered).toBe(1);
    expect(sim.stats(-10, 95).offered).toBe(1);
  });

  it('contacts per hour by channel and offered contacts by their latest risk', () => {
    const sim = new Sim();
    sim.at(0).arrive('v1', { channel: 'voice', risk: 'high' });
    sim.at(60).arrive('t1', { channel: 'chat' });
    sim.at(120).arrive('t2', { channel: 'chat', risk: 'low' });
    sim.at(180).arrive('t3', { channel: 'chat' });
    sim.at(240).run({ type: 'setRisk', contactId: 't3', risk: 'imminent' });
    sim.at(1800).arrive('next', { channel: 'messenger' }); // the next half hour
    const s = sim.stats(0, 1800);
    expect(s.offeredByChannel).toEqual({ voice: 1, chat: 3, messenger: 0 });
    expect(s.contactsPerHourByChannel).toEqual({ voice: 2, chat: 6, messenger: 0 });
    expect(s.offeredByRisk).toEqual({ unknown: 1, low: 1, moderate: 0, high: 1, imminent: 1 });
    expect(s.waitingAtEnd).toBe(4);
    expect(s.longestWaitingSeconds).toBe(1800);
  });
});
