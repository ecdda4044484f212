// The routing log is written by one writer that checks every service and counsellor before it decides
// (the arrival's service, the signed-in counsellor, a transfer's target service); services and staff
// are never deleted, only deactivated or disabled. The foreign keys of the log's two busiest tables
// re-checked every row on every batch: a third of a batch's write time under load (EXPLAIN ANALYZE
// in the routing benchmark: 2.4 of 7.3 ms for 133 events), and one bad id failed the whole batch.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table routing_events drop constraint routing_events_service_id_fkey`.execute(db);
  await sql`alter table routing_events drop constraint routing_events_staff_id_fkey`.execute(db);
  await sql`alter table routing_contacts drop constraint routing_contacts_service_id_fkey`.execute(db);
  await sql`alter table routing_contacts drop constraint routing_contacts_staff_id_fkey`.execute(db);
  await sql`alter table routing_contacts drop constraint routing_contacts_answered_by_service_id_fkey`.execute(db);
}
