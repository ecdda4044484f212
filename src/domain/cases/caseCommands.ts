// Opening, changing and closing a case. Each is one transaction: authorise (an outsider gets 404),
// check, write, audit — the audit names the personal fields that changed, never their values.
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { auditedUpdate } from '../audit/auditedUpdate.js';
import { policy, type Actor } from '../auth/policy.js';
import { ensureRecord } from '../records/recordStore.js';
import type { CaseBasisInput, CasePatch, NewCase } from './caseSchemas.js';
import { assertOpen, caseFacts, caseFor, isAssignable, personalColumns, pseudonymOf, type CaseDeps } from './caseStore.js';
import { toCaseSummary, type CaseSummary } from './caseViews.js';
import { PERSONAL_FIELDS } from './caseVocabulary.js';

const DAY_MS = 86_400_000;
/** A consent may be dated a little ahead of the server's clock (the counsellor's watch), not more. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The consent's instant: required, not in the future, within the last year. */
function consentAt(basis: CaseBasisInput, now: Date): Date | null {
  if (basis.kind !== 'consent') return null;
  if (basis.at === undefined || basis.at === null) throw new AppError('case.consent_date_required');
  const at = new Date(basis.at);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS || at.getTime() < now.getTime() - 366 * DAY_MS)
    throw new AppError('case.consent_date_invalid');
  return at;
}

const changedFields = (input: NewCase['personal'] | undefined) => PERSONAL_FIELDS.filter((f) => input?.[f] !== undefined);

export async function openCase(deps: CaseDeps, actor: Actor, input: NewCase): Promise<CaseSummary> {
  // Checked before anything is read or written: a consent without its date saves nothing.
  const consent = consentAt(input.basis, deps.clock());
  await ensureRecord(deps, input.recordId);
  return inUnit(deps, async (u) => {
    const record = await u.tx
      .selectFrom('contact_records')
      .select(['id', 'service_id', 'staff_id', 'status', 'contact_type'])
      .where('id', '=', input.recordId)
      .executeTakeFirst();
    if (!record || policy.openCase(actor, { staffId: record.staff_id, serviceId: record.service_id }) !== 'allow')
      throw new AppError('record.not_found');
    if (record.status === 'void' || record.contact_type === 'missed') throw new AppError('case.record_not_eligible');
    const serviceId = record.service_id;
    const assignee = input.assignedTo ?? actor.userId;
    if (assignee !== actor.userId && policy.assignCase(actor, { serviceId, assignedTo: null }) !== 'allow')
      throw new AppError('auth.forbidden');
    if (!(await isAssignable(u.tx, serviceId, assignee))) throw new AppError('case.assignee_invalid');

    const inserted = await u.tx
      .insertInto('cases')
      .values({
        id: input.id,
        service_id: serviceId,
        record_id: record.id,
        basis: input.basis.kind,
        consent_by: input.basis.kind === 'consent' ? input.basis.by : null,
        consent_at: consent,
        consent_purposes: input.basis.kind === 'consent' ? input.basis.purposes : [],
        duty_reason: input.basis.kind === 'legal_duty' ? input.basis.reason : null,
        status: 'open',
        assigned_to: assignee,
        ...personalColumns(deps.key, input.id, input.personal),
        created_by: actor.userId,
        created_at: u.now,
        updated_at: u.now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      // A retry of the same request answers the case it made; any other use of the id is refused.
      const existing = await u.tx.selectFrom('cases').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
      if (existing.created_by !== actor.userId || existing.record_id !== record.id) throw new AppError('case.exists');
      return toCaseSummary(existing, await pseudonymOf(u.tx, existing.assigned_to), actor);
    }
    await u.tx
      .insertInto('case_contacts')
      .values({ case_id: input.id, record_id: record.id, service_id: serviceId, linked_by: actor.userId, linked_at: u.now })
      .execute();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId,
      action: 'case.open',
      targetType: 'case',
      targetId: input.id,
      details: {
        recordId: record.id,
        basis: input.basis.kind,
        ...(input.basis.kind === 'consent'
          ? { consentBy: input.basis.by, consentAt: consent!.toISOString(), purposes: input.basis.purposes }
          : { reason: input.basis.reason }),
        assignedTo: assignee,
        fields: changedFields(input.personal),
      },
    });
    return toCaseSummary(inserted, await pseudonymOf(u.tx, assignee), actor);
  });
}

export async function changeCase(deps: CaseDeps, actor: Actor, id: string, patch: CasePatch): Promise<CaseSummary> {
  return inUnit(deps, async (u) => {
    const row = await caseFor(u.tx, actor, id, true);
    assertOpen(row, patch.version);
    const details: Record<string, unknown> = {};
    if (patch.assignedTo !== undefined && patch.assignedTo !== row.assigned_to) {
      if (policy.assignCase(actor, caseFacts(row)) !== 'allow') throw new AppError('auth.forbidden');
      if (!(await isAssignable(u.tx, row.service_id, patch.assignedTo))) throw new AppError('case.assignee_invalid');
      details.assignedTo = { from: row.assigned_to, to: patch.assignedTo };
    }
    if (patch.status !== undefined && patch.status !== row.status) details.status = { from: row.status, to: patch.status };
    const fields = changedFields(patch.personal);
    if (fields.length > 0) details.fields = fields;
    const updated = await auditedUpdate(
      u,
      actor.userId,
      'cases',
      row,
      {
        ...personalColumns(deps.key, id, patch.personal),
        ...(patch.assignedTo !== undefined ? { assigned_to: patch.assignedTo } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
      },
      { action: 'case.update', details },
    );
    return toCaseSummary(updated, await pseudonymOf(u.tx, updated.assigned_to), actor);
  });
}

export async function closeCase(deps: CaseDeps, actor: Actor, id: string, c: { version: number; reason: string }): Promise<CaseSummary> {
  return inUnit(deps, async (u) => {
    const row = await caseFor(u.tx, actor, id, true);
    assertOpen(row, c.version);
    const updated = await auditedUpdate(
      u,
      actor.userId,
      'cases',
      row,
      { status: 'closed', closed_reason: c.reason, closed_at: u.now, closed_by: actor.userId },
      { action: 'case.close', details: { reason: c.reason } },
    );
    return toCaseSummary(updated, await pseudonymOf(u.tx, updated.assigned_to), actor);
  });
}
