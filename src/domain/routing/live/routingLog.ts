// Reading and writing the routing log. One batch of decisions is written in one transaction: the
// events (the truth), the projections read by queries and recovery, and command results for
// idempotent retries. Nothing is published or acknowledged before this commits.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { DB } from '../../../db/schema.js';
import type { ClosedContact, RoutingState } from '../state.js';
import { TERMINAL_STATES, type Contact, type Counsellor, type CounsellorProfile, type LoggedEvent, type RoutingEvent } from '../types.js';

export interface CommandRecord {
  commandId: string;
  fingerprint: string;
  result: Record<string, unknown>;
  /** When it was decided (ms). */
  at: number;
}

export interface Batch {
  events: { event: LoggedEvent; serviceId: string; commandId: string | null }[];
  contacts: Contact[];
  counsellors: Counsellor[];
  commands: CommandRecord[];
  /** Command results decided before this are forgotten in the same transaction (null: not this time). */
  forgetCommandsBefore: Date | null;
  at: Date;
}

const OPEN = ['queued', 'offered', 'active', 'wrapup'] as const;

/** The service an event is filed under: the contact's home service, or the counsellor's. */
export function serviceOfEvent(event: RoutingEvent, state: RoutingState, known: ReadonlyMap<string, Contact>): string {
  if (event.type === 'presence.changed') return event.profile.serviceId;
  if (event.type === 'contact.arrived') return event.serviceId;
  const contact = state.contacts.get(event.contactId) ?? known.get(event.contactId);
  if (!contact) throw new Error(`routing event for unknown contact ${event.contactId}`);
  return contact.serviceId;
}

const staffIdOf = (e: RoutingEvent): string | null => ('staffId' in e ? e.staffId : null);
const contactIdOf = (e: RoutingEvent): string | null => ('contactId' in e ? e.contactId : null);

function withoutAt(e: LoggedEvent): Record<string, unknown> {
  const { at: _at, ...rest } = e;
  return rest;
}

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** `fence` runs first in the transaction: the single writer proves it still holds the leader lease. */
export async function writeBatch(db: Database, batch: Batch, fence?: (tx: Transaction<DB>) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await fence?.(tx);
    for (const part of chunks(batch.events)) {
      await tx
        .insertInto('routing_events')
        .values(
          part.map(({ event, serviceId, commandId }) => ({
            at: new Date(event.at),
            service_id: serviceId,
            contact_id: contactIdOf(event),
            staff_id: staffIdOf(event),
            type: event.type,
            data: JSON.stringify(withoutAt(event)),
            command_id: commandId,
          })),
        )
        .execute();
    }
    for (const part of chunks(batch.contacts)) {
      await tx
        .insertInto('routing_contacts')
        .values(part.map(contactRow))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            risk: eb.ref('excluded.risk'),
            accepted_at: eb.ref('excluded.accepted_at'),
            ended_at: eb.ref('excluded.ended_at'),
            closed_at: eb.ref('excluded.closed_at'),
            staff_id: eb.ref('excluded.staff_id'),
            answered_by_service_id: eb.ref('excluded.answered_by_service_id'),
            abandoned_stage: eb.ref('excluded.abandoned_stage'),
            after_greeting: eb.ref('excluded.after_greeting'),
          })),
        )
        .execute();
    }
    for (const part of chunks(batch.counsellors)) {
      await tx
        .insertInto('routing_presence')
        .values(
          part.map((c) => ({
            staff_id: c.staffId,
            service_id: c.serviceId,
            presence: c.presence,
            since: new Date(c.presenceSince),
            idle_since: new Date(c.idleSince),
            profile: JSON.stringify(profileOf(c)),
          })),
        )
        .onConflict((oc) =>
          oc.column('staff_id').doUpdateSet((eb) => ({
            service_id: eb.ref('excluded.service_id'),
            presence: eb.ref('excluded.presence'),
            since: eb.ref('excluded.since'),
            idle_since: eb.ref('excluded.idle_since'),
            profile: eb.ref('excluded.profile'),
          })),
        )
        .execute();
    }
    for (const part of chunks(batch.commands)) {
      await tx
        .insertInto('routing_commands')
        .values(part.map((c) => ({ command_id: c.commandId, fingerprint: c.fingerprint, result: JSON.stringify(c.result), at: batch.at })))
        .onConflict((oc) => oc.column('command_id').doNothing())
        .execute();
    }
    if (batch.forgetCommandsBefore) await tx.deleteFrom('routing_commands').where('at', '<', batch.forgetCommandsBefore).execute();
  });
}

export const profileOf = (c: Counsellor): CounsellorProfile => ({
  serviceId: c.serviceId,
  pseudonym: c.pseudonym,
  supervisor: c.supervisor,
  languages: c.languages,
  skills: c.skills,
});

function contactRow(c: Contact) {
  const iso = (t: number | null) => (t === null ? null : new Date(t));
  return {
    id: c.id,
    service_id: c.serviceId,
    channel: c.channel,
    origin: c.origin.kind,
    transferred_from: c.origin.fromContactId ?? null,
    state: c.state,
    risk: c.risk,
    caller_key: c.attributes.callerKey,
    arrived_at: new Date(c.arrivedAt),
    queued_at: new Date(c.queuedAt),
    accepted_at: iso(c.acceptedAt),
    ended_at: iso(c.endedAt),
    closed_at: iso(c.closedAt),
    staff_id: c.staffId,
    answered_by_service_id: c.answeredByServiceId,
    abandoned_stage: c.abandonedStage,
    after_greeting: c.afterGreeting,
  };
}

