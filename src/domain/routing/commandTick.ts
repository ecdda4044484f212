// The engine's clock: deadlines that passed (offers lapse — the counsellor goes to "not responding" —,
// wrap-ups end, contacts that waited longer than the service allows expire).
import type { DecisionContext } from './dispatch.js';
import { rescindOffer, type Touched } from './commandHelpers.js';
import type { Offer } from './types.js';

/** Deadlines that passed: offers lapse, wrap-ups end, contacts that waited too long expire. */
export function tick(ctx: DecisionContext, touched: Touched): Touched {
  const { state, now, settingsOf } = ctx;
  for (const offer of [...state.offers.values()]) {
    if (offer.deadline > now || !state.offers.has(offer.id)) continue;
    lapseOffer(ctx, offer);
  }
  for (const contact of [...state.contacts.values()]) {
    if (contact.state === 'wrapup' && (contact.wrapUpUntil ?? 0) <= now) {
      ctx.emit({ type: 'contact.completed', contactId: contact.id });
      if (contact.staffId) touched.counsellors.push(contact.staffId);
    } else if (
      (contact.state === 'queued' || contact.state === 'offered') &&
      now - contact.queuedAt >= settingsOf(contact.serviceId).maxWaitSeconds * 1000
    ) {
      const offeredTo = contact.offer?.staffId;
      rescindOffer(ctx, contact);
      ctx.emit({ type: 'contact.expired', contactId: contact.id });
      if (offeredTo) touched.counsellors.push(offeredTo);
    }
  }
  return touched;
}

/**
 * An offer nobody answered: closed as expired, the counsellor skipped for the cooldown and — not at the
 * desk, it seems — set to "not responding" with their other offers taken back. The tick does this at
 * the deadline; a phone channel does it when the ringing phone was not picked up.
 */
export function lapseOffer(ctx: DecisionContext, offer: Offer): void {
  const { state, now, settingsOf } = ctx;
  const contact = state.contacts.get(offer.contactId)!;
  const skip = now + settingsOf(contact.serviceId).declineCooldownSeconds * 1000;
  ctx.emit({
    type: 'offer.closed',
    offerId: offer.id,
    contactId: offer.contactId,
    staffId: offer.staffId,
    end: 'expired',
    skipUntil: skip,
  });
  const c = state.counsellors.get(offer.staffId);
  if (c && c.presence === 'available') {
    // A counsellor who lets an offer lapse is not at the desk: no more offers until they come back.
    for (const id of c.contactIds) {
      const other = state.contacts.get(id)!;
      if (other.state === 'offered' && other.offer?.staffId === c.staffId) rescindOffer(ctx, other);
    }
    const profile = { serviceId: c.serviceId, pseudonym: c.pseudonym, supervisor: c.supervisor, languages: c.languages, skills: c.skills };
    ctx.emit({ type: 'presence.changed', staffId: c.staffId, presence: 'not_responding', by: 'system', profile });
  }
}
