// What each command decides. Every command validates first and emits afterwards, so a refused
// command changes nothing. Authorisation (who may send which command) is the policy module's job;
// here only the state of the engine is checked.
import { AppError } from '../../errors.js';
import {
  answeringService,
  completeIfNoWrapUp,
  counsellorOrNew,
  MAX_WRAP_UP_MS,
  openContact,
  requireState,
  rescindOffer,
  rescindOffersTo,
  supervisorOnDuty,
  targetCounsellor,
  type Touched,
} from './commandHelpers.js';
import { lapseOffer, tick } from './commandTick.js';
import { hasCapacity } from './eligibility.js';
import type { DecisionContext } from './dispatch.js';
import { orderKeyOf } from './priority.js';
import { currentContactId } from './state.js';
import type { Command, Counsellor, CounsellorProfile } from './types.js';

export type { Touched } from './commandHelpers.js';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameProfile = (c: Counsellor, p: CounsellorProfile) =>
  c.pseudonym === p.pseudonym && c.supervisor === p.supervisor && sameList(c.languages, p.languages) && sameList(c.skills, p.skills);

export function decide(ctx: DecisionContext, cmd: Command): Touched {
  const { state, now, settingsOf } = ctx;
  const touched: Touched = { counsellors: [], contacts: [] };
  switch (cmd.type) {
    case 'arrive': {
      if (state.contacts.has(cmd.contactId) || state.closedContacts.has(cmd.contactId)) return touched; // a channel's retry
      ctx.emit({
        type: 'contact.arrived',
        contactId: cmd.contactId,
        serviceId: cmd.serviceId,
        channel: cmd.channel,
        attributes: cmd.attributes,
        risk: cmd.risk,
        carePlan: cmd.carePlan,
        origin: { kind: 'channel' },
        arrivedAt: now,
        orderKey: orderKeyOf(now, cmd.risk),
      });
      touched.contacts.push(cmd.contactId);
      return touched;
    }
    case 'recordOffline': {
      if (state.contacts.has(cmd.contactId) || state.closedContacts.has(cmd.contactId)) throw new AppError('routing.contact_exists');
      const existing = state.counsellors.get(cmd.staffId);
      if (existing && !hasCapacity(state, existing, cmd.channel, settingsOf(existing.serviceId)))
        throw new AppError('routing.capacity_full');
      const c = counsellorOrNew(ctx, cmd.staffId, cmd.profile, touched, null);
      ctx.emit({
        type: 'contact.arrived',
        contactId: cmd.contactId,
        serviceId: cmd.serviceId,
        channel: cmd.channel,
        attributes: cmd.attributes,
        risk: cmd.risk,
        carePlan: null,
        origin: { kind: 'offline' },
        arrivedAt: now,
        orderKey: orderKeyOf(now, cmd.risk),
      });
      ctx.emit({ type: 'contact.accepted', contactId: cmd.contactId, staffId: c.staffId, serviceId: c.serviceId, offerId: null });
      return touched;
    }
    case 'greetingDone': {
      const c = openContact(state, cmd.contactId);
      if (!c.greetingDone) ctx.emit({ type: 'contact.greeting_done', contactId: c.id });
      return touched;
    }
    case 'callerLeft': {
      // The channel knows the caller by the first contact's id: after a transfer they are on its continuation.
      const c = state.contacts.get(currentContactId(state, cmd.contactId));
      if (!c) {
        if (state.closedContacts.has(cmd.contactId)) return touched; // a late hang-up is normal for channels
        throw new AppError('routing.contact_not_found');
      }
      if (c.state === 'queued' || c.state === 'offered') {
        const stage = c.state;
        const offeredTo = c.offer?.staffId;
        rescindOffer(ctx, c);
        ctx.emit({ type: 'contact.abandoned', contactId: c.id, stage });
        if (offeredTo) touched.counsellors.push(offeredTo);
      } else if (c.state === 'active') {
        ctx.emit({
          type: 'contact.ended',
          contactId: c.id,
          by: 'caller',
          wrapUpUntil: now + settingsOf(answeringService(state, c)).wrapUpSeconds * 1000,
        });
        completeIfNoWrapUp(ctx, c, touched);
      }
      return touched;
    }
    case 'setRisk': {
      const c = openContact(state, cmd.contactId);
      if (c.risk !== cmd.risk) {
        ctx.emit({ type: 'contact.risk_changed', contactId: c.id, risk: cmd.risk, orderKey: orderKeyOf(c.arrivedAt, cmd.risk) });
        touched.contacts.push(c.id);
      }
      return touched;
    }
    case 'setPresence': {
      const c = state.counsellors.get(cmd.staffId);
      // The same presence again changes nothing, unless what the engine matches on changed (skills,
      // languages — e.g. a phone registered or unregistered while on duty).
      if (c && c.presence === cmd.presence && c.serviceId === cmd.profile.serviceId && sameProfile(c, cmd.profile)) return touched;
      const moves = c !== undefined && c.serviceId !== cmd.profile.serviceId;
      if (c && (cmd.presence !== 'available' || moves)) touched.contacts.push(...rescindOffersTo(ctx, c));
      ctx.emit({ type: 'presence.changed', staffId: cmd.staffId, presence: cmd.presence, by: cmd.by, profile: cmd.profile });
      if (cmd.presence === 'available') touched.counsellors.push(cmd.staffId);
      // Contacts held by a care plan for this counsellor are free for others while they are away or work for another service.
      if (cmd.presence !== 'available' || moves)
        for (const contact of state.contacts.values())
          if (contact.carePlan?.preferredStaffId === cmd.staffId) touched.contacts.push(contact.id);
      return touched;
    }
    case 'accept': {
      const offer = state.offers.get(cmd.offerId);
      if (!offer) {
        const closed = state.closedOffers.get(cmd.offerId);
        if (!closed || closed.offer.staffId !== cmd.staffId) throw new AppError('routing.offer_not_found');
        if (closed.end === 'accepted') return touched; // the same accept, sent twice
        throw new AppError('routing.offer_closed', { end: closed.end });
      }
      if (offer.staffId !== cmd.staffId) throw new AppError('routing.offer_not_found');
      // Past its deadline the offer is over, whether or not the tick that closes it has run yet.
      if (offer.deadline <= now) throw new AppError('routing.offer_closed', { end: 'expired' });
      const c = state.counsellors.get(cmd.staffId)!;
      ctx.emit({ type: 'contact.accepted', contactId: offer.contactId, staffId: c.staffId, serviceId: c.serviceId, offerId: offer.id });
      return touched;
    }
    case 'decline': {
      const offer = state.offers.get(cmd.offerId);
      if (!offer) {
        const closed = state.closedOffers.get(cmd.offerId);
        if (!closed || closed.offer.staffId !== cmd.staffId) throw new AppError('routing.offer_not_found');
        if (closed.end === 'declined') return touched;
        throw new AppError('routing.offer_closed', { end: closed.end });
      }
      if (offer.staffId !== cmd.staffId) throw new AppError('routing.offer_not_found');
      const skip = now + settingsOf(state.contacts.get(offer.contactId)!.serviceId).declineCooldownSeconds * 1000;
      ctx.emit({
        type: 'offer.closed',
        offerId: offer.id,
        contactId: offer.contactId,
        staffId: offer.staffId,
        end: 'declined',
        skipUntil: skip,
      });
      touched.counsellors.push(offer.staffId);
      touched.contacts.push(offer.contactId);
      return touched;
    }
    case 'noAnswer': {
      // The channel rang the counsellor's phone and nobody picked up: as if the offer had lapsed.
      const offer = state.offers.get(cmd.offerId);
      if (!offer) {
        const closed = state.closedOffers.get(cmd.offerId);
        if (!closed || closed.offer.staffId !== cmd.staffId) throw new AppError('routing.offer_not_found');
        if (closed.end === 'expired') return touched;
        throw new AppError('routing.offer_closed', { end: closed.end });
      }
      if (offer.staffId !== cmd.staffId) throw new AppError('routing.offer_not_found');
      lapseOffer(ctx, offer);
      touched.counsellors.push(offer.staffId);
      touched.contacts.push(offer.contactId);
      return touched;
    }
    case 'end': {
      const c = openContact(state, cmd.contactId);
      requireState(c, 'active');
      ctx.emit({
        type: 'contact.ended',
        contactId: c.id,
        by: cmd.by,
        wrapUpUntil: now + settingsOf(answeringService(state, c)).wrapUpSeconds * 1000,
      });
      completeIfNoWrapUp(ctx, c, touched);
      return touched;
    }
    case 'extendWrapUp': {
      // NaN would become the wrap-up's end and, through nextDeadline, hide every other deadline.
      if (!Number.isFinite(cmd.seconds) || cmd.seconds <= 0) throw new AppError('request.invalid', { field: 'seconds' });
      const c = openContact(state, cmd.contactId);
      requireState(c, 'wrapup');
      const until = Math.min(Math.max(c.wrapUpUntil ?? now, now) + cmd.seconds * 1000, (c.endedAt ?? now) + MAX_WRAP_UP_MS);
      if (until <= (c.wrapUpUntil ?? 0)) throw new AppError('routing.wrapup_limit');
      ctx.emit({ type: 'contact.wrapup_extended', contactId: c.id, wrapUpUntil: until });
      return touched;
    }
    case 'finishWrapUp': {
      const c = openContact(state, cmd.contactId);
      requireState(c, 'wrapup');
      ctx.emit({ type: 'contact.completed', contactId: c.id });
      if (c.staffId) touched.counsellors.push(c.staffId);
      return touched;
    }
    case 'transfer': {
      const c = openContact(state, cmd.contactId);
      requireState(c, 'active');
      if (state.contacts.has(cmd.newContactId) || state.closedContacts.has(cmd.newContactId)) throw new AppError('routing.contact_exists');
      let to: Counsellor | null = null;
      if (cmd.target.kind === 'counsellor') {
        if (cmd.target.staffId === c.staffId) throw new AppError('routing.counsellor_unavailable');
        to = targetCounsellor(ctx, cmd.target.staffId, c);
      } else if (cmd.target.kind === 'supervisor') {
        to = supervisorOnDuty(state, answeringService(state, c), c.channel, settingsOf, c.staffId);
        if (!to) throw new AppError('routing.no_supervisor_on_duty');
      }
      const serviceId = cmd.target.kind === 'queue' ? cmd.target.serviceId : c.serviceId;
      const from = c.staffId;
      ctx.emit({ type: 'contact.transferred', contactId: c.id, toContactId: cmd.newContactId, target: cmd.target });
      ctx.emit({
        type: 'contact.arrived',
        contactId: cmd.newContactId,
        serviceId,
        channel: c.channel,
        attributes: c.attributes,
        risk: c.risk,
        carePlan: null,
        origin: {
          kind: 'transfer',
          fromContactId: c.id,
          firstContactId: c.origin.firstContactId ?? c.origin.fromContactId ?? c.id,
          ...(cmd.note ? { note: cmd.note } : {}),
        },
        arrivedAt: c.arrivedAt,
        orderKey: c.orderKey,
        // The sender handed it on: it is not offered straight back to them (as after a decline).
        ...(from ? { skippedUntil: { [from]: now + settingsOf(serviceId).declineCooldownSeconds * 1000 } } : {}),
      });
      if (to) {
        const deadline = now + settingsOf(to.serviceId).offerTimeoutSeconds * 1000;
        ctx.emit({
          type: 'offer.created',
          offerId: ctx.newId(),
          contactId: cmd.newContactId,
          staffId: to.staffId,
          kind: 'transfer',
          deadline,
        });
      } else {
        touched.contacts.push(cmd.newContactId);
      }
      if (from) touched.counsellors.push(from);
      return touched;
    }
    case 'assign': {
      const c = openContact(state, cmd.contactId);
      requireState(c, 'queued', 'offered');
      if (c.offer?.staffId === cmd.staffId) return touched;
      const to = targetCounsellor(ctx, cmd.staffId, c);
      const previous = c.offer?.staffId;
      rescindOffer(ctx, c);
      const deadline = now + settingsOf(to.serviceId).offerTimeoutSeconds * 1000;
      ctx.emit({ type: 'offer.created', offerId: ctx.newId(), contactId: c.id, staffId: to.staffId, kind: 'assign', deadline });
      if (previous) touched.counsellors.push(previous);
      return touched;
    }
    case 'take': {
      const c = openContact(state, cmd.contactId);
      requireState(c, 'queued', 'offered');
      const existing = state.counsellors.get(cmd.staffId);
      const offeredToMe = c.offer?.staffId === cmd.staffId;
      if (existing && !offeredToMe && !hasCapacity(state, existing, c.channel, settingsOf(existing.serviceId)))
        throw new AppError('routing.capacity_full');
      const me = counsellorOrNew(ctx, cmd.staffId, cmd.profile, touched, c.id);
      const previous = c.offer && !offeredToMe ? c.offer.staffId : null;
      if (!offeredToMe) rescindOffer(ctx, c);
      ctx.emit({
        type: 'contact.accepted',
        contactId: c.id,
        staffId: me.staffId,
        serviceId: me.serviceId,
        offerId: offeredToMe ? c.offer!.id : null,
      });
      if (previous) touched.counsellors.push(previous);
      return touched;
    }
    case 'resume':
      // An open offer past its deadline lapsed while the engine was not running (else a tick would have
      // closed it): nobody could answer it then, so it goes back to the queue without a skip, and its
      // counsellor is not marked not responding.
      for (const offer of [...state.offers.values()]) {
        if (offer.deadline > now) continue;
        rescindOffer(ctx, state.contacts.get(offer.contactId)!);
        touched.counsellors.push(offer.staffId);
        touched.contacts.push(offer.contactId);
      }
      return touched;
    case 'tick':
      return tick(ctx, touched);
  }
}
