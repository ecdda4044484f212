// Contacts handed in by channels (SIP edge, chat, messenger bots). The caller's identifier is turned
// into the caller key here and forgotten: only the keyed HMAC reaches the engine and the log.
import type { Database } from '../../../db/database.js';
import { AppError } from '../../../errors.js';
import { callerKey, type IdentifierKind } from '../../privacy/callerKey.js';
import { currentContactId } from '../state.js';
import { isTerminal, type Channel, type ContactState, type Risk } from '../types.js';
import type { RoutingRuntime } from './routingRuntime.js';
import { contactView } from './views.js';

export interface IngressDeps {
  db: Database;
  routing: RoutingRuntime;
  clock: () => Date;
  pepper: Buffer;
}

export interface IncomingContact {
  contactId: string;
  serviceId: string;
  channel: Channel;
  language: string | null;
  region: string | null;
  skills: string[];
  risk: Risk;
  caller: { kind: IdentifierKind; value: string } | null;
}

/**
 * A language as counsellors' profiles hold it (ISO 639, lower case): channels send BCP 47 tags in any
 * case ('RU', 'ru-RU', 'ru_RU'); without this such a contact matches no counsellor and waits until it expires.
 */
export const languageOf = (tag: string | null): string | null => (tag === null ? null : tag.toLowerCase().split(/[-_]/)[0] || null);

export async function receiveContact(deps: IngressDeps, input: IncomingContact) {
  const service = await deps.db.selectFrom('services').select(['id', 'active']).where('id', '=', input.serviceId).executeTakeFirst();
  if (!service || !service.active) throw new AppError('service.not_found');
  // A channel's retry of a contact that ended long ago (the engine remembers closed contacts for an hour).
  const logged = await deps.db
    .selectFrom('routing_contacts')
    .select(['service_id', 'state'])
    .where('id', '=', input.contactId)
    .executeTakeFirst();
  if (logged && (logged.service_id !== input.serviceId || isTerminal(logged.state))) {
    if (logged.service_id !== input.serviceId) throw new AppError('routing.contact_exists');
    return { contact: null, state: logged.state };
  }
  const key = input.caller ? callerKey(deps.pepper, input.caller.kind, input.caller.value) : null;
  const plan = key
    ? await deps.db
        .selectFrom('care_plans')
        .select('preferred_staff_id')
        .where('service_id', '=', input.serviceId)
        .where('caller_key', '=', key)
        .executeTakeFirst()
    : undefined;
  return deps.routing.submit({
    command: {
      type: 'arrive',
      contactId: input.contactId,
      serviceId: input.serviceId,
      channel: input.channel,
      // Skills as profiles hold them (lower case, see routingProfile.ts).
      attributes: {
        language: languageOf(input.language),
        region: input.region,
        callerKey: key,
        skills: input.skills.map((k) => k.toLowerCase()),
      },
      risk: input.risk,
      carePlan: plan ? { preferredStaffId: plan.preferred_staff_id } : null,
    },
    present: (engine) => {
      // The id may have been taken in the meantime by another channel's arrival for another service.
      const open = engine.state.contacts.get(input.contactId);
      if (open?.serviceId === input.serviceId) return { contact: contactView(open, deps.clock().getTime()) };
      const closed = engine.state.closedContacts.get(input.contactId);
      if (open || closed?.serviceId !== input.serviceId) throw new AppError('routing.contact_exists');
      return { contact: null, state: closed.state };
    },
  });
}

export function callerEvent(deps: IngressDeps, contactId: string, what: 'callerLeft' | 'greetingDone') {
  return deps.routing.submit({
    command: { type: what, contactId },
    present: (engine) => {
      // The state of the caller's contact now: after a transfer, its continuation's.
      const id = currentContactId(engine.state, contactId);
      const open = engine.state.contacts.get(id);
      const state: ContactState | 'unknown' = open?.state ?? engine.state.closedContacts.get(id)?.state ?? 'unknown';
      return { state };
    },
  });
}
