// The engine's state and the one function that changes it: `applyEvent`. Decisions (commands.ts,
// dispatch.ts) only ever emit events; replaying the log through `applyEvent` rebuilds the same state.
import {
  isText,
  type Channel,
  type Contact,
  type ContactState,
  type Counsellor,
  type LoggedEvent,
  type Offer,
  type RoutingEvent,
} from './types.js';

/** What is kept of a contact after it ends, so late commands get a precise answer. */
export interface ClosedContact {
  id: string;
  serviceId: string;
  state: ContactState;
  staffId: string | null;
  closedAt: number;
  /** For a transferred contact: the contact that continues it (where the caller now is). */
  transferredTo?: string;
}

export interface ClosedOffer {
  offer: Offer;
  end: 'accepted' | 'declined' | 'expired' | 'rescinded';
  closedAt: number;
}

export class RoutingState {
  readonly contacts = new Map<string, Contact>();
  readonly counsellors = new Map<string, Counsellor>();
  readonly offers = new Map<string, Offer>();
  /** Waiting (not offered) contacts per home service. */
  readonly queues = new Map<string, Set<string>>();
  readonly closedContacts = new Map<string, ClosedContact>();
  readonly closedOffers = new Map<string, ClosedOffer>();
  /** Counsellors by the service they work for now (the candidates of that service's contacts). */
  readonly staffByService = new Map<string, Set<string>>();

  queueOf(serviceId: string): Set<string> {
    let q = this.queues.get(serviceId);
    if (!q) this.queues.set(serviceId, (q = new Set()));
    return q;
  }

  contact(id: string): Contact | undefined {
    return this.contacts.get(id);
  }

  /** Contacts offered to, active with or in wrap-up for a counsellor, on one kind of channel. */
  loadOf(c: Counsellor, channel: Channel): number {
    let n = 0;
    for (const id of c.contactIds) {
      const contact = this.contacts.get(id);
      if (contact && isText(contact.channel) === isText(channel)) n++;
    }
    return n;
  }

  /**
   * Forget closed contacts and offers older than `before` (they only serve late commands' answers).
   * Entries are kept in the order they closed, so this stops at the first one still young enough.
   */
  prune(before: number): void {
    for (const [id, c] of this.closedContacts) {
      if (c.closedAt >= before) break;
      this.closedContacts.delete(id);
    }
    for (const [id, o] of this.closedOffers) {
      if (o.closedAt >= before) break;
      this.closedOffers.delete(id);
    }
  }
}

function mustContact(state: RoutingState, id: string): Contact {
  const c = state.contacts.get(id);
  if (!c) throw new Error(`routing log inconsistent: no open contact ${id}`);
  return c;
}

function release(state: RoutingState, staffId: string | null, contactId: string, at: number): void {
  if (!staffId) return;
  const c = state.counsellors.get(staffId);
  if (!c) return;
  c.contactIds.delete(contactId);
  if (c.contactIds.size === 0) c.idleSince = at;
}

function close(state: RoutingState, contact: Contact, to: ContactState, at: number): void {
  contact.state = to;
  contact.closedAt = at;
  state.queues.get(contact.serviceId)?.delete(contact.id);
  release(state, contact.staffId, contact.id, at);
  if (contact.offer) {
    state.offers.delete(contact.offer.id);
    release(state, contact.offer.staffId, contact.id, at);
  }
  state.contacts.delete(contact.id);
  state.closedContacts.set(contact.id, {
    id: contact.id,
    serviceId: contact.serviceId,
    state: to,
    staffId: contact.staffId,
    closedAt: at,
    ...(contact.transferredTo ? { transferredTo: contact.transferredTo } : {}),
  });
}

/** Where the caller of a contact is now: the contact itself, or the end of its chain of transfers (as far as remembered). */
export function currentContactId(state: RoutingState, id: string): string {
  for (let closed = state.closedContacts.get(id); closed?.transferredTo; closed = state.closedContacts.get(id)) id = closed.transferredTo;
  return id;
}

/** How long closed contacts and offers are remembered, so that late commands get a precise answer. */
export const CLOSED_RETENTION_MS = 60 * 60 * 1000;

/**
 * Applies one decision. Forgetting old closed contacts happens here too, at the event's own time,
 * so that a replay of the log forgets exactly what the live engine forgot (a command's answer, e.g.
 * whether an `arrive` is a retry, depends on what is remembered).
 */
export function applyEvent(state: RoutingState, event: RoutingEvent, at: number): void {
  applyDecision(state, event, at);
  state.prune(at - CLOSED_RETENTION_MS);
}

