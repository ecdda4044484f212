// Cases and signals. A case is opened from a contact record when the child or caller consents to be
// helped in person, or under a legal duty; it holds the minimum personal data, each field sealed on
// its own, a timeline of sealed notes, tasks, and the contacts it links. A signal (сигнал о детском
// неблагополучии) goes to one or more agencies, gets an outgoing number from a per-service, per-year
// counter in the transaction that approves it, and is followed to its outcome. After the retention
// period a job strips the personal data and writes a destruction act; the rows stay as statistics.
import { sql, type Kysely } from 'kysely';

// The vocabularies as they stood when this landed (src/domain/signals/signalVocabulary.ts has the labels).
const SIGNAL_REASONS = [
  'physical_abuse',
  'sexual_abuse',
  'psychological_abuse',
  'neglect',
  'suicide_risk',
  'runaway',
  'exploitation',
  'other',
];
const AGENCY_TYPES = ['guardianship', 'police', 'kdn', 'prosecutor', 'health', 'education', 'social', 'other'];
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<unknown>): Promise<void> {
  // Retention (days after closing, by kind of record) and signal deadlines (working days), per service.
  await sql`
    create table case_settings (
      service_id uuid primary key references services (id),
      retention_consent_days int not null check (retention_consent_days between 30 and 36500),
      retention_duty_days int not null check (retention_duty_days between 30 and 36500),
      retention_signal_days int not null check (retention_signal_days between 30 and 36500),
      ack_working_days int not null check (ack_working_days between 1 and 30),
      outcome_working_days int not null check (outcome_working_days between 1 and 120),
      updated_at timestamptz not null,
      updated_by uuid references staff_users (id)
    )`.execute(db);

  await sql`
    create table cases (
      id uuid primary key,
      service_id uuid not null references services (id),
      record_id uuid references contact_records (id),
      basis text not null check (basis in ('consent', 'legal_duty')),
      consent_by text check (consent_by in ('child', 'caller', 'parent')),
      consent_at timestamptz,
      consent_purposes text[] not null default '{}',
      duty_reason text check (duty_reason in ('imminent_risk', 'abuse')),
      status text not null check (status in ('open', 'in_work', 'closed')),
      closed_reason text check (closed_reason in (${list(['resolved', 'referred', 'declined', 'no_contact', 'moved', 'other'])})),
      closed_at timestamptz,
      closed_by uuid references staff_users (id),
      assigned_to uuid references staff_users (id),
      child_name_sealed text,
      child_age_sealed text,
      address_sealed text,
      school_sealed text,
      family_sealed text,
      version int not null default 1,
      created_by uuid not null references staff_users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      destroyed_at timestamptz,
      check (basis <> 'consent' or (consent_by is not null and consent_at is not null)),
      check (basis <> 'legal_duty' or duty_reason is not null),
      check ((status = 'closed') = (closed_at is not null))
    )`.execute(db);
  await sql`create index cases_service_idx on cases (service_id, status, created_at)`.execute(db);
  await sql`create index cases_assigned_idx on cases (assigned_to, status)`.execute(db);
  await sql`create index cases_retention_idx on cases (closed_at) where destroyed_at is null and status = 'closed'`.execute(db);

  await sql`
    create table case_contacts (
      case_id uuid not null references cases (id),
      record_id uuid not null references contact_records (id),
      service_id uuid not null references services (id),
      linked_by uuid not null references staff_users (id),
      linked_at timestamptz not null,
      primary key (case_id, record_id)
    )`.execute(db);
  await sql`create index case_contacts_record_idx on case_contacts (record_id)`.execute(db);

  await sql`
    create table case_notes (
      id uuid primary key,
      case_id uuid not null references cases (id),
      service_id uuid not null references services (id),
      author_id uuid not null references staff_users (id),
      created_at timestamptz not null,
      body_sealed text not null
    )`.execute(db);
  await sql`create index case_notes_case_idx on case_notes (case_id, created_at)`.execute(db);

  await sql`
    create table case_tasks (
      id uuid primary key,
      case_id uuid not null references cases (id),
      service_id uuid not null references services (id),
      title_sealed text not null,
      due_on date not null,
      created_by uuid not null references staff_users (id),
      created_at timestamptz not null,
      done_at timestamptz,
      done_by uuid references staff_users (id)
    )`.execute(db);
  await sql`create index case_tasks_case_idx on case_tasks (case_id, due_on)`.execute(db);

  // The service's own list of agencies signals go to (when the referral directory has no entry).
  await sql`
    create table signal_agencies (
      id uuid primary key,
      service_id uuid not null references services (id),
      name text not null,
      agency_type text not null check (agency_type in (${list(AGENCY_TYPES)})),
      email text,
      fax text,
      phone text,
      active boolean not null default true,
      version int not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index signal_agencies_service_idx on signal_agencies (service_id, name)`.execute(db);

  await sql`
    create table signals (
      id uuid primary key,
      service_id uuid not null references services (id),
      case_id uuid references cases (id),
      record_id uuid references contact_records (id),
      created_by uuid not null references staff_users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version int not null default 1,
      urgency text not null check (urgency in ('normal', 'imminent')),
      reason text not null check (reason in (${list(SIGNAL_REASONS)})),
      facts_sealed text,
      child_sealed text,
      child_fields text[] not null default '{}',
      status text not null check (status in (${list(['drafted', 'approved', 'sent', 'acknowledged', 'outcome_received', 'closed'])})),
      approved_by uuid references staff_users (id),
      approved_at timestamptz,
      sent_without_approval boolean not null default false,
      reviewed_by uuid references staff_users (id),
      reviewed_at timestamptz,
      number_year int,
      number_seq int,
      registered_at timestamptz,
      registered_day date,
      sent_at timestamptz,
      sent_by uuid references staff_users (id),
      ack_due_at timestamptz,
      outcome_due_at timestamptz,
      acknowledged_at timestamptz,
      outcome text check (outcome in (${list(['measures_taken', 'not_confirmed', 'forwarded', 'no_response', 'other'])})),
      outcome_at timestamptz,
      outcome_note_sealed text,
      closed_at timestamptz,
      closed_by uuid references staff_users (id),
      destroyed_at timestamptz,
      unique (service_id, number_year, number_seq),
      check ((number_seq is null) = (registered_at is null))
    )`.execute(db);
  await sql`create index signals_service_idx on signals (service_id, status, created_at)`.execute(db);
  await sql`create index signals_case_idx on signals (case_id) where case_id is not null`.execute(db);
  await sql`create index signals_register_idx on signals (service_id, registered_day) where registered_day is not null`.execute(db);
  await sql`create index signals_open_idx on signals (service_id) where status in ('sent', 'acknowledged')`.execute(db);

  // Each addressee as it was when the signal was written (name, type, contacts), how it was sent and
  // what came back: the delivery result and the agency's incoming number.
  await sql`
    create table signal_addressees (
      id uuid primary key,
      signal_id uuid not null references signals (id),
      service_id uuid not null references services (id),
      position int not null,
      source text not null check (source in ('directory', 'list')),
      directory_service_id uuid,
      agency_id uuid references signal_agencies (id),
      agency_type text not null check (agency_type in (${list(AGENCY_TYPES)})),
      name text not null,
      email text,
      fax text,
      phone text,
      channel text not null check (channel in ('email', 'fax', 'phone', 'in_person', 'post')),
      send_status text not null default 'pending' check (send_status in ('pending', 'sending', 'sent', 'failed')),
      send_attempted_at timestamptz,
      sent_at timestamptz,
      send_detail text,
      incoming_number text,
      incoming_date date,
      acknowledged_at timestamptz,
      acknowledged_by uuid references staff_users (id),
      unique (signal_id, position)
    )`.execute(db);

  // The register's counter: one row per service and year, bumped in the approving transaction, so
  // numbers have no gaps (a rolled-back approval gives its number back) and no duplicates.
  await sql`
    create table signal_counters (
      service_id uuid not null references services (id),
      year int not null,
      last_seq int not null,
      primary key (service_id, year)
    )`.execute(db);

  // Acts of destruction (152-FZ): what was destroyed, when and under which rule; never the data itself.
  await sql`
    create table destruction_acts (
      id uuid primary key,
      service_id uuid not null references services (id),
      at timestamptz not null,
      target_type text not null check (target_type in ('case', 'signal')),
      target_id uuid not null,
      rule text not null,
      what jsonb not null
    )`.execute(db);
  await sql`create index destruction_acts_service_idx on destruction_acts (service_id, at)`.execute(db);
}
