// What staff see of the engine's state: a contact card, a counsellor's workstation, a service's live
// board. No caller identifier ever leaves here (the caller key stays inside the engine).
import { hasCapacity, type SettingsOf } from '../eligibility.js';
import { compareWaiting, RISK_RANK } from '../priority.js';
import type { RoutingState } from '../state.js';
import { RISKS, type Contact, type Counsellor, type Offer, type Risk, type ShownPresence } from '../types.js';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function contactView(c: Contact, now: number) {
  return {
    id: c.id,
    serviceId: c.serviceId,
    channel: c.channel,
    state: c.state,
    risk: c.risk,
    language: c.attributes.language,
    region: c.attributes.region,
    origin: c.origin.kind,
    transferNote: c.origin.note ?? null,
    fromContactId: c.origin.fromContactId ?? null,
    /** The first contact of a transfer chain (itself if none): how channels, and a web chat, know the caller. */
    firstContactId: c.origin.firstContactId ?? c.origin.fromContactId ?? c.id,
    carePlan: c.carePlan !== null,
    arrivedAt: new Date(c.arrivedAt).toISOString(),
    queuedAt: new Date(c.queuedAt).toISOString(),
    waitedSeconds: Math.max(0, Math.round(((c.acceptedAt ?? now) - c.queuedAt) / 1000)),
    staffId: c.staffId,
    answeredByServiceId: c.answeredByServiceId,
    acceptedAt: iso(c.acceptedAt),
    endedAt: iso(c.endedAt),
    wrapUpUntil: iso(c.wrapUpUntil),
    closedAt: iso(c.closedAt),
    offeredTo: c.offer?.staffId ?? null,
  };
}

export type ContactView = ReturnType<typeof contactView>;

export function offerView(o: Offer, c: Contact, now: number) {
  return {
    id: o.id,
    kind: o.kind,
    createdAt: new Date(o.createdAt).toISOString(),
    deadline: new Date(o.deadline).toISOString(),
    contact: contactView(c, now),
  };
}

export function shownPresence(state: RoutingState, c: Counsellor): ShownPresence {
  if (c.presence !== 'available') return c.presence;
  let wrapup = false;
  for (const id of c.contactIds) {
    const contact = state.contacts.get(id);
    if (contact?.state === 'active') return 'busy';
    if (contact?.state === 'wrapup') wrapup = true;
  }
  return wrapup ? 'wrapup' : 'available';
}

export function counsellorView(state: RoutingState, c: Counsellor, now: number, settingsOf: SettingsOf) {
  const contacts = [...c.contactIds].map((id) => state.contacts.get(id)).filter((x): x is Contact => x !== undefined);
  return {
    staffId: c.staffId,
    serviceId: c.serviceId,
    pseudonym: c.pseudonym,
    supervisor: c.supervisor,
    presence: c.presence,
    shown: shownPresence(state, c),
    since: new Date(c.presenceSince).toISOString(),
    languages: c.languages,
    free: { voice: hasCapacity(state, c, 'voice', settingsOf(c.serviceId)), text: hasCapacity(state, c, 'chat', settingsOf(c.serviceId)) },
    contacts: contacts.filter((x) => x.staffId === c.staffId).map((x) => contactView(x, now)),
    offers: contacts.filter((x) => x.offer?.staffId === c.staffId).map((x) => offerView(x.offer!, x, now)),
  };
}

/** A counsellor's workstation; null (or a counsellor not on duty) shows the off-duty screen. */
export function workstationView(state: RoutingState, staffId: string | null, now: number, settingsOf: SettingsOf) {
  const c = staffId === null ? undefined : state.counsellors.get(staffId);
  const at = new Date(now).toISOString();
  if (!c) return { at, onDuty: false, presence: 'offline' as const, shown: 'offline' as const, serviceId: null, contacts: [], offers: [] };
  const v = counsellorView(state, c, now, settingsOf);
  return { at, onDuty: true, presence: v.presence, shown: v.shown, serviceId: v.serviceId, contacts: v.contacts, offers: v.offers };
}

export interface BoardAlert {
  kind: 'risk_waiting' | 'nobody_available' | 'sl_below_target';
  risk?: Risk;
  contactId?: string;
  waitedSeconds?: number;
  /** For `sl_below_target`: the service level of the last 15 minutes. */
  value?: number;
}

/** The live board of one service: its queue by risk, its counsellors, and what needs attention now. */
export function boardView(state: RoutingState, serviceId: string, now: number, settingsOf: SettingsOf) {
  const waiting: Contact[] = [];
  const handled: Contact[] = [];
  for (const c of state.contacts.values()) {
    if (c.serviceId !== serviceId) continue;
    if (c.state === 'queued' || c.state === 'offered') waiting.push(c);
    else handled.push(c);
  }
  waiting.sort(compareWaiting);
  const byRisk = Object.fromEntries(RISKS.map((r) => [r, 0])) as Record<Risk, number>;
  for (const c of waiting) byRisk[c.risk]++;
  const counsellors = [...(state.staffByService.get(serviceId) ?? [])]
    .map((id) => state.counsellors.get(id)!)
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym, 'ru') || a.staffId.localeCompare(b.staffId))
    .map((c) => counsellorView(state, c, now, settingsOf));
  const available = counsellors.filter((c) => c.presence === 'available');
  const longest = waiting.reduce((m, c) => Math.max(m, now - c.queuedAt), 0);
  const alerts: BoardAlert[] = [];
  for (const c of waiting) {
    if (RISK_RANK[c.risk] >= RISK_RANK.high)
      alerts.push({ kind: 'risk_waiting', risk: c.risk, contactId: c.id, waitedSeconds: Math.round((now - c.queuedAt) / 1000) });
  }
  if (available.length === 0) alerts.push({ kind: 'nobody_available' });
  return {
    serviceId,
    at: new Date(now).toISOString(),
    queue: {
      waiting: waiting.length,
      byRisk,
      longestWaitSeconds: Math.round(longest / 1000),
      contacts: waiting.map((c) => contactView(c, now)),
    },
    handling: handled.map((c) => contactView(c, now)),
    counsellors,
    availableCount: available.length,
    freeCount: available.filter((c) => c.free.voice || c.free.text).length,
    alerts,
  };
}

export type BoardView = ReturnType<typeof boardView>;
