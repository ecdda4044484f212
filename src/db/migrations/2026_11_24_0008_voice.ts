// The phone line: the numbers the operator's trunk dials for each service, the calls the SIP edge
// reported (keyed by a keyed hash of the SIP Call-ID, never the caller's number), and the ids of the
// edge's events already taken (events are re-sent until answered, so they must be idempotent).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // number: the dialled number as the trunk sends it in the Request-URI (digits, e.g. 78002000122 or 124).
  await sql`
    create table voice_numbers (
      number text primary key check (number ~ '^[0-9]{2,15}$'),
      service_id uuid not null references services (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index voice_numbers_service_idx on voice_numbers (service_id)`.execute(db);

  // contact_id: the routing contact of the call (derived from call_key). call_key: HMAC of the Call-ID.
  // Times are the edge's own (its event timestamps): arrival, the last ringing, answer, hang-up.
  await sql`
    create table voice_calls (
      contact_id uuid primary key,
      call_key text not null unique,
      service_id uuid not null references services (id),
      arrived_at timestamptz not null,
      ringing_at timestamptz,
      answered_at timestamptz,
      ended_at timestamptz,
      staff_id uuid references staff_users (id),
      attempts int not null default 0,
      outcome text check (outcome in ('answered', 'abandoned', 'failed', 'rejected')),
      abandoned_stage text check (abandoned_stage in ('queued', 'ringing')),
      ended_by text check (ended_by in ('caller', 'counsellor', 'system')),
      greeting_done boolean not null default false
    )`.execute(db);
  await sql`create index voice_calls_open_idx on voice_calls (arrived_at) where ended_at is null`.execute(db);

  await sql`
    create table voice_events (
      id_hash text primary key,
      received_at timestamptz not null
    )`.execute(db);
  await sql`create index voice_events_received_idx on voice_events (received_at)`.execute(db);
}
