// The routing engine's durable log and what is read from it: the event log (the truth), a projection
// of each contact for queries and recovery, counsellors' last presence, command results for
// idempotent retries, care plans and counsellors' routing profiles.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table routing_events (
      seq bigserial primary key,
      at timestamptz not null,
      service_id uuid not null references services (id),
      contact_id uuid,
      staff_id uuid references staff_users (id),
      type text not null,
      data jsonb not null,
      command_id uuid
    )`.execute(db);
  await sql`create index routing_events_contact_idx on routing_events (contact_id, seq) where contact_id is not null`.execute(db);
  await sql`create index routing_events_service_at_idx on routing_events (service_id, at)`.execute(db);
  await sql`create index routing_events_staff_idx on routing_events (staff_id, at) where staff_id is not null`.execute(db);

  await sql`
    create table routing_contacts (
      id uuid primary key,
      service_id uuid not null references services (id),
      channel text not null check (channel in ('voice', 'chat', 'messenger')),
      origin text not null check (origin in ('channel', 'offline', 'transfer')),
      transferred_from uuid,
      state text not null check (state in ('queued', 'offered', 'active', 'wrapup', 'completed', 'abandoned', 'expired', 'transferred')),
      risk text not null,
      caller_key text,
      arrived_at timestamptz not null,
      queued_at timestamptz not null,
      accepted_at timestamptz,
      ended_at timestamptz,
      closed_at timestamptz,
      staff_id uuid references staff_users (id),
      answered_by_service_id uuid references services (id),
      abandoned_stage text,
      after_greeting boolean
    )`.execute(db);
  await sql`
    create index routing_contacts_open_idx on routing_contacts (service_id)
      where state in ('queued', 'offered', 'active', 'wrapup')`.execute(db);
  await sql`create index routing_contacts_closed_idx on routing_contacts (closed_at) where closed_at is not null`.execute(db);
  await sql`create index routing_contacts_arrived_idx on routing_contacts (service_id, arrived_at)`.execute(db);
  await sql`create index routing_contacts_caller_idx on routing_contacts (service_id, caller_key) where caller_key is not null`.execute(db);

  await sql`
    create table routing_presence (
      staff_id uuid primary key references staff_users (id) on delete cascade,
      service_id uuid not null references services (id),
      presence text not null check (presence in ('offline', 'available', 'break', 'not_responding')),
      since timestamptz not null,
      idle_since timestamptz not null,
      profile jsonb not null
    )`.execute(db);

  await sql`
    create table routing_commands (
      command_id uuid primary key,
      fingerprint text not null,
      result jsonb not null,
      at timestamptz not null
    )`.execute(db);
  await sql`create index routing_commands_at_idx on routing_commands (at)`.execute(db);

  await sql`
    create table care_plans (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references services (id),
      caller_key text not null,
      preferred_staff_id uuid not null references staff_users (id),
      from_contact_id uuid not null,
      created_by uuid not null references staff_users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (service_id, caller_key)
    )`.execute(db);

  await sql`
    create table counsellor_profiles (
      staff_id uuid primary key references staff_users (id) on delete cascade,
      languages text[] not null default '{ru}',
      skills text[] not null default '{}',
      updated_at timestamptz not null
    )`.execute(db);
}
