// Reading and writing the routing log. One batch of decisions is written in one statement (atomic,
// like a transaction, and one round trip): the events (the truth), the projections read by queries
// and recovery, and command results for idempotent retries. Nothing is published or acknowledged
// before this commits.
import { sql } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { ClosedContact, RoutingState } from '../state.js';
import { AppError } from '../../../errors.js';
import { LEASE_LOCK, LeaseLostError } from './leaderLease.js';
import {
  TERMINAL_STATES,
  type Contact,
  type ContactState,
  type Counsellor,
  type CounsellorProfile,
  type LoggedEvent,
  type RoutingEvent,
} from '../types.js';

export interface CommandRecord {
  commandId: string;
  fingerprint: string;
  /**
   * The answer as JSON text: a day of answers stays in memory, and one string per command costs the
   * garbage collector nothing to trace, where the answer's objects (a whole workstation) made every
   * full collection longer as the day filled (stalls of 100–250 ms in the routing benchmark).
   */
  resultJson: string;
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

/** What the log holds of a contact id that a batch tried to start again. */
export interface LoggedContact {
  id: string;
  serviceId: string;
  state: ContactState;
}

/**
 * A batch started a contact whose id the log already holds (a channel's retry of a contact that ended
 * longer ago than the engine remembers, or a client reusing an id): nothing was written. The writer
 * refuses the commands that started those ids with this error (409 routing.contact_exists, the
 * logged facts only for the server) and decides the rest again.
 */
export class ContactLoggedBefore extends AppError {
  constructor(readonly logged: LoggedContact) {
    super('routing.contact_exists');
  }
}

export class ContactsLoggedBeforeError extends Error {
  constructor(readonly contacts: LoggedContact[]) {
    super(`contacts already in the log: ${contacts.map((c) => c.id).join(', ')}`);
  }
}

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

/**
 * Writes one batch in one statement, so one round trip (a statement is atomic, like a transaction).
 * Rows travel as one array per column; `with ordinality … order by` keeps the log's order. With
 * `leasePid`, every insert is gated on that connection still holding the leader lease, and a lost
 * lease writes nothing and throws LeaseLostError (the fence, without a round trip of its own).
 */
export async function writeBatch(db: Database, batch: Batch, leasePid?: number): Promise<void> {
  const ev = batch.events;
  const ct = batch.contacts.map(contactRow);
  const pr = batch.counsellors;
  const cm = batch.commands;
  const started = ev.filter((e) => e.event.type === 'contact.arrived').map((e) => contactIdOf(e.event));
  const col = <T, V>(rows: T[], f: (r: T) => V) => rows.map(f);
  // Every insert is gated on `ok`: the lease is held and no contact started here is in the log already.
  const { rows } = await sql<{ held: boolean; seen: LoggedContact[] }>`
    with lease as (
      select ${leasePid ?? null}::int is null
        or exists (
          select 1 from pg_locks
          where locktype = 'advisory' and pid = ${leasePid ?? null}::int and granted
            and classid = ${LEASE_LOCK.classid}::oid and objid = ${LEASE_LOCK.objid}::oid and objsubid = 1
            and database = (select oid from pg_database where datname = current_database())
        ) as held
    ), seen as (
      select id, service_id, state from routing_contacts where id = any(${started}::uuid[])
    ), gate as (
      select (select held from lease) and not exists (select 1 from seen) as ok
    ), events as (
      insert into routing_events (at, service_id, contact_id, staff_id, type, data, command_id)
      select at, service_id, contact_id, staff_id, type, data, command_id
      from unnest(
        ${col(ev, (e) => new Date(e.event.at))}::timestamptz[], ${col(ev, (e) => e.serviceId)}::uuid[],
        ${col(ev, (e) => contactIdOf(e.event))}::uuid[], ${col(ev, (e) => staffIdOf(e.event))}::uuid[],
        ${col(ev, (e) => e.event.type)}::text[], ${col(ev, (e) => JSON.stringify(withoutAt(e.event)))}::jsonb[],
        ${col(ev, (e) => e.commandId)}::uuid[]
      ) with ordinality as e (at, service_id, contact_id, staff_id, type, data, command_id, n)
      where (select ok from gate)
      order by n
    ), contacts as (
      insert into routing_contacts (id, service_id, channel, origin, transferred_from, state, risk, caller_key, arrived_at,
        queued_at, accepted_at, ended_at, closed_at, staff_id, answered_by_service_id, abandoned_stage, after_greeting)
      select * from unnest(
        ${col(ct, (c) => c.id)}::uuid[], ${col(ct, (c) => c.service_id)}::uuid[], ${col(ct, (c) => c.channel)}::text[],
        ${col(ct, (c) => c.origin)}::text[], ${col(ct, (c) => c.transferred_from)}::uuid[], ${col(ct, (c) => c.state)}::text[],
        ${col(ct, (c) => c.risk)}::text[], ${col(ct, (c) => c.caller_key)}::text[], ${col(ct, (c) => c.arrived_at)}::timestamptz[],
        ${col(ct, (c) => c.queued_at)}::timestamptz[], ${col(ct, (c) => c.accepted_at)}::timestamptz[],
        ${col(ct, (c) => c.ended_at)}::timestamptz[], ${col(ct, (c) => c.closed_at)}::timestamptz[], ${col(ct, (c) => c.staff_id)}::uuid[],
        ${col(ct, (c) => c.answered_by_service_id)}::uuid[], ${col(ct, (c) => c.abandoned_stage)}::text[],
        ${col(ct, (c) => c.after_greeting)}::boolean[]
      ) where (select ok from gate)
      on conflict (id) do update set state = excluded.state, risk = excluded.risk, accepted_at = excluded.accepted_at,
        ended_at = excluded.ended_at, closed_at = excluded.closed_at, staff_id = excluded.staff_id,
        answered_by_service_id = excluded.answered_by_service_id, abandoned_stage = excluded.abandoned_stage,
        after_greeting = excluded.after_greeting
    ), presence as (
      insert into routing_presence (staff_id, service_id, presence, since, idle_since, profile)
      select * from unnest(
        ${col(pr, (c) => c.staffId)}::uuid[], ${col(pr, (c) => c.serviceId)}::uuid[], ${col(pr, (c) => c.presence)}::text[],
        ${col(pr, (c) => new Date(c.presenceSince))}::timestamptz[], ${col(pr, (c) => new Date(c.idleSince))}::timestamptz[],
        ${col(pr, (c) => JSON.stringify(profileOf(c)))}::jsonb[]
      ) where (select ok from gate)
      on conflict (staff_id) do update set service_id = excluded.service_id, presence = excluded.presence, since = excluded.since,
        idle_since = excluded.idle_since, profile = excluded.profile
    ), commands as (
      insert into routing_commands (command_id, fingerprint, result, at)
      select command_id, fingerprint, result, ${batch.at}::timestamptz from unnest(
        ${col(cm, (c) => c.commandId)}::uuid[], ${col(cm, (c) => c.fingerprint)}::text[], ${col(cm, (c) => c.resultJson)}::jsonb[]
      ) as c (command_id, fingerprint, result)
      where (select ok from gate)
      on conflict (command_id) do nothing
    ), forgotten as (
      delete from routing_commands
      where ${batch.forgetCommandsBefore}::timestamptz is not null and at < ${batch.forgetCommandsBefore}::timestamptz
        and (select ok from gate)
    )
    select (select held from lease) as held,
      (select coalesce(json_agg(json_build_object('id', id, 'serviceId', service_id, 'state', state)), '[]'::json) from seen) as seen`.execute(
    db,
  );
  if (!rows[0]?.held) throw new LeaseLostError();
  if (rows[0].seen.length > 0) throw new ContactsLoggedBeforeError(rows[0].seen);
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
    .select(['command_id', 'fingerprint', sql<string>`result::text`.as('result'), 'at'])
    .where('at', '>=', since)
    .orderBy('at')
    .execute();
  return rows.map((r) => ({
    commandId: r.command_id,
    fingerprint: r.fingerprint,
    resultJson: r.result,
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
