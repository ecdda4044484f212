// Contact records: one anonymous record per contact, its reasons from a versioned classification,
// supervisor risk alerts, and the statistics rollups kept exactly in step with the records.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The classification. A version is a published set of rows; rows are never deleted, only retired,
  // so a record keeps the meaning of the codes it was saved with.
  await sql`
    create table classification_versions (
      version int primary key,
      label text not null,
      published_at timestamptz not null
    )`.execute(db);
  await sql`
    create table reason_categories (
      code text primary key,
      label_ru text not null,
      label_en text not null,
      position int not null
    )`.execute(db);
  await sql`
    create table reason_codes (
      code text primary key,
      category_code text not null references reason_categories (code),
      service_id uuid references services (id),
      label_ru text not null,
      label_en text not null,
      national_row text not null,
      chi_category text not null,
      position int not null,
      added_in_version int not null references classification_versions (version),
      retired_in_version int references classification_versions (version),
      created_at timestamptz not null default now(),
      created_by uuid references staff_users (id)
    )`.execute(db);
  await sql`create index reason_codes_service_idx on reason_codes (service_id) where service_id is not null`.execute(db);

  await sql`
    create table contact_records (
      id uuid primary key,
      service_id uuid not null references services (id),
      origin text not null check (origin in ('routing', 'manual')),
      status text not null check (status in ('open', 'draft', 'final', 'void')),
      version int not null default 1,
      classification_version int not null references classification_versions (version),
      staff_id uuid references staff_users (id),
      channel text not null,
      language text,
      caller_key text,
      repeat_contact boolean not null default false,
      contact_type text,
      caller_type text,
      child_gender text,
      child_age smallint,
      age_group text,
      locality_type text,
      region text,
      vulnerable text[] not null default '{}',
      heard_from text,
      risk_level text not null default 'unknown',
      risk_answers jsonb,
      actions text[] not null default '{}',
      referral_sealed text,
      summary_sealed text,
      arrived_at timestamptz not null,
      answered_at timestamptz,
      ended_at timestamptz,
      closed_at timestamptz,
      outcome text check (outcome in ('answered', 'abandoned', 'expired', 'transferred')),
      abandoned_stage text,
      after_greeting boolean,
      answered_by_service_id uuid references services (id),
      transferred_from uuid,
      wait_ms int,
      talk_ms int,
      wrap_ms int,
      stats_day date,
      stats_keys jsonb,
      routing_counted boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      finalized_at timestamptz,
      finalized_by uuid references staff_users (id)
    )`.execute(db);
  await sql`create index contact_records_service_arrived_idx on contact_records (service_id, arrived_at desc)`.execute(db);
  await sql`create index contact_records_staff_arrived_idx on contact_records (staff_id, arrived_at desc) where staff_id is not null`.execute(
    db,
  );
  await sql`create index contact_records_caller_idx on contact_records (service_id, caller_key) where caller_key is not null`.execute(db);
  // Journal filters on a rare risk level would otherwise walk a service's whole history.
  await sql`
    create index contact_records_risk_idx on contact_records (service_id, risk_level, arrived_at desc)
      where risk_level in ('moderate', 'high', 'imminent')`.execute(db);
  await sql`create index contact_records_open_idx on contact_records (service_id) where status in ('open', 'draft')`.execute(db);

  await sql`
    create table contact_record_reasons (
      record_id uuid not null references contact_records (id) on delete cascade,
      service_id uuid not null,
      code text not null references reason_codes (code),
      position smallint not null,
      primary key (record_id, code)
    )`.execute(db);
  await sql`create index contact_record_reasons_code_idx on contact_record_reasons (service_id, code)`.execute(db);

  await sql`
    create table risk_alerts (
      id uuid primary key,
      service_id uuid not null references services (id),
      record_id uuid not null references contact_records (id),
      level text not null,
      raised_by uuid not null references staff_users (id),
      raised_at timestamptz not null,
      acknowledged_by uuid references staff_users (id),
      acknowledged_at timestamptz
    )`.execute(db);
  await sql`create index risk_alerts_open_idx on risk_alerts (service_id, raised_at) where acknowledged_at is null`.execute(db);

  // Rollups: per service and local day (and month), a count per dimension value. Changed only in the
  // transaction that finalizes or corrects a record (or closes its contact), so they equal the records.
  await sql`
    create table record_stats_daily (
      service_id uuid not null,
      day date not null,
      dim text not null,
      value text not null,
      n bigint not null,
      primary key (service_id, day, dim, value)
    )`.execute(db);
  await sql`
    create table record_stats_monthly (
      service_id uuid not null,
      month date not null,
      dim text not null,
      value text not null,
      n bigint not null,
      primary key (service_id, month, dim, value)
    )`.execute(db);
  await sql`create index record_stats_monthly_month_idx on record_stats_monthly (month, dim)`.execute(db);

  // Where the routing-to-records projector has read the routing log up to.
  await sql`
    create table records_sync (
      id int primary key check (id = 1),
      last_seq bigint not null
    )`.execute(db);
  await sql`insert into records_sync (id, last_seq) values (1, 0)`.execute(db);
}
