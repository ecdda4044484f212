// Property tests: random command sequences in two worlds (engineWorlds.ts: several services with
// partners and a national backup pool; one crowded service), with the clock ticking at every
// deadline the engine names. After every command the invariants hold (engineInvariants.ts), a
// refused command changes nothing, and a replay of the events so far equals the live state. At the
// end every contact is brought to an end, each with exactly one terminal event.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SettingsOf } from '../../src/domain/routing/eligibility.js';
import { applyEvent, replay, RoutingState } from '../../src/domain/routing/state.js';
import type { Command, Contact, LoggedEvent, SettablePresence } from '../../src/domain/routing/types.js';
import { AppError } from '../../src/errors.js';
import { attributesOf, Harness, serialise, settingsOfMap } from './engineHarness.js';
import { checkDecision, checkState, TerminalTracker } from './engineInvariants.js';
import { CROWDED, presencesOf, stepsOf, WIDE, type Step, type World } from './engineWorlds.js';

/** Runs commands against the engine, checking every decision and every resulting state. */
class Checker {
  readonly h: Harness;
  readonly settingsOf: SettingsOf;
  readonly supervisor: string;
  readonly shadow = new RoutingState();
  readonly tracker = new TerminalTracker();
  private next = 0;
  refused = 0;

  constructor(world: World, presences: SettablePresence[]) {
    this.h = new Harness(world.services);
    this.settingsOf = settingsOfMap(world.services);
    for (const [id, spec] of Object.entries(world.staff)) this.h.staff.set(id, spec);
    this.supervisor = Object.keys(world.staff).find((id) => world.staff[id]!.supervisor)!;
    Object.keys(world.staff).forEach((id, i) => this.presence(id, presences[i]!, id));
  }

  presence(staffId: string, presence: SettablePresence, by: string): void {
    this.exec({ type: 'setPresence', staffId, presence, profile: this.h.profileOf(staffId), by }, true);
  }

  newContactId(): string {
    return `k${++this.next}`;
  }

  /** Executes one command and returns its events, or null when refused; `valid` commands must not be refused. */
  exec(command: Command, valid = false): LoggedEvent[] | null {
    const before = valid ? '' : serialise(this.h.state);
    let events;
    try {
      events = this.h.run(command);
    } catch (err) {
      if (!(err instanceof AppError) || valid) throw err;
      const after = serialise(this.h.state);
      if (after !== before) expect(after, `refused ${command.type} changed the state`).toBe(before);
      this.refused++;
      return null;
    }
    for (const e of events) {
      checkDecision(this.shadow, e, this.settingsOf);
      applyEvent(this.shadow, e, e.at);
      this.tracker.see(e);
    }
    checkState(this.h.state, this.h.now, this.settingsOf);
    const [replayed, live] = [serialise(this.shadow), serialise(this.h.state)];
    if (replayed !== live) expect(replayed, `replay differs after ${command.type}`).toBe(live);
    return events;
  }

  advance(seconds: number): void {
    const target = this.h.now + seconds * 1000;
    for (let t = this.h.engine.nextDeadline(this.h.now); t !== null && t <= target; t = this.h.engine.nextDeadline(this.h.now)) {
      if (t <= this.h.now) throw new Error(`deadline ${t} not cleared by the tick at ${this.h.now}`);
      this.h.now = t;
      this.exec({ type: 'tick' }, true);
    }
    this.h.now = target;
  }

  contacts(...states: Contact['state'][]): Contact[] {
    return [...this.h.state.contacts.values()].filter((c) => states.length === 0 || states.includes(c.state));
  }

