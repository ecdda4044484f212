// The audit log: append-only (enforced by a trigger) and hash-chained per chain (one per service,
// plus 'global' for deployment-wide actions), so any edit or deletion is detectable.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      chain text not null,
      seq bigint not null check (seq >= 1),
      at timestamptz not null,
      actor_id uuid,
      service_id uuid,
      action text not null,
      target_type text,
      target_id text,
      details jsonb not null default '{}'::jsonb,
      prev_hash text not null,
      hash text not null,
      constraint audit_log_chain_seq_key unique (chain, seq)
    )`.execute(db);
  await sql`create index audit_log_service_idx on audit_log (service_id, at)`.execute(db);
  await sql`create index audit_log_target_idx on audit_log (target_type, target_id)`.execute(db);

  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}
