// Changing a contact record: saving a draft, finalizing, correcting a final record and assessing
// risk are one command with one transaction — authorise, check the version, merge the fields,
// validate the reasons, keep the rollups equal to the records, audit, answer the record's view.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inUnit, type Unit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { policy, type Actor } from '../auth/policy.js';
import { raiseAlert, raiseRoutingPriority } from './riskAlerts.js';
import { classify, replaceKeys, storedKeys, type Classified } from './recordStats.js';
import { finalizeProblems, type RecordFields } from './recordSchemas.js';
import {
  fieldColumns,
  mergeFields,
  recordForUpdate,
  recordToRead,
  storedFields,
  reasonsAfter,
  writeReasons,
  type LoadedRecord,
  type RecordDeps,
  type StoredFields,
  withSyncedRecord,
} from './recordStore.js';
import { isEditable, toRecordView, type RecordView } from './recordViews.js';
import { riskLevelOf, type RiskAnswers } from './risk.js';

export interface RecordChange {
  version: number;
  fields?: RecordFields | undefined;
  /** The risk screener's answers (POST …/risk): assessed and audited whatever the level. */
  riskAnswers?: RiskAnswers;
  finalize?: boolean;
}

/** Who may see it (else 404), whether it may change at all, and whether the actor may change it now. */
export function authoriseEdit(actor: Actor, row: LoadedRecord['row'], now: Date): void {
  const facts = { staffId: row.staff_id, serviceId: row.service_id, finalizedAt: row.finalized_at };
  if (policy.viewRecord(actor, facts) !== 'allow') throw new AppError('record.not_found');
  if (!isEditable(row)) throw new AppError('record.not_editable');
  if (policy.editRecord(actor, facts, now) !== 'allow') throw new AppError('record.correction_window_closed');
}

const FREE_TEXT = new Set(['summary', 'referral']);

/** Field-by-field before and after; free text only as "changed", never in clear. */
function changesOf(before: StoredFields, after: StoredFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof StoredFields)[]) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    out[k] = FREE_TEXT.has(k) ? 'changed' : { from: before[k], to: after[k] };
  }
  return out;
}

export async function changeRecord(deps: RecordDeps, actor: Actor, id: string, change: RecordChange): Promise<RecordView> {
  let alert: Awaited<ReturnType<typeof raiseAlert>> | null = null;
  const view = await withSyncedRecord(deps, (checkSync) =>
    inUnit(deps, async (u) => {
      const loaded = await recordForUpdate(u.tx, id, checkSync);
      const { row } = loaded;
      authoriseEdit(actor, row, u.now);
      if (row.version !== change.version) throw new AppError('resource.version_conflict', { currentVersion: row.version });
      const before = storedFields(deps.key, loaded);
      const patch: RecordFields = { ...change.fields, ...(change.riskAnswers ? { riskAnswers: change.riskAnswers } : {}) };
      const after = mergeFields(before, patch);
      if (after.contactType !== null && after.contactType !== 'counselling' && after.reasons.length > 0)
        throw new AppError('record.reasons_not_allowed');
      const reasons = await reasonsAfter(u.tx, loaded, after.reasons);
      const finalizing = change.finalize === true;
      if (finalizing && row.status === 'final') throw new AppError('record.not_editable');
      const final = finalizing || row.status === 'final';
      if (final) {
        const problems = finalizeProblems(after as RecordFields, new Set(after.reasons), loaded.referrals.length);
        if (problems.length > 0) throw new AppError('record.incomplete', { problems });
      }
      const riskLevel = after.riskAnswers ? riskLevelOf(after.riskAnswers) : 'unknown';
      const columns = { ...fieldColumns(deps.key, id, after), risk_level: riskLevel };
      // A final record's statistics keys, computed from the row as it will stand, written with it.
      const stats: Classified | null = final
        ? classify(
            { ...row, ...columns, risk_answers: row.risk_answers },
            reasons,
            loaded.timeZone,
            loaded.referrals.map((r) => r.termIds),
          )
        : null;
      const updated = await u.tx
        .updateTable('contact_records')
        .set({
          ...columns,
          version: row.version + 1,
          updated_at: u.now,
          ...(finalizing ? { status: 'final' as const, finalized_at: u.now, finalized_by: actor.userId } : {}),
          ...(stats ? { stats_day: stats.day, stats_keys: JSON.stringify(stats.keys) } : {}),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (JSON.stringify(before.reasons) !== JSON.stringify(after.reasons)) await writeReasons(u.tx, updated, after.reasons);
      if (stats) {
        const old = row.status === 'final' && row.stats_day ? { day: row.stats_day, keys: storedKeys(row) } : null;
        await replaceKeys(u.tx, row.service_id, old, stats);
      }
      await auditChange(u, actor, loaded, { before, after, finalizing, riskLevel, assessed: change.riskAnswers !== undefined });
      if (riskLevel === 'imminent' && row.risk_level !== 'imminent') alert = await raiseAlert(u, actor, updated);
      const result = { ...loaded, row: updated, reasons: after.reasons };
      // The answer shows stored free text the caller did not send: that is a read, and audited as one.
      const revealed = (after.summary !== null && patch.summary === undefined) || (after.referral !== null && patch.referral === undefined);
      if (revealed) await auditRead(u.tx, u.now, actor, updated);
      return toRecordView(result, after, loaded.pseudonym, actor, u.now);
    }),
  );
  if (alert) await raiseRoutingPriority(deps, alert);
  return view;
}

async function auditChange(
  u: Unit,
  actor: Actor,
  { row }: LoadedRecord,
  c: { before: StoredFields; after: StoredFields; finalizing: boolean; riskLevel: string; assessed: boolean },
): Promise<void> {
  const entry = { actorId: actor.userId, serviceId: row.service_id, targetType: 'record', targetId: row.id };
  if (c.finalizing) await appendAudit(u.tx, u.now, { ...entry, action: 'record.finalize', details: { contactType: c.after.contactType } });
  else if (row.status === 'final')
    await appendAudit(u.tx, u.now, { ...entry, action: 'record.correct', details: { changes: changesOf(c.before, c.after) } });
  if (c.assessed || c.riskLevel !== row.risk_level)
    await appendAudit(u.tx, u.now, {
      ...entry,
      action: 'record.risk_assess',
      details: { levelBefore: row.risk_level, levelAfter: c.riskLevel },
    });
}

export async function auditRead(tx: Transaction<DB>, now: Date, actor: Actor, row: LoadedRecord['row']): Promise<void> {
  await appendAudit(tx, now, {
    actorId: actor.userId,
    serviceId: row.service_id,
    action: 'record.read',
    targetType: 'record',
    targetId: row.id,
  });
}

/** One record with its free text; each read is audited (who read which record). */
export async function readRecord(deps: RecordDeps, actor: Actor, id: string): Promise<RecordView> {
  return withSyncedRecord(deps, (checkSync) =>
    inUnit(deps, async (u) => {
      const loaded = await recordToRead(u.tx, id, checkSync);
      const { row } = loaded;
      if (policy.viewRecord(actor, { staffId: row.staff_id, serviceId: row.service_id }) !== 'allow')
        throw new AppError('record.not_found');
      await auditRead(u.tx, u.now, actor, row);
      return toRecordView(loaded, storedFields(deps.key, loaded), loaded.pseudonym, actor, u.now);
    }),
  );
}
