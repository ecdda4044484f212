// Counsellors' SIP desk phones: long-lived digest credentials, one per counsellor. Only what the edge
// needs to check a REGISTER is kept — HA1 = MD5(sip user:realm:password), sealed at rest and bound to
// the counsellor's id — with the realm it was made for (a changed realm makes it useless) and who issued
// it. Revoking deletes the row; the audit log keeps who issued and revoked when.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table voice_desk_phones (
      staff_id uuid primary key references staff_users (id),
      ha1_sealed text not null,
      realm text not null,
      issued_at timestamptz not null,
      issued_by uuid not null references staff_users (id)
    )`.execute(db);
}
