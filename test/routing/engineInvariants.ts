// The routing invariants, as checks the property tests run after every command (state) and before
// every event (the decision, judged against the state at the instant it was made). Plain checks
// rather than `expect`: they run hundreds of thousands of times.
import { eligibleTier, type SettingsOf } from '../../src/domain/routing/eligibility.js';
import { compareWaiting } from '../../src/domain/routing/priority.js';
import type { RoutingState } from '../../src/domain/routing/state.js';
import { isTerminal, isText, type Channel, type Counsellor, type LoggedEvent } from '../../src/domain/routing/types.js';

const TERMINAL_EVENTS = new Set(['contact.completed', 'contact.abandoned', 'contact.expired', 'contact.transferred']);

export class InvariantError extends Error {}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new InvariantError(message());
}

function load(state: RoutingState, c: Counsellor, text: boolean): number {
  let n = 0;
  for (const id of c.contactIds) if (isText(state.contact(id)!.channel) === text) n++;
  return n;
}

/** Room for one more contact on this channel, written out from the rule rather than imported. */
function hasRoom(state: RoutingState, c: Counsellor, channel: Channel, settingsOf: SettingsOf): boolean {
  const s = settingsOf(c.serviceId);
  if (channel === 'voice') return load(state, c, false) === 0;
  return load(state, c, true) < s.chatCapacity && !(s.voiceBlocksText && load(state, c, false) > 0);
}

/** Checks one decision against the state just before it is applied (`before` is a replay up to here). */
export function checkDecision(before: RoutingState, e: LoggedEvent, settingsOf: SettingsOf): void {
  if (e.type === 'offer.created') {
    const contact = before.contact(e.contactId);
    const to = before.counsellors.get(e.staffId);
    const what = `${e.kind} offer of ${e.contactId} to ${e.staffId}`;
    check(contact?.state === 'queued', () => `${what}: the contact is ${contact?.state}, not waiting`);
    check(to?.presence === 'available', () => `${what}: the counsellor is ${to?.presence}`);
    check(hasRoom(before, to!, contact!.channel, settingsOf), () => `${what}: no room (capacity, or a voice call blocks text)`);
    if (e.kind !== 'route' && e.kind !== 'careplan') return;
    check(eligibleTier(before, contact!, to!, e.at, settingsOf) !== null, () => `${what}: the counsellor is not eligible`);
    for (const queue of before.queues.values()) {
      for (const id of queue) {
        const other = before.contact(id)!;
        if (other === contact || eligibleTier(before, other, to!, e.at, settingsOf) === null) continue;
        check(compareWaiting(contact!, other) < 0, () => `${what} while ${other.id} (eligible for them) waits ahead of it`);
      }
    }
  }
  if (e.type === 'contact.accepted') {
    const contact = before.contact(e.contactId)!;
    if (e.offerId !== null) {
      check(contact.offer?.id === e.offerId && contact.offer.staffId === e.staffId, () => `accept of ${e.offerId}: not the open offer`);
    } else {
      check(contact.state === 'queued' || contact.state === 'offered', () => `${e.contactId} taken while ${contact.state}`);
      const taker = before.counsellors.get(e.staffId);
      const room = !taker || contact.offer?.staffId === e.staffId || hasRoom(before, taker, contact.channel, settingsOf);
      check(room, () => `${e.staffId} took ${e.contactId} without room`);
    }
  }
}

/** Per contact: it arrives once, has at most one terminal event, and no event after it. */
export class TerminalTracker {
  readonly terminal = new Map<string, string>();
  readonly arrived = new Set<string>();

  see(e: LoggedEvent): void {
    if (!('contactId' in e)) return;
    const id = e.contactId;
    check(!this.terminal.has(id), () => `${e.type} for ${id} after its terminal ${this.terminal.get(id)}`);
    if (e.type === 'contact.arrived') {
      check(!this.arrived.has(id), () => `${id} arrived twice`);
      this.arrived.add(id);
    }
    if (TERMINAL_EVENTS.has(e.type)) this.terminal.set(id, e.type);
  }
}

/** The state invariants after a command: capacity, one holder per contact, offers, queues, saturation. */
export function checkState(state: RoutingState, now: number, settingsOf: SettingsOf): void {
  const holders = new Map<string, string[]>();
  for (const c of state.counsellors.values()) {
    for (const id of c.contactIds) check(state.contact(id) !== undefined, () => `${c.staffId} holds closed contact ${id}`);
    check(load(state, c, false) <= 1, () => `${c.staffId} above voice capacity`);
    check(load(state, c, true) <= settingsOf(c.serviceId).chatCapacity, () => `${c.staffId} above text capacity`);
    for (const id of c.contactIds) holders.set(id, [...(holders.get(id) ?? []), c.staffId]);
  }
  const offersOf = new Map<string, number>();
  for (const o of state.offers.values()) {
    check(state.contact(o.contactId)?.offer === o, () => `open offer ${o.id} is not its contact's offer`);
    check(state.counsellors.get(o.staffId)!.presence === 'available', () => `open offer ${o.id} to a counsellor who is not available`);
    check(o.deadline > now, () => `open offer ${o.id} past its deadline`);
    offersOf.set(o.contactId, (offersOf.get(o.contactId) ?? 0) + 1);
  }
  const queued = new Set<string>();
  for (const [serviceId, queue] of state.queues) {
    for (const id of queue) {
      check(state.contact(id)?.serviceId === serviceId, () => `${id} in the wrong queue`);
      queued.add(id);
    }
  }
  for (const k of state.contacts.values()) {
    const held = holders.get(k.id) ?? [];
    const offers = offersOf.get(k.id) ?? 0;
    check(!isTerminal(k.state), () => `${k.id} is open in terminal state ${k.state}`);
    check(queued.has(k.id) === (k.state === 'queued'), () => `${k.id} (${k.state}) queue membership`);
    if (k.state === 'queued') {
      check(k.offer === null && k.staffId === null && held.length === 0 && offers === 0, () => `waiting ${k.id} is held or offered`);
      for (const c of state.counsellors.values()) {
        check(
          eligibleTier(state, k, c, now, settingsOf) === null,
          () => `saturation: ${k.id} waits while ${c.staffId} is eligible with room`,
        );
      }
    } else if (k.state === 'offered') {
      check(offers === 1, () => `${k.id} has ${offers} open offers`);
      check(held.length === 1 && held[0] === k.offer?.staffId, () => `offered ${k.id} is held by ${held.join(', ')}`);
    } else {
      check(offers === 0, () => `${k.id} (${k.state}) has an open offer`);
      check(held.length === 1 && held[0] === k.staffId, () => `${k.id} (${k.state}) is held by ${held.join(', ')}, not ${k.staffId}`);
    }
  }
}
