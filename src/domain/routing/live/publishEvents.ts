// Turns committed routing events into realtime messages: a counsellor hears of their own offers,
// contacts and presence on `user:<id>`; a service's live board hears "something changed" on
// `board:<serviceId>` (once per batch, then it re-reads the board), so fan-out stays small.
import type { RealtimeEvent } from '../../../db/unitOfWork.js';
import type { RoutingState } from '../state.js';
import type { Contact, LoggedEvent } from '../types.js';
import { contactView, offerView } from './views.js';

export function realtimeOf(events: readonly LoggedEvent[], state: RoutingState, known: ReadonlyMap<string, Contact>): RealtimeEvent[] {
  const out: RealtimeEvent[] = [];
  const boards = new Set<string>();
  const contactOf = (id: string) => state.contacts.get(id) ?? known.get(id);
  for (const e of events) {
    switch (e.type) {
      case 'offer.created': {
        const c = contactOf(e.contactId);
        const offer = state.offers.get(e.offerId);
        if (c && offer) out.push({ topic: `user:${e.staffId}`, name: 'routing.offer', data: offerView(offer, c, e.at) });
        break;
      }
      case 'offer.closed':
        out.push({
          topic: `user:${e.staffId}`,
          name: 'routing.offer_closed',
          data: { offerId: e.offerId, contactId: e.contactId, end: e.end },
        });
        break;
      case 'contact.accepted':
      case 'contact.ended':
      case 'contact.wrapup_extended':
      case 'contact.completed':
      case 'contact.transferred':
      case 'contact.risk_changed': {
        const c = contactOf(e.contactId);
        if (c?.staffId) out.push({ topic: `user:${c.staffId}`, name: 'routing.contact', data: contactView(c, e.at) });
        break;
      }
      case 'presence.changed':
        out.push({
          topic: `user:${e.staffId}`,
          name: 'routing.presence',
          data: { presence: e.presence, serviceId: e.profile.serviceId, by: e.by },
        });
        boards.add(e.profile.serviceId);
        break;
      default:
        break;
    }
    if ('contactId' in e) {
      const c = contactOf(e.contactId);
      if (c) {
        boards.add(c.serviceId);
        if (c.answeredByServiceId) boards.add(c.answeredByServiceId);
      }
    }
    if (e.type === 'offer.created') {
      const staff = state.counsellors.get(e.staffId);
      if (staff) boards.add(staff.serviceId);
    }
  }
  for (const serviceId of boards) out.push({ topic: `board:${serviceId}`, name: 'routing.board', data: { serviceId } });
  return out;
}
