// Services (tenants), staff users and their roles per service.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table services (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 300),
      -- Case- and space-folded name computed by the application (locale-independent uniqueness).
      name_key text not null,
      short_name text check (length(short_name) between 1 and 100),
      region text not null check (length(region) between 1 and 200),
      time_zone text not null check (length(time_zone) between 1 and 64),
      settings jsonb not null default '{}'::jsonb,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index services_name_key on services (name_key)`.execute(db);

  await sql`
    create table staff_users (
      id uuid primary key default gen_random_uuid(),
      login text not null check (login ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
      pseudonym text not null check (length(pseudonym) between 1 and 100),
      full_name text not null check (length(full_name) between 1 and 300),
      password_hash text not null,
      must_change_password boolean not null default false,
      disabled boolean not null default false,
      disabled_at timestamptz,
      last_login_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index staff_users_login_key on staff_users (login)`.execute(db);

  await sql`
    create table role_grants (
      user_id uuid not null references staff_users (id) on delete cascade,
      service_id uuid references services (id) on delete cascade,
      role text not null check (role in ('counsellor', 'supervisor', 'head', 'analyst', 'admin')),
      created_at timestamptz not null default now(),
      constraint role_grants_scope check ((role in ('analyst', 'admin')) = (service_id is null))
    )`.execute(db);
  await sql`create unique index role_grants_key on role_grants (user_id, service_id, role) nulls not distinct`.execute(db);
  await sql`create index role_grants_service_idx on role_grants (service_id, role)`.execute(db);
}
