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
  const key = input.caller ? callerKey(deps.pepper, input.caller.kind, input.caller.value) : null;
  // One round trip: the service, the contact if it was logged before (a retry), and the caller's care plan.
  const row = await deps.db
    .selectFrom('services as s')
    .leftJoin('routing_contacts as c', (join) => join.on('c.id', '=', input.contactId))
    .select((eb) => [
      's.active',
      'c.service_id as logged_service_id',
      'c.state as logged_state',
      (key
        ? eb.selectFrom('care_plans').select('preferred_staff_id').where('service_id', '=', input.serviceId).where('caller_key', '=', key)
        : eb.val<string | null>(null)
      ).as('preferred_staff_id'),
    ])
    .where('s.id', '=', input.serviceId)
    .executeTakeFirst();
  if (!row || !row.active) throw new AppError('service.not_found');
  // A channel's retry of a contact that ended long ago (the engine remembers closed contacts for an hour).
  if (row.logged_service_id !== null && row.logged_state !== null) {
    if (row.logged_service_id !== input.serviceId) throw new AppError('routing.contact_exists');
    if (isTerminal(row.logged_state)) return { contact: null, state: row.logged_state };
  }
  const plan = row.preferred_staff_id ? { preferred_staff_id: row.preferred_staff_id } : undefined;
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
