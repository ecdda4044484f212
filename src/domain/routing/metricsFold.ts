// The first pass of the operating statistics (metrics.ts, where the definitions are written down):
// one walk over the log that collects the window's contacts of the service with their outcome, and
// each counsellor's handling and available-idle time for the service, clipped to the window.
import type { Channel, LoggedEvent, Presence, Risk } from './types.js';

export interface WindowContact {
  channel: Channel;
  risk: Risk;
  queuedAt: number;
  greetingDone: boolean;
  outcome: 'waiting' | 'answered' | 'abandoned' | 'expired';
  acceptedAt: number | null;
  byPartner: boolean;
  endedAt: number | null;
  completedAt: number | null;
  transferred: boolean;
  abandonedAt: number | null;
  abandonedStage: 'queued' | 'offered' | null;
  abandonedAfterGreeting: boolean;
}

export interface CounsellorTrack {
  /** The service they work for now; null until a `presence.changed` is seen. */
  serviceId: string | null;
  presence: Presence;
  /** Contacts accepted and not yet closed (active or in wrap-up). */
  handling: Set<string>;
  /** Start of the current unchanged stretch. */
  since: number;
  handlingMs: number;
  idleMs: number;
}

export function foldWindow(events: Iterable<LoggedEvent>, serviceId: string, from: number, to: number) {
  const window = new Map<string, WindowContact>();
  let transferredIn = 0;
  let offline = 0;
  /** Who accepted each contact not yet closed (for occupancy), any service. */
  const handledBy = new Map<string, string>();
  const counsellors = new Map<string, CounsellorTrack>();

  const track = (staffId: string, at: number): CounsellorTrack => {
    let c = counsellors.get(staffId);
    if (!c)
      counsellors.set(staffId, (c = { serviceId: null, presence: 'offline', handling: new Set(), since: at, handlingMs: 0, idleMs: 0 }));
    return c;
  };
  /** Books the stretch since the counsellor's last change up to `at`, clipped to the window. */
  const flush = (c: CounsellorTrack, at: number): void => {
    const start = Math.max(c.since, from);
    const end = Math.min(at, to);
    if (end > start && c.serviceId === serviceId) {
      if (c.handling.size > 0) c.handlingMs += end - start;
      else if (c.presence === 'available') c.idleMs += end - start;
    }
    c.since = Math.max(c.since, at);
  };
  const closeContact = (contactId: string, at: number): void => {
    const staffId = handledBy.get(contactId);
    if (staffId === undefined) return;
    handledBy.delete(contactId);
    const c = track(staffId, at);
    flush(c, at);
    c.handling.delete(contactId);
  };

  for (const e of events) {
    if (e.at >= to) continue;
    const w = 'contactId' in e ? window.get(e.contactId) : undefined;
    switch (e.type) {
      case 'contact.arrived': {
        if (e.serviceId !== serviceId || e.at < from) break;
        if (e.origin.kind === 'transfer') transferredIn++;
        else if (e.origin.kind === 'offline') offline++;
        else
          window.set(e.contactId, {
            channel: e.channel,
            risk: e.risk,
            queuedAt: e.at,
            greetingDone: false,
            outcome: 'waiting',
            acceptedAt: null,
            byPartner: false,
            endedAt: null,
            completedAt: null,
            transferred: false,
            abandonedAt: null,
            abandonedStage: null,
            abandonedAfterGreeting: false,
          });
        break;
      }
      case 'contact.greeting_done':
        if (w) w.greetingDone = true;
        break;
      case 'contact.risk_changed':
        if (w) w.risk = e.risk;
        break;
      case 'contact.accepted': {
        if (w) {
          w.outcome = 'answered';
          w.acceptedAt = e.at;
          w.byPartner = e.serviceId !== serviceId;
        }
        const c = track(e.staffId, e.at);
        flush(c, e.at);
        c.handling.add(e.contactId);
        handledBy.set(e.contactId, e.staffId);
        break;
      }
      case 'contact.ended':
        if (w) w.endedAt = e.at;
        break;
      case 'contact.completed':
        if (w) w.completedAt = e.at;
        closeContact(e.contactId, e.at);
        break;
      case 'contact.transferred':
        if (w) w.transferred = true;
        closeContact(e.contactId, e.at);
        break;
      case 'contact.abandoned':
        if (w) {
          w.outcome = 'abandoned';
          w.abandonedStage = e.stage;
          w.abandonedAfterGreeting = w.greetingDone;
          w.abandonedAt = e.at;
        }
        closeContact(e.contactId, e.at);
        break;
      case 'contact.expired':
        if (w) w.outcome = 'expired';
        closeContact(e.contactId, e.at);
        break;
      case 'presence.changed': {
        const c = track(e.staffId, e.at);
        flush(c, e.at);
        c.presence = e.presence;
        c.serviceId = e.profile.serviceId;
        break;
      }
      case 'offer.created':
      case 'offer.closed':
      case 'contact.wrapup_extended':
        break;
    }
  }
  for (const c of counsellors.values()) flush(c, to);
  return { window, transferredIn, offline, counsellors };
}
