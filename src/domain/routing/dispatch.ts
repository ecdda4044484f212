// Matching waiting contacts with free counsellors. The engine keeps the queue "saturated": after
// every command there is no waiting contact with an eligible counsellor who has room. So a change
// only needs to look at what it touched — a new waiting contact looks for a counsellor, a counsellor
// with new room takes the best contact eligible for them — and the order rule holds (priority.ts).
// Only the passage of time (widening targets, care plans, skip cooldowns) needs a full pass (tick).
import { eligibleTier, type SettingsOf } from './eligibility.js';
import { compareWaiting } from './priority.js';
import type { RoutingState } from './state.js';
import type { Contact, Counsellor, RoutingEvent } from './types.js';

export interface DecisionContext {
  state: RoutingState;
  now: number;
  settingsOf: SettingsOf;
  emit(event: RoutingEvent): void;
  newId(): string;
}

function offer(ctx: DecisionContext, contact: Contact, c: Counsellor, kind: 'route' | 'careplan'): void {
  const deadline = ctx.now + ctx.settingsOf(c.serviceId).offerTimeoutSeconds * 1000;
  ctx.emit({ type: 'offer.created', offerId: ctx.newId(), contactId: contact.id, staffId: c.staffId, kind, deadline });
}

/** Counsellors of the services that are targets of this contact now (eligibility is checked after). */
function* candidatesFor(ctx: DecisionContext, contact: Contact): Generator<Counsellor> {
  const { state, settingsOf, now } = ctx;
  const home = settingsOf(contact.serviceId);
  const waited = (now - contact.queuedAt) / 1000;
  const services = [contact.serviceId];
  if (waited >= home.partnerAfterSeconds) services.push(...home.partnerServiceIds);
  if (home.nationalBackupAfterSeconds !== null && waited >= home.nationalBackupAfterSeconds) {
    for (const id of state.staffByService.keys()) if (!services.includes(id) && settingsOf(id).nationalBackup) services.push(id);
  }
  for (const serviceId of new Set(services)) {
    for (const staffId of state.staffByService.get(serviceId) ?? []) {
      const c = state.counsellors.get(staffId);
      if (c) yield c;
    }
  }
}

/**
 * The best counsellor for a waiting contact: care-plan counsellor, then own service first, then
 * those with no contacts before those already handling one (a chat counsellor with room is not
 * idle), then longest idle.
 */
export function bestCounsellorFor(ctx: DecisionContext, contact: Contact): Counsellor | null {
  let best: Counsellor | null = null;
  let bestRank: [number, number, number, string] | null = null;
  for (const c of candidatesFor(ctx, contact)) {
    const tier = eligibleTier(ctx.state, contact, c, ctx.now, ctx.settingsOf);
    if (tier === null) continue;
    const preferred = contact.carePlan?.preferredStaffId === c.staffId ? -1 : tier;
    const rank: [number, number, number, string] = [preferred, c.contactIds.size > 0 ? 1 : 0, c.idleSince, c.staffId];
    if (!bestRank || rankBefore(rank, bestRank)) {
      best = c;
      bestRank = rank;
    }
  }
  return best;
}

/** Lexicographic order of two ranks: true when `a` goes first. */
function rankBefore(a: readonly (number | string)[], b: readonly (number | string)[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

function matchContact(ctx: DecisionContext, contact: Contact): boolean {
  if (contact.state !== 'queued') return false;
  const c = bestCounsellorFor(ctx, contact);
  if (!c) return false;
  offer(ctx, contact, c, contact.carePlan?.preferredStaffId === c.staffId ? 'careplan' : 'route');
  return true;
}

/** The best waiting contact this counsellor may be offered now, over every queue. */
export function bestContactFor(ctx: DecisionContext, c: Counsellor): Contact | null {
  let best: Contact | null = null;
  for (const queue of ctx.state.queues.values()) {
    for (const id of queue) {
      const contact = ctx.state.contacts.get(id);
      if (!contact || (best && compareWaiting(contact, best) >= 0)) continue;
      if (eligibleTier(ctx.state, contact, c, ctx.now, ctx.settingsOf) !== null) best = contact;
    }
  }
  return best;
}

function matchCounsellor(ctx: DecisionContext, c: Counsellor): void {
  // Each offer uses capacity, so this ends; the bound guards against a settings bug looping forever.
  for (let i = 0; i < 64; i++) {
    const contact = bestContactFor(ctx, c);
    if (!contact) return;
    const target = bestCounsellorFor(ctx, contact);
    // The contact may have someone better placed (own service, care plan): it goes there, and this
    // counsellor looks again.
    offer(ctx, contact, target ?? c, target && contact.carePlan?.preferredStaffId === target.staffId ? 'careplan' : 'route');
  }
}

/**
 * After a command: new room for touched counsellors first, then touched contacts that still wait,
 * in queue order (several can wait again at once, e.g. when a counsellor with two offers leaves).
 */
export function dispatchTouched(ctx: DecisionContext, counsellors: Iterable<string>, contacts: Iterable<string>): void {
  for (const id of counsellors) {
    const c = ctx.state.counsellors.get(id);
    if (c) matchCounsellor(ctx, c);
  }
  const waiting: Contact[] = [];
  for (const id of new Set(contacts)) {
    const contact = ctx.state.contacts.get(id);
    if (contact) waiting.push(contact);
  }
  waiting.sort(compareWaiting);
  for (const contact of waiting) matchContact(ctx, contact);
}

/** A full pass in queue order, for when time alone changed who is eligible. */
export function dispatchAll(ctx: DecisionContext): void {
  const waiting: Contact[] = [];
  for (const queue of ctx.state.queues.values()) for (const id of queue) waiting.push(ctx.state.contacts.get(id)!);
  waiting.sort(compareWaiting);
  for (const contact of waiting) matchContact(ctx, contact);
}
