// Writes one audit row inside the caller's transaction, chained to the previous row of its chain.
// Each service has its own chain ('global' for deployment-wide actions) so services never wait on each other.
// A chain's head (audit_chain_heads: last seq and hash) is its lock: appending locks and reads it in one
// statement and writes the row with the moved head in another.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { GENESIS_HASH, auditHash } from './auditHash.js';

export interface AuditEntry {
  actorId: string | null;
  serviceId: string | null;
  /** What happened, as `<object>.<verb>`: `staff.create`, `auth.login_failed`, `service.update`. */
  action: string;
  targetType?: string;
  targetId?: string;
  /** Facts needed to understand the action later; never passwords, tokens or callers' identifiers. */
  details?: Record<string, unknown>;
}

export function chainOf(serviceId: string | null): string {
  return serviceId ?? 'global';
}

interface Head {
  seq: number;
  hash: string;
}

/**
 * Locks a chain's head until commit and reads it: writers of one chain take turns, and each sees the
 * head as the one before it left it (a row lock waits for that writer, then reads its committed row).
 * A chain's first writer creates the head; two first writers at once: the loser reads it on its next try.
 */
async function lockHead(tx: Transaction<DB>, chain: string): Promise<Head> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const head = await tx.selectFrom('audit_chain_heads').select(['seq', 'hash']).where('chain', '=', chain).forUpdate().executeTakeFirst();
    if (head) return { seq: Number(head.seq), hash: head.hash };
    const created = await tx
      .insertInto('audit_chain_heads')
      .values({ chain, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('chain').doNothing())
      .returning(['seq', 'hash'])
      .executeTakeFirst();
    if (created) return { seq: 0, hash: created.hash };
  }
  throw new Error(`audit chain ${chain}: its head could be neither read nor created`);
}

/**
 * A transaction that writes to several chains takes all their locks first, in one global order,
 * so two such transactions can never wait on each other (deadlock).
 */
export async function lockAuditChains(tx: Transaction<DB>, serviceIds: readonly (string | null)[]): Promise<void> {
  for (const chain of [...new Set(serviceIds.map(chainOf))].sort()) await lockHead(tx, chain);
}

export async function appendAudit(tx: Transaction<DB>, at: Date, entry: AuditEntry): Promise<void> {
  const chain = chainOf(entry.serviceId);
  const last = await lockHead(tx, chain);
  const fields = {
    chain,
    seq: last.seq + 1,
    at,
    actorId: entry.actorId,
    serviceId: entry.serviceId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
    prevHash: last.hash,
  };
  const hash = auditHash(fields);
  await sql`
    with head as (update audit_chain_heads set seq = ${fields.seq}, hash = ${hash} where chain = ${chain})
    insert into audit_log (chain, seq, at, actor_id, service_id, action, target_type, target_id, details, prev_hash, hash)
    values (${chain}, ${fields.seq}, ${at}, ${fields.actorId}, ${fields.serviceId}, ${fields.action}, ${fields.targetType},
      ${fields.targetId}, ${JSON.stringify(fields.details)}::jsonb, ${fields.prevHash}, ${hash})`.execute(tx);
}
