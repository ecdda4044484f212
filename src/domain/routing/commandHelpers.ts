// What the commands share: the contact a command is about (open, or why not), the counsellor on
// duty where the command says, withdrawing offers, the state a command needs, the targeted counsellor,
// the supervisor on duty, the service answering a contact, and completing a contact without wrap-up.
import { AppError } from '../../errors.js';
import { canTakeTargeted, type SettingsOf } from './eligibility.js';
import type { DecisionContext } from './dispatch.js';
import type { RoutingState } from './state.js';
import type { Contact, Counsellor, CounsellorProfile } from './types.js';

/** What a command touched: counsellors who may have new room, contacts that may now wait. */
export interface Touched {
  counsellors: string[];
  contacts: string[];
}

export const MAX_WRAP_UP_MS = 30 * 60 * 1000;

export function openContact(state: RoutingState, id: string): Contact {
  const c = state.contacts.get(id);
  if (c) return c;
  if (state.closedContacts.has(id)) throw new AppError('routing.contact_closed', { state: state.closedContacts.get(id)!.state });
  throw new AppError('routing.contact_not_found');
}

/** The counsellor on duty for `profile.serviceId`; one who works elsewhere now moves there (their offers go back, see below). */
export function counsellorOrNew(
  ctx: DecisionContext,
  staffId: string,
  profile: CounsellorProfile,
  touched: Touched,
  keep: string | null,
): Counsellor {
  const existing = ctx.state.counsellors.get(staffId);
  if (existing && existing.serviceId === profile.serviceId) return existing;
  if (existing) touched.contacts.push(...rescindOffersTo(ctx, existing, keep));
  ctx.emit({ type: 'presence.changed', staffId, presence: existing?.presence ?? 'offline', by: staffId, profile });
  return ctx.state.counsellors.get(staffId)!;
}

export function rescindOffer(ctx: DecisionContext, contact: Contact): void {
  if (!contact.offer) return;
  const o = contact.offer;
  ctx.emit({ type: 'offer.closed', offerId: o.id, contactId: contact.id, staffId: o.staffId, end: 'rescinded', skipUntil: null });
}

/**
 * Withdraws the offers pending for a counsellor who leaves the desk or moves to another service (an
 * offer made for one service is not taken while working for another), except `keep`; returns their contacts.
 */
export function rescindOffersTo(ctx: DecisionContext, c: Counsellor, keep: string | null = null): string[] {
  const rescinded: string[] = [];
  for (const id of [...c.contactIds]) {
    const contact = ctx.state.contacts.get(id)!;
    if (id !== keep && contact.state === 'offered' && contact.offer?.staffId === c.staffId) {
      rescindOffer(ctx, contact);
      rescinded.push(id);
    }
  }
  return rescinded;
}

export function requireState(contact: Contact, ...states: Contact['state'][]): void {
  if (!states.includes(contact.state)) throw new AppError('routing.invalid_state', { state: contact.state });
}

export function targetCounsellor(ctx: DecisionContext, staffId: string, contact: Contact): Counsellor {
  const c = ctx.state.counsellors.get(staffId);
  if (!c || !canTakeTargeted(ctx.state, c, contact.channel, ctx.settingsOf)) throw new AppError('routing.counsellor_unavailable');
  return c;
}

/** The supervisor on duty for a service: an available supervisor with room, longest idle first. */
export function supervisorOnDuty(
  state: RoutingState,
  serviceId: string,
  channel: Contact['channel'],
  settingsOf: SettingsOf,
  except: string | null,
): Counsellor | null {
  let best: Counsellor | null = null;
  for (const id of state.staffByService.get(serviceId) ?? []) {
    const c = state.counsellors.get(id)!;
    if (!c.supervisor || c.staffId === except || !canTakeTargeted(state, c, channel, settingsOf)) continue;
    if (!best || c.idleSince < best.idleSince || (c.idleSince === best.idleSince && c.staffId < best.staffId)) best = c;
  }
  return best;
}

export function answeringService(state: RoutingState, c: Contact): string {
  return c.answeredByServiceId ?? (c.staffId ? state.counsellors.get(c.staffId)?.serviceId : undefined) ?? c.serviceId;
}

export function completeIfNoWrapUp(ctx: DecisionContext, c: Contact, touched: Touched): void {
  if ((c.wrapUpUntil ?? 0) <= ctx.now) {
    ctx.emit({ type: 'contact.completed', contactId: c.id });
    if (c.staffId) touched.counsellors.push(c.staffId);
  }
}
