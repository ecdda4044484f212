// Contacts handed in by channels (SIP edge, chat, messenger bots). The caller's identifier is turned
// into the caller key here and forgotten: only the keyed HMAC reaches the engine and the log.
import { sql } from 'kysely';
import { Batcher } from '../../../db/batcher.js';
import type { Database } from '../../../db/database.js';
import { AppError } from '../../../errors.js';
import { callerKey, type IdentifierKind } from '../../privacy/callerKey.js';
import { currentContactId } from '../state.js';
import { isTerminal, type Channel, type ContactState, type Risk } from '../types.js';
import type { RoutingRuntime } from './routingRuntime.js';
import { contactView } from './views.js';

export interface IngressDeps {
  routing: RoutingRuntime;
  clock: () => Date;
  pepper: Buffer;
  /** See `ingressLookups`. */
  lookups: Batcher<LookupKey, LookupRow>;
}

interface LookupKey {
  contactId: string;
  serviceId: string;
  callerKey: string | null;
}

interface LookupRow {
  /** null: no such service. */
  active: boolean | null;
  loggedServiceId: string | null;
  loggedState: ContactState | null;
  preferredStaffId: string | null;
}

/**
 * What an arrival needs from the database — its service, the contact if it was logged before (a
 * retry), the caller's care plan — for all arrivals of a moment in one round trip.
 */
export function ingressLookups(db: Database): Batcher<LookupKey, LookupRow> {
  return new Batcher(async (keys) => {
    const { rows } = await sql<{
      n: string;
      active: boolean | null;
      logged_service_id: string | null;
      logged_state: ContactState | null;
      preferred_staff_id: string | null;
    }>`
      select k.n, s.active, c.service_id as logged_service_id, c.state as logged_state, p.preferred_staff_id
      from unnest(${keys.map((k) => k.contactId)}::uuid[], ${keys.map((k) => k.serviceId)}::uuid[], ${keys.map((k) => k.callerKey)}::text[])
        with ordinality as k (contact_id, service_id, caller_key, n)
      left join services s on s.id = k.service_id
      left join routing_contacts c on c.id = k.contact_id
      left join care_plans p on p.service_id = k.service_id and p.caller_key = k.caller_key
      order by k.n`.execute(db);
    return rows.map((r) => ({
      active: r.active,
      loggedServiceId: r.logged_service_id,
      loggedState: r.logged_state,
      preferredStaffId: r.preferred_staff_id,
    }));
  });
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
  const row = await deps.lookups.load({ contactId: input.contactId, serviceId: input.serviceId, callerKey: key });
  if (!row.active) throw new AppError('service.not_found');
  // A channel's retry of a contact that ended long ago (the engine remembers closed contacts for an hour).
  if (row.loggedServiceId !== null && row.loggedState !== null) {
    if (row.loggedServiceId !== input.serviceId) throw new AppError('routing.contact_exists');
    if (isTerminal(row.loggedState)) return { contact: null, state: row.loggedState };
  }
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
      carePlan: row.preferredStaffId ? { preferredStaffId: row.preferredStaffId } : null,
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
