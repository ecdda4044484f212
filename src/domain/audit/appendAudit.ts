// Writes one audit row inside the caller's transaction, chained to the previous row of its chain.
// Each service has its own chain ('global' for deployment-wide actions) so services never wait on each other.
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

const lockChain = (tx: Transaction<DB>, chain: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${chain}`}, 0))`.execute(tx);

/**
 * A transaction that writes to several chains takes all their locks first, in one global order,
 * so two such transactions can never wait on each other (deadlock).
 */
export async function lockAuditChains(tx: Transaction<DB>, serviceIds: readonly (string | null)[]): Promise<void> {
  for (const chain of [...new Set(serviceIds.map(chainOf))].sort()) await lockChain(tx, chain);
}

export async function appendAudit(tx: Transaction<DB>, at: Date, entry: AuditEntry): Promise<void> {
  const chain = chainOf(entry.serviceId);
  // Serialise writers of one chain until commit: the next row must see this one as its predecessor.
  await lockChain(tx, chain);
  const last = await tx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('chain', '=', chain)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields = {
    chain,
    seq: (last?.seq ?? 0) + 1,
    at,
    actorId: entry.actorId,
    serviceId: entry.serviceId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx
    .insertInto('audit_log')
    .values({
      chain: fields.chain,
      seq: fields.seq,
      at: fields.at,
      actor_id: fields.actorId,
      service_id: fields.serviceId,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      details: JSON.stringify(fields.details),
      prev_hash: fields.prevHash,
      hash: auditHash(fields),
    })
    .execute();
}
