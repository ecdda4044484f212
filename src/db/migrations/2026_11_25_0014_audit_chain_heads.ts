// Each audit chain's head — its last sequence number and hash — in a row of its own. Appending locks
// and reads the head in one statement (a row lock taken under READ COMMITTED re-reads the row as its
// last writer committed it), then writes the new row and moves the head in a second: one round trip
// fewer than an advisory lock, a read of the chain's last row and the insert. The head also shows a
// chain whose last rows were deleted (verifyAuditChain compares them).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_chain_heads (
      chain text primary key,
      seq bigint not null check (seq >= 0),
      hash text not null
    )`.execute(db);
  await sql`
    insert into audit_chain_heads (chain, seq, hash)
    select distinct on (chain) chain, seq, hash from audit_log order by chain, seq desc`.execute(db);
}