  run(step: Step): void {
    const state = this.h.state;
    const choose = <T>(items: T[], i: number): T | undefined => (items.length > 0 ? items[i % items.length] : undefined);
    switch (step.kind) {
      case 'arrive': {
        for (const k of step.contacts) {
          const retry = k.retry === null ? undefined : choose(this.contacts(), k.retry);
          const attributes = attributesOf({ language: k.language, skills: k.sign ? ['sign'] : [] });
          const carePlan = k.carePlan ? { preferredStaffId: k.carePlan } : null;
          const contactId = retry?.id ?? this.newContactId();
          const command = {
            type: 'arrive',
            contactId,
            serviceId: k.service,
            channel: k.channel,
            attributes,
            risk: k.risk,
            carePlan,
          } as const;
          const events = this.exec(command, true);
          if (retry) expect(events, 'a repeated arrival is a no-op').toEqual([]);
        }
        return;
      }
      case 'advance':
        return this.advance(step.seconds);
      case 'presence':
        return this.presence(step.staff, step.presence, step.bySupervisor ? this.supervisor : step.staff);
      case 'away': {
        const staffId = choose([...new Set([...state.offers.values()].map((o) => o.staffId))], step.pick);
        if (staffId) this.presence(staffId, step.presence, staffId);
        return;
      }
      case 'accept':
      case 'decline': {
        const offer = choose([...state.offers.values()], step.pick);
        if (offer) this.exec({ type: step.kind, offerId: offer.id, staffId: offer.staffId }, true);
        return;
      }
      case 'staleAccept':
      case 'staleDecline': {
        const offers = this.h.log.flatMap((e) => (e.type === 'offer.created' ? [e] : []));
        const offer = choose(offers, step.pick);
        if (!offer) return;
        const type = step.kind === 'staleAccept' ? 'accept' : 'decline';
        const staffId = step.staff ?? offer.staffId;
        const closed = state.closedOffers.get(offer.offerId);
        const repeated = closed?.offer.staffId === staffId && closed.end === (type === 'accept' ? 'accepted' : 'declined');
        const events = this.exec({ type, offerId: offer.offerId, staffId });
        if (repeated) expect(events, `a repeated ${type} is a no-op`).toEqual([]);
        return;
      }
      case 'end':
      case 'finishWrapUp':
      case 'greetingDone':
      case 'callerLeft': {
        const wanted = step.kind === 'end' ? ['active' as const] : step.kind === 'finishWrapUp' ? ['wrapup' as const] : [];
        const contact = choose(this.contacts(...wanted), step.pick);
        if (contact) this.exec({ type: step.kind, contactId: contact.id, by: contact.staffId ?? this.supervisor }, true);
        return;
      }
      case 'extendWrapUp': {
        const contact = choose(this.contacts('wrapup'), step.pick);
        if (contact) this.exec({ type: 'extendWrapUp', contactId: contact.id, seconds: step.seconds, by: contact.staffId! });
        return;
      }
      case 'setRisk': {
        const contact = choose(this.contacts(), step.pick);
        if (contact) this.exec({ type: 'setRisk', contactId: contact.id, risk: step.risk }, true);
        return;
      }
      case 'transfer': {
        const contact = choose(this.contacts('active'), step.pick);
        if (contact)
          this.exec({
            type: 'transfer',
            contactId: contact.id,
            newContactId: this.newContactId(),
            target: step.target,
            note: step.note,
            by: contact.staffId!,
          });
        return;
      }
      case 'assign':
      case 'take': {
        const contact = choose(this.contacts('queued', 'offered'), step.pick);
        if (!contact) return;
        if (step.kind === 'assign') this.exec({ type: 'assign', contactId: contact.id, staffId: step.staff, by: this.supervisor });
        else this.exec({ type: 'take', contactId: contact.id, staffId: step.staff, profile: this.h.profileOf(step.staff) });
        return;
      }
      case 'recordOffline': {
        const profile = this.h.profileOf(step.staff);
        const attributes = attributesOf({});
        const contactId = this.newContactId();
        this.exec({
          type: 'recordOffline',
          contactId,
          serviceId: profile.serviceId,
          channel: step.channel,
          attributes,
          risk: step.risk,
          staffId: step.staff,
          profile,
        });
        return;
      }
    }
  }

  /** Ends every contact: callers leave, wrap-ups run out. Then nothing is open and each contact ended once. */
  drain(): void {
    for (const c of this.contacts()) if (this.h.state.contact(c.id)) this.exec({ type: 'callerLeft', contactId: c.id }, true);
    this.advance(2 * 60 * 60);
    expect(this.h.state.contacts.size).toBe(0);
    expect(this.h.state.offers.size).toBe(0);
    for (const id of this.tracker.arrived) expect(this.tracker.terminal.has(id), `${id} never ended`).toBe(true);
    expect(serialise(replay(this.h.log))).toBe(serialise(this.h.state));
  }
}

/** Runs `numRuns` random command sequences in a world, then checks that the generator did its job. */
function explore(world: World, numRuns: number): void {
  const totals = { runs: 0, refused: 0, offers: 0 };
  fc.assert(
    fc.property(presencesOf(world), fc.array(stepsOf(world), { minLength: 1, maxLength: 60, size: 'max' }), (presences, steps) => {
      const checker = new Checker(world, presences);
      for (const step of steps) checker.run(step);
      checker.drain();
      totals.runs++;
      totals.refused += checker.refused;
      totals.offers += checker.h.log.filter((e) => e.type === 'offer.created').length;
    }),
    { numRuns },
  );
  // The generator must exercise the engine: offers made, refusals met.
  expect(totals.offers).toBeGreaterThan(totals.runs * 3);
  expect(totals.refused).toBeGreaterThan(totals.runs / 10);
}

// About 10 ms a run. A deeper search: ROUTING_PROPERTY_RUNS=5000 npx vitest run test/routing/engine-properties.
const RUNS = Number(process.env.ROUTING_PROPERTY_RUNS ?? 500);

describe('routing engine properties', () => {
  it('holds every invariant over random command sequences across services, partners and the national backup', () => {
    explore(WIDE, RUNS);
  });

  it('holds every invariant over random command sequences in one crowded service', () => {
    explore(CROWDED, RUNS);
  });
});
