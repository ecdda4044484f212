// The contacts a case links. A repeat caller's earlier contacts are found through the caller key of
// the records already linked (a keyed hash: nobody sees a number) and offered as candidates; one is
// linked only when the counsellor confirms it. A record that is not a candidate may be linked by
// someone who may read it (their own record, or any of the service's for a supervisor).
import { sql } from 'kysely';
import { z } from 'zod';
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { policy, type Actor } from '../auth/policy.js';
import { ensureRecord } from '../records/recordStore.js';
import { assertOpen, caseFor, type CaseDeps, type Db } from './caseStore.js';
import { caseContactSchema } from './caseViews.js';

export const candidateListSchema = z.object({ items: z.array(caseContactSchema) });
type CaseContact = z.infer<typeof caseContactSchema>;

const CANDIDATES_MAX = 50;

/** Records of the case's service with a caller key of a linked record, not linked yet, newest first. */
function candidatesQuery(db: Db, caseId: string, serviceId: string) {
  return db
    .selectFrom('contact_records as r')
    .select(['r.id', 'r.arrived_at', 'r.channel', 'r.contact_type', 'r.risk_level'])
    .where('r.service_id', '=', serviceId)
    .where('r.status', '<>', 'void')
    .where(
      'r.caller_key',
      'in',
      db
        .selectFrom('case_contacts as c')
        .innerJoin('contact_records as l', 'l.id', 'c.record_id')
        .select('l.caller_key')
        .where('c.case_id', '=', caseId)
        .where('l.caller_key', 'is not', null),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('case_contacts as x')
            .select(sql.lit(1).as('one'))
            .where('x.case_id', '=', caseId)
            .whereRef('x.record_id', '=', 'r.id'),
        ),
      ),
    );
}

const toContact = (
  r: { id: string; arrived_at: Date; channel: string; contact_type: string | null; risk_level: string },
  linkedAt: Date | null,
): CaseContact => ({
  recordId: r.id,
  arrivedAt: r.arrived_at.toISOString(),
  channel: r.channel,
  contactType: r.contact_type,
  riskLevel: r.risk_level,
  linkedAt: linkedAt?.toISOString() ?? null,
});

export async function contactCandidates(deps: CaseDeps, actor: Actor, caseId: string): Promise<CaseContact[]> {
  const row = await caseFor(deps.db, actor, caseId, false);
  const rows = await candidatesQuery(deps.db, caseId, row.service_id).orderBy('r.arrived_at', 'desc').limit(CANDIDATES_MAX).execute();
  return rows.map((r) => toContact(r, null));
}

/** Links a record on the counsellor's confirmation; linking a linked record again changes nothing. Answers the linked contacts. */
export async function linkContact(deps: CaseDeps, actor: Actor, caseId: string, recordId: string): Promise<CaseContact[]> {
  await ensureRecord(deps, recordId);
  return inUnit(deps, async (u) => {
    const row = await caseFor(u.tx, actor, caseId, true);
    assertOpen(row);
    const record = await u.tx
      .selectFrom('contact_records')
      .select(['id', 'service_id', 'staff_id'])
      .where('id', '=', recordId)
      .where('service_id', '=', row.service_id)
      .executeTakeFirst();
    if (!record) throw new AppError('record.not_found');
    const linked = await u.tx
      .selectFrom('case_contacts')
      .select('record_id')
      .where('case_id', '=', caseId)
      .where('record_id', '=', recordId)
      .executeTakeFirst();
    if (!linked) {
      const candidate = await candidatesQuery(u.tx, caseId, row.service_id).where('r.id', '=', recordId).executeTakeFirst();
      if (!candidate && policy.viewRecord(actor, { staffId: record.staff_id, serviceId: record.service_id }) !== 'allow')
        throw new AppError('record.not_found');
      await u.tx
        .insertInto('case_contacts')
        .values({ case_id: caseId, record_id: recordId, service_id: row.service_id, linked_by: actor.userId, linked_at: u.now })
        .execute();
      await appendAudit(u.tx, u.now, {
        actorId: actor.userId,
        serviceId: row.service_id,
        action: 'case.link_contact',
        targetType: 'case',
        targetId: caseId,
        details: { recordId, byCallerKey: candidate !== undefined },
      });
    }
    const rows = await u.tx
      .selectFrom('case_contacts as c')
      .innerJoin('contact_records as r', 'r.id', 'c.record_id')
      .select(['r.id', 'r.arrived_at', 'r.channel', 'r.contact_type', 'r.risk_level', 'c.linked_at'])
      .where('c.case_id', '=', caseId)
      .orderBy('r.arrived_at')
      .execute();
    return rows.map((r) => toContact(r, r.linked_at));
  });
}
