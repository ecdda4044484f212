// Signals' working days follow the production calendar: each service adds the year's government
// decree and its region's holidays to the law's (extra days off, extra working days). And the push
// when a signal becomes overdue: which signal was announced overdue for what, so each is announced
// once, whichever process or restart finds it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table case_settings
      add column extra_days_off date[] not null default '{}',
      add column extra_working_days date[] not null default '{}'`.execute(db);

  await sql`
    create table signal_overdue_notices (
      signal_id uuid not null references signals (id),
      kind text not null check (kind in ('acknowledgement', 'outcome', 'review')),
      service_id uuid not null references services (id),
      notified_at timestamptz not null,
      primary key (signal_id, kind)
    )`.execute(db);
  // Urgent sends awaiting review, which the overdue pass and the board look for (the open ones have signals_open_idx).
  await sql`create index signals_unreviewed_idx on signals (service_id) where sent_without_approval and reviewed_at is null`.execute(db);
}
