// Walks every audit chain in order and reports the first row whose hash or link does not hold.
import type { Database } from '../../db/database.js';
import { GENESIS_HASH, auditHash } from './auditHash.js';

export interface ChainBreak {
  id: number;
  chain: string;
  seq: number;
  /** head_mismatch: the chain's head (audit_chain_heads) is not its last row — rows at its end were deleted. */
  reason: 'hash_mismatch' | 'broken_link' | 'sequence_gap' | 'head_mismatch';
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  chains: number;
  firstBreak?: ChainBreak;
}

const PAGE = 5000;

export async function verifyAuditChain(db: Database): Promise<VerifyResult> {
  const chains = await db
    .selectFrom('audit_log')
    .select('chain')
    .union(db.selectFrom('audit_chain_heads').select('chain'))
    .orderBy('chain')
    .execute();
  const heads = new Map((await db.selectFrom('audit_chain_heads').selectAll().execute()).map((h) => [h.chain, h]));
  let rows = 0;
  let firstBreak: ChainBreak | undefined;
  for (const { chain } of chains) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let afterSeq = 0;
    let broken = false;
    let lastId = 0;
    while (!broken) {
      const page = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain', '=', chain)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const r of page) {
        rows += 1;
        const problem: ChainBreak['reason'] | undefined =
          r.seq !== expectedSeq
            ? 'sequence_gap'
            : r.prev_hash !== prevHash
              ? 'broken_link'
              : auditHash({
                    chain: r.chain,
                    seq: r.seq,
                    at: r.at,
                    actorId: r.actor_id,
                    serviceId: r.service_id,
                    action: r.action,
                    targetType: r.target_type,
                    targetId: r.target_id,
                    details: r.details,
                    prevHash: r.prev_hash,
                  }) !== r.hash
                ? 'hash_mismatch'
                : undefined;
        if (problem && (!firstBreak || r.id < firstBreak.id)) {
          firstBreak = { id: r.id, chain, seq: r.seq, reason: problem };
        }
        if (problem) {
          broken = true;
          break;
        }
        prevHash = r.hash;
        lastId = r.id;
        expectedSeq += 1;
        afterSeq = r.seq;
      }
      if (page.length < PAGE) break;
    }
    const head = heads.get(chain);
    const headHolds = head !== undefined && Number(head.seq) === expectedSeq - 1 && head.hash === prevHash;
    if (!broken && !headHolds && (!firstBreak || lastId < firstBreak.id))
      firstBreak = { id: lastId, chain, seq: Number(head?.seq ?? 0), reason: 'head_mismatch' };
  }
  return { ok: firstBreak === undefined, rows, chains: chains.length, ...(firstBreak ? { firstBreak } : {}) };
}
