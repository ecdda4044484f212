// A small driver for the routing engine in tests: a virtual clock that ticks at every deadline the
// engine names, short builders for commands, the event log, and a serialisation of the state that
// two states can be compared by (insertion order included, since dispatch iterates in that order).
import { expect } from 'vitest';
import { AppError } from '../../src/errors.js';
import { RoutingEngine } from '../../src/domain/routing/engine.js';
import { routingSettingsOf } from '../../src/domain/routing/settings.js';
import { RoutingState } from '../../src/domain/routing/state.js';
import type {
  CarePlan,
  Channel,
  Command,
  ContactAttributes,
  CounsellorProfile,
  LoggedEvent,
  Offer,
  Risk,
  RoutingSettings,
  SettablePresence,
} from '../../src/domain/routing/types.js';

export type ServiceSettings = Record<string, Partial<RoutingSettings>>;

export const settingsOfMap = (services: ServiceSettings) => (serviceId: string) => routingSettingsOf(services[serviceId]);

export interface StaffSpec {
  service: string;
  supervisor?: boolean;
  languages?: string[];
  skills?: string[];
}

export interface ArriveSpec {
  channel?: Channel;
  risk?: Risk;
  language?: string | null;
  skills?: string[];
  callerKey?: string | null;
  carePlan?: CarePlan | null;
}

export function attributesOf(spec: ArriveSpec = {}): ContactAttributes {
  return { language: spec.language ?? null, region: null, callerKey: spec.callerKey ?? null, skills: spec.skills ?? [] };
}

/** Every Map and Set as an array of entries in insertion order, so JSON can compare whole states. */
export function serialise(state: RoutingState): string {
  return JSON.stringify(state, (_key, value: unknown) => {
    if (value instanceof Map) return { map: [...value.entries()] };
    if (value instanceof Set) return { set: [...value.values()] };
    return value;
  });
}

export class Harness {
  readonly engine: RoutingEngine;
  readonly log: LoggedEvent[] = [];
  readonly staff = new Map<string, StaffSpec>();
  now = 0;
  private ids = 0;

  constructor(readonly services: ServiceSettings = { A: {} }) {
    this.engine = new RoutingEngine({ settingsOf: settingsOfMap(services), newId: () => `o${++this.ids}` });
  }

  get state(): RoutingState {
    return this.engine.state;
  }

  profileOf(staffId: string): CounsellorProfile {
    const s = this.staff.get(staffId);
    if (!s) throw new Error(`unknown staff ${staffId}`);
    return {
      serviceId: s.service,
      pseudonym: staffId,
      supervisor: s.supervisor ?? false,
      languages: s.languages ?? [],
      skills: s.skills ?? [],
    };
  }

  /** Executes one command at the current time and returns its events. */
  run(command: Command): LoggedEvent[] {
    const events = this.engine.execute(command, this.now);
    this.log.push(...events);
    return events;
  }

  /** Moves the clock forward, ticking at every deadline on the way (as the runtime's timer would). */
  advance(seconds: number): LoggedEvent[] {
    const target = this.now + Math.round(seconds * 1000);
    const events: LoggedEvent[] = [];
    for (let next = this.engine.nextDeadline(this.now); next !== null && next <= target; next = this.engine.nextDeadline(this.now)) {
      if (next <= this.now) throw new Error(`deadline ${next} is not after now ${this.now}: a tick did not clear it`);
      this.now = next;
      events.push(...this.run({ type: 'tick' }));
    }
    this.now = target;
    return events;
  }

  /** Registers a counsellor and sets their presence (available unless told). */
  counsellor(staffId: string, spec: StaffSpec, presence: SettablePresence = 'available'): LoggedEvent[] {
    this.staff.set(staffId, spec);
    return this.presence(staffId, presence);
  }

  presence(staffId: string, presence: SettablePresence, by = staffId): LoggedEvent[] {
    return this.run({ type: 'setPresence', staffId, presence, profile: this.profileOf(staffId), by });
  }

  arrive(contactId: string, serviceId = 'A', spec: ArriveSpec = {}): LoggedEvent[] {
    return this.run({
      type: 'arrive',
      contactId,
      serviceId,
      channel: spec.channel ?? 'chat',
      attributes: attributesOf(spec),
      risk: spec.risk ?? 'low',
      carePlan: spec.carePlan ?? null,
    });
  }

  /** The open offer of a contact (fails the test if there is none). */
  offerOf(contactId: string): Offer {
    const offer = this.state.contact(contactId)?.offer;
    if (!offer) throw new Error(`contact ${contactId} has no open offer (state ${this.state.contact(contactId)?.state})`);
    return offer;
  }

  /** Who the contact is offered to now, or null. */
  offeredTo(contactId: string): string | null {
    return this.state.contact(contactId)?.offer?.staffId ?? null;
  }

  accept(contactId: string): LoggedEvent[] {
    const offer = this.offerOf(contactId);
    return this.run({ type: 'accept', offerId: offer.id, staffId: offer.staffId });
  }

  decline(contactId: string): LoggedEvent[] {
    const offer = this.offerOf(contactId);
    return this.run({ type: 'decline', offerId: offer.id, staffId: offer.staffId });
  }

  end(contactId: string, by = 'test'): LoggedEvent[] {
    return this.run({ type: 'end', contactId, by });
  }

  /** The state of a contact, open or closed. */
  stateOf(contactId: string): string | undefined {
    return this.state.contact(contactId)?.state ?? this.state.closedContacts.get(contactId)?.state;
  }

  /** Asserts that the command is refused with `code` and that neither the state nor the log changed. */
  expectRefused(command: Command, code: string, details?: Record<string, unknown>): AppError {
    const before = serialise(this.state);
    const logLength = this.log.length;
    let error: unknown;
    try {
      this.run(command);
    } catch (err) {
      error = err;
    }
    expect(error, `${command.type} should be refused with ${code}`).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe(code);
    if (details) expect(appError.details).toMatchObject(details);
    expect(serialise(this.state)).toBe(before);
    expect(this.log.length).toBe(logLength);
    return appError;
  }
}