export interface Recovery {
  counsellors: { profile: CounsellorProfile; staffId: string; presence: Counsellor['presence']; since: number; idleSince: number }[];
  events: LoggedEvent[];
  /** Contacts closed since `closedSince`, oldest first: the engine remembers them to answer late commands and retries. */
  closed: ClosedContact[];
}

/**
 * What the engine needs after a restart: every counsellor's last presence, the log of every open
 * contact, and the contacts closed recently enough that the engine still remembers them (without
 * these, a channel re-sending an arrival of a contact closed before the restart started it again).
 */
export async function loadRecovery(db: Database, closedSince: Date): Promise<Recovery> {
  const presence = await db.selectFrom('routing_presence').selectAll().execute();
  const closed = await db
    .selectFrom('routing_contacts')
    .select(['id', 'service_id', 'state', 'staff_id', 'closed_at'])
    // A transferred contact's continuation, so that the caller's later events follow it (as in the live engine).
    .select((eb) =>
      eb
        .selectFrom('routing_events as e')
        .select(sql<string>`e.data->>'toContactId'`.as('to'))
        .whereRef('e.contact_id', '=', 'routing_contacts.id')
        .where('e.type', '=', 'contact.transferred')
        .limit(1)
        .as('transferred_to'),
    )
    .where('state', 'not in', OPEN)
    .where('closed_at', '>=', closedSince)
    .orderBy('closed_at')
    .orderBy('id')
    .execute();
  const open = await db.selectFrom('routing_contacts').select('id').where('state', 'in', OPEN).execute();
  const events: LoggedEvent[] = [];
  for (const part of chunks(open.map((r) => r.id))) {
    const rows = await db
      .selectFrom('routing_events')
      .select(['seq', 'at', 'data'])
      .where('contact_id', 'in', part)
      .orderBy('seq')
      .execute();
    for (const r of rows)
      events.push({ ...(r.data as unknown as RoutingEvent), at: r.at.getTime(), seq: r.seq } as LoggedEvent & { seq: number });
  }
  // Events of different chunks interleave in time: restore the log order.
  (events as (LoggedEvent & { seq: number })[]).sort((a, b) => a.seq - b.seq);
  for (const e of events) delete (e as { seq?: number }).seq;
  return {
    counsellors: presence.map((p) => ({
      staffId: p.staff_id,
      profile: p.profile as unknown as CounsellorProfile,
      presence: p.presence,
      since: p.since.getTime(),
      idleSince: p.idle_since.getTime(),
    })),
    events,
    closed: closed.map((r) => ({
      id: r.id,
      serviceId: r.service_id,
      state: r.state,
      staffId: r.staff_id,
      closedAt: r.closed_at!.getTime(),
      ...(r.transferred_to ? { transferredTo: r.transferred_to } : {}),
    })),
  };
}

export async function loadCommandResults(db: Database, since: Date): Promise<CommandRecord[]> {
  // Oldest first: the writer forgets them in this order.
  const rows = await db
    .selectFrom('routing_commands')
    .select(['command_id', 'fingerprint', 'result', 'at'])
    .where('at', '>=', since)
    .orderBy('at')
    .execute();
  return rows.map((r) => ({
    commandId: r.command_id,
    fingerprint: r.fingerprint,
    result: r.result as unknown as Record<string, unknown>,
    at: r.at.getTime(),
  }));
}

/**
 * Logged events for statistics: a service's contacts and its counsellors' presence, from `from` on.
 * Its counsellors are those working for it now and those who did in the period (whose later moves
 * to another service are filed under that service: without them they would stay "available" here).
 */
export async function loadEventsSince(db: Database, serviceId: string, from: Date, to: Date): Promise<LoggedEvent[]> {
  const staff = db
    .selectFrom('routing_presence')
    .select('staff_id')
    .where('service_id', '=', serviceId)
    .union(
      db
        .selectFrom('routing_events')
        .select('staff_id')
        .where('service_id', '=', serviceId)
        .where('type', '=', 'presence.changed')
        .where('at', '>=', from)
        .where('at', '<', to)
        .$narrowType<{ staff_id: string }>(),
    );
  const rows = await db
    .selectFrom('routing_events')
    .select(['at', 'data'])
    .where('at', '>=', from)
    .where('at', '<', to)
    .where((eb) =>
      eb.or([
        eb('service_id', '=', serviceId),
        eb('staff_id', 'in', staff),
        // Contacts of other services that this service's counsellors handled (partner answers): their ends count too.
        eb(
          'contact_id',
          'in',
          eb
            .selectFrom('routing_events as handled')
            .select('handled.contact_id')
            .where('handled.staff_id', 'in', staff)
            .where('handled.at', '>=', from),
        ),
      ]),
    )
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...(r.data as unknown as RoutingEvent), at: r.at.getTime() }));
}

export const isOpenState = (s: Contact['state']) => !TERMINAL_STATES.includes(s);