function applyDecision(state: RoutingState, event: RoutingEvent, at: number): void {
  switch (event.type) {
    case 'contact.arrived': {
      const contact: Contact = {
        id: event.contactId,
        serviceId: event.serviceId,
        channel: event.channel,
        attributes: event.attributes,
        risk: event.risk,
        carePlan: event.carePlan,
        origin: event.origin,
        state: 'queued',
        arrivedAt: event.arrivedAt,
        queuedAt: at,
        orderKey: event.orderKey,
        offer: null,
        skippedUntil: { ...event.skippedUntil },
        staffId: null,
        answeredByServiceId: null,
        acceptedAt: null,
        endedAt: null,
        wrapUpUntil: null,
        closedAt: null,
        abandonedStage: null,
        afterGreeting: null,
        greetingDone: false,
        transferredTo: null,
      };
      state.contacts.set(contact.id, contact);
      state.queueOf(contact.serviceId).add(contact.id);
      return;
    }
    case 'contact.greeting_done':
      mustContact(state, event.contactId).greetingDone = true;
      return;
    case 'contact.risk_changed': {
      const c = mustContact(state, event.contactId);
      c.risk = event.risk;
      c.orderKey = event.orderKey;
      return;
    }
    case 'offer.created': {
      const c = mustContact(state, event.contactId);
      const offer: Offer = {
        id: event.offerId,
        contactId: c.id,
        staffId: event.staffId,
        kind: event.kind,
        createdAt: at,
        deadline: event.deadline,
      };
      c.state = 'offered';
      c.offer = offer;
      state.queues.get(c.serviceId)?.delete(c.id);
      state.offers.set(offer.id, offer);
      state.counsellors.get(event.staffId)?.contactIds.add(c.id);
      return;
    }
    case 'offer.closed': {
      const c = mustContact(state, event.contactId);
      const offer = state.offers.get(event.offerId);
      if (offer) state.closedOffers.set(offer.id, { offer, end: event.end, closedAt: at });
      state.offers.delete(event.offerId);
      c.offer = null;
      c.state = 'queued';
      if (event.skipUntil !== null) c.skippedUntil[event.staffId] = event.skipUntil;
      state.queueOf(c.serviceId).add(c.id);
      const counsellor = state.counsellors.get(event.staffId);
      counsellor?.contactIds.delete(c.id);
      return;
    }
    case 'contact.accepted': {
      const c = mustContact(state, event.contactId);
      if (c.offer) {
        state.closedOffers.set(c.offer.id, { offer: c.offer, end: 'accepted', closedAt: at });
        state.offers.delete(c.offer.id);
        c.offer = null;
      }
      c.state = 'active';
      c.staffId = event.staffId;
      c.answeredByServiceId = event.serviceId;
      c.acceptedAt = at;
      state.queues.get(c.serviceId)?.delete(c.id);
      state.counsellors.get(event.staffId)?.contactIds.add(c.id);
      return;
    }
    case 'contact.ended': {
      const c = mustContact(state, event.contactId);
      c.state = 'wrapup';
      c.endedAt = at;
      c.wrapUpUntil = event.wrapUpUntil;
      return;
    }
    case 'contact.wrapup_extended':
      mustContact(state, event.contactId).wrapUpUntil = event.wrapUpUntil;
      return;
    case 'contact.completed':
      close(state, mustContact(state, event.contactId), 'completed', at);
      return;
    case 'contact.abandoned': {
      const c = mustContact(state, event.contactId);
      c.abandonedStage = event.stage;
      c.afterGreeting = c.greetingDone;
      close(state, c, 'abandoned', at);
      return;
    }
    case 'contact.expired':
      close(state, mustContact(state, event.contactId), 'expired', at);
      return;
    case 'contact.transferred': {
      const c = mustContact(state, event.contactId);
      c.transferredTo = event.toContactId;
      close(state, c, 'transferred', at);
      return;
    }
    case 'presence.changed': {
      const existing = state.counsellors.get(event.staffId);
      const becameAvailable = event.presence === 'available' && existing?.presence !== 'available';
      const c: Counsellor = existing ?? {
        staffId: event.staffId,
        serviceId: event.profile.serviceId,
        pseudonym: event.profile.pseudonym,
        supervisor: event.profile.supervisor,
        presence: 'offline',
        presenceSince: at,
        languages: [],
        skills: [],
        idleSince: at,
        contactIds: new Set(),
      };
      if (existing && existing.serviceId !== event.profile.serviceId) state.staffByService.get(existing.serviceId)?.delete(c.staffId);
      c.serviceId = event.profile.serviceId;
      let members = state.staffByService.get(c.serviceId);
      if (!members) state.staffByService.set(c.serviceId, (members = new Set()));
      members.add(c.staffId);
      c.pseudonym = event.profile.pseudonym;
      c.supervisor = event.profile.supervisor;
      c.languages = [...event.profile.languages];
      c.skills = [...event.profile.skills];
      if (c.presence !== event.presence) c.presenceSince = at;
      c.presence = event.presence;
      if (becameAvailable && c.contactIds.size === 0) c.idleSince = at;
      state.counsellors.set(c.staffId, c);
      return;
    }
  }
}

/** Replays logged events (in log order) into a fresh state. */
export function replay(events: Iterable<LoggedEvent>, into = new RoutingState()): RoutingState {
  for (const e of events) applyEvent(into, e, e.at);
  return into;
}
