// Contacts handed in by channels (SIP edge, chat, messenger bots). The caller's identifier is turned
// into the caller key here and forgotten: only the keyed HMAC reaches the engine and the log.
import { AppError } from '../../../errors.js';
import { callerKey, type IdentifierKind } from '../../privacy/callerKey.js';
import { currentContactId } from '../state.js';
import { isTerminal, type Channel, type ContactState, type Risk } from '../types.js';
import { ContactLoggedBefore } from './routingLog.js';
import type { RoutingRuntime } from './routingRuntime.js';
import type { RoutingEngine } from '../engine.js';
import { contactView, type ContactView } from './views.js';

export interface IngressDeps {
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
  /** A caller key the channel already made (the web chat keeps it with the chat); used when `caller` is null. */
  callerKey?: string | null;
}

/**
 * A language as counsellors' profiles hold it (ISO 639, lower case): channels send BCP 47 tags in any
 * case ('RU', 'ru-RU', 'ru_RU'); without this such a contact matches no counsellor and waits until it expires.
 */
export const languageOf = (tag: string | null): string | null => (tag === null ? null : tag.toLowerCase().split(/[-_]/)[0] || null);

/**
 * Hands a contact to the engine (idempotent by contact id). `alsoPresent` reads something more from the
 * engine in the same turn, after the arrival is decided and durable (the voice route's answer), instead
 * of waiting for another turn of the writer.
 */
export async function receiveContact<X = never>(
  deps: IngressDeps,
  input: IncomingContact,
  alsoPresent?: (engine: RoutingEngine) => X,
): Promise<{ contact: ContactView; also?: X } | { contact: null; state: ContactState; also?: X }> {
  const key = input.caller ? callerKey(deps.pepper, input.caller.kind, input.caller.value) : (input.callerKey ?? null);
  const facts = deps.routing.facts;
  // A service the writer has not seen yet (new since it started) is read once.
  if (facts.takesContacts(input.serviceId) === undefined) await facts.reloadService(input.serviceId);
  const arrival = deps.routing.submit({
    // Decided in turn: the service's state and care plan as the writer knows them at that moment.
    command: () => {
      if (!facts.takesContacts(input.serviceId)) throw new AppError('service.not_found');
      const preferred = facts.preferredCounsellor(input.serviceId, key);
      return {
        type: 'arrive' as const,
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
        carePlan: preferred ? { preferredStaffId: preferred } : null,
      };
    },
    present: (engine) => {
      // The id may have been taken in the meantime by another channel's arrival for another service.
      const open = engine.state.contacts.get(input.contactId);
      const also = alsoPresent ? { also: alsoPresent(engine) } : {};
      if (open?.serviceId === input.serviceId) return { contact: contactView(open, deps.clock().getTime()), ...also };
      const closed = engine.state.closedContacts.get(input.contactId);
      if (open || closed?.serviceId !== input.serviceId) throw new AppError('routing.contact_exists');
      return { contact: null, state: closed.state, ...also };
    },
  });
  try {
    return await arrival;
  } catch (err) {
    // A channel's retry of a contact that ended longer ago than the engine remembers (the log refused to start it again).
    if (err instanceof ContactLoggedBefore && err.logged.serviceId === input.serviceId && isTerminal(err.logged.state)) {
      return { contact: null, state: err.logged.state };
    }
    throw err;
  }
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
