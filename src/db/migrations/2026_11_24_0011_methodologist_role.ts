// The methodologist (методист): a service role that keeps the service's methodological materials —
// its part of the referral directory (entries, taxonomy terms, import and export) — without taking
// contacts or reading records. A methodologist who also counsels holds both roles.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table role_grants drop constraint role_grants_role_check`.execute(db);
  await sql`
    alter table role_grants add constraint role_grants_role_check
      check (role in ('counsellor', 'supervisor', 'head', 'methodologist', 'analyst', 'admin'))
  `.execute(db);
}
