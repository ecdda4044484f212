// The referral directory on Open Referral HSDS 3.0. Every HSDS table row (organization, service,
// location, service_at_location, phone, contact, schedule, service_area, language, accessibility,
// cost_option, taxonomy, taxonomy_term, attribute, metadata, …) is one row of directory_rows: its HSDS
// fields exactly as the standard names them (data), the helpline service that owns it (tenant_id;
// null for national entries everyone sees), and every id it points to (links) so that "the rows
// that belong to X" is one indexed lookup whatever the table. The HSDS example data links to ids
// that do not exist, so links carry no foreign keys; import checks what Doverie needs.
// directory_services is the search index of each HSDS service, rebuilt from its rows on every write.
import { sql, type Kysely } from 'kysely';

const KINDS = [
  'organization',
  'program',
  'service',
  'attribute',
  'service_at_location',
  'location',
  'phone',
  'contact',
  'address',
  'schedule',
  'funding',
  'service_area',
  'required_document',
  'language',
  'accessibility',
  'taxonomy_term',
  'metadata',
  'meta_table_description',
  'cost_option',
  'organization_identifier',
  'taxonomy',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table directory_rows (
      id uuid primary key,
      kind text not null check (kind in (${sql.join(KINDS.map((k) => sql.lit(k)))})),
      tenant_id uuid references services (id),
      links uuid[] not null default '{}',
      data jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      updated_by uuid references staff_users (id)
    )`.execute(db);
  await sql`create index directory_rows_links_idx on directory_rows using gin (links)`.execute(db);
  await sql`create index directory_rows_kind_idx on directory_rows (kind, tenant_id, updated_at)`.execute(db);

  // One row per HSDS service: what search and filters read. open_minutes: the minutes of the week
  // (0 = Monday 00:00 UTC … 10079) the service is open; closed_dates: days it is closed (holidays).
  await sql`
    create table directory_services (
      service_id uuid primary key references directory_rows (id) on delete cascade,
      tenant_id uuid references services (id),
      organization_id uuid,
      name text not null,
      organization_name text,
      status text not null,
      search tsvector not null,
      term_ids uuid[] not null default '{}',
      area_codes text[] not null default '{}',
      min_age int,
      max_age int,
      free boolean not null default true,
      open_minutes int4multirange,
      closed_dates date[] not null default '{}',
      assured_date date,
      referral_note text,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index directory_services_search_idx on directory_services using gin (search)`.execute(db);
  await sql`create index directory_services_terms_idx on directory_services using gin (term_ids)`.execute(db);
  await sql`create index directory_services_areas_idx on directory_services using gin (area_codes)`.execute(db);
  await sql`create index directory_services_tenant_idx on directory_services (tenant_id, name)`.execute(db);
  await sql`create index directory_services_updated_idx on directory_services (updated_at)`.execute(db);

  // Whether a service's directory is readable without signing in (off by default).
  await sql`
    create table directory_settings (
      tenant_id uuid primary key references services (id),
      public boolean not null default false,
      updated_at timestamptz not null
    )`.execute(db);

  // A referral given in a contact record: a link to the directory service plus what it was at that
  // moment (name, phone, taxonomy terms), so the record still reads true after the entry changes.
  await sql`
    create table record_referrals (
      id uuid primary key,
      record_id uuid not null references contact_records (id),
      service_id uuid not null references services (id),
      directory_service_id uuid not null,
      name text not null,
      phone text,
      term_ids uuid[] not null default '{}',
      created_at timestamptz not null,
      created_by uuid references staff_users (id)
    )`.execute(db);
  await sql`create index record_referrals_record_idx on record_referrals (record_id)`.execute(db);
  await sql`create index record_referrals_service_idx on record_referrals (service_id, created_at)`.execute(db);
}
