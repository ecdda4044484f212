// Referrals in a contact record: the counsellor attaches a directory service (an HSDS service the
// record's helpline sees: its own or a national one) and the record keeps what it was at that moment
// — name, first phone, taxonomy terms — so it still reads true after the entry changes or goes.
// Attaching and removing follow the record's own rules (who may change it, corrections of final
// records), tick the record's «referred» action, keep the rollups (referrals by term) equal to the
// records, and are audited.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { inUnit, type Unit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { policy, type Actor } from '../auth/policy.js';
import { referralCard } from '../directory/referralCard.js';
import { authoriseEdit } from './recordCommands.js';
import { classify, replaceKeys, storedKeys } from './recordStats.js';
import {
  ensureRecord,
  loadRecord,
  recordForUpdate,
  reasonsAfter,
  type LoadedRecord,
  type RecordDeps,
  type RecordReferral,
} from './recordStore.js';
import { referralViewSchema, toReferralView, type ReferralView } from './recordViews.js';

/** What attaching or removing did to the record: its version and actions now (an editor adopts them). */
export const referralChangeSchema = z.object({
  referral: referralViewSchema.nullable(),
  record: z.object({ version: z.number().int(), actions: z.array(z.string()) }),
});
export type ReferralChange = z.infer<typeof referralChangeSchema>;

/** The record's referrals (whoever may read the record). */
export async function listReferrals(deps: RecordDeps, actor: Actor, recordId: string): Promise<ReferralView[]> {
  await ensureRecord(deps, recordId);
  const loaded = await loadRecord(deps.db, recordId, false);
  if (!loaded || policy.viewRecord(actor, { staffId: loaded.row.staff_id, serviceId: loaded.row.service_id }) !== 'allow')
    throw new AppError('record.not_found');
  return loaded.referrals.map(toReferralView);
}

/**
 * Attaches a directory service to the record. The same service again answers the referral already
 * there (created: false) and changes nothing, so a repeated click or a resent request is harmless.
 */
export async function attachReferral(
  deps: RecordDeps,
  actor: Actor,
  recordId: string,
  directoryServiceId: string,
): Promise<{ created: boolean; change: ReferralChange }> {
  await ensureRecord(deps, recordId);
  return inUnit(deps, async (u) => {
    const loaded = await recordForUpdate(u.tx, recordId);
    const { row } = loaded;
    authoriseEdit(actor, row, u.now);
    const existing = loaded.referrals.find((r) => r.directoryServiceId === directoryServiceId);
    if (existing)
      return { created: false, change: { referral: toReferralView(existing), record: { version: row.version, actions: row.actions } } };
    // What the counsellor sees on the card now: its name and first phone, and the entry's terms.
    const { card, termIds } = await referralCard(u.tx, actor, row.service_id, directoryServiceId, u.now);
    const referral: RecordReferral = {
      id: randomUUID(),
      directoryServiceId,
      name: card.name,
      phone: card.phones[0]?.number ?? null,
      termIds,
      createdAt: u.now,
      createdBy: actor.userId,
    };
    await u.tx
      .insertInto('record_referrals')
      .values({
        id: referral.id,
        record_id: row.id,
        service_id: row.service_id,
        directory_service_id: directoryServiceId,
        name: referral.name,
        phone: referral.phone,
        term_ids: referral.termIds,
        created_at: u.now,
        created_by: actor.userId,
      })
      .execute();
    const record = await afterReferralsChanged(u, loaded, [...loaded.referrals, referral], true);
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: row.service_id,
      action: 'record.referral_add',
      targetType: 'record',
      targetId: row.id,
      details: {
        referralId: referral.id,
        directoryServiceId,
        termIds: referral.termIds,
        referredTicked: record.actions.length !== row.actions.length,
        ...(row.status === 'final' ? { correction: true } : {}),
      },
    });
    return { created: true, change: { referral: toReferralView(referral), record } };
  });
}

/** Removes a referral from the record. */
export async function removeReferral(deps: RecordDeps, actor: Actor, recordId: string, referralId: string): Promise<ReferralChange> {
  await ensureRecord(deps, recordId);
  return inUnit(deps, async (u) => {
    const loaded = await recordForUpdate(u.tx, recordId);
    const { row } = loaded;
    authoriseEdit(actor, row, u.now);
    const gone = loaded.referrals.find((r) => r.id === referralId);
    if (!gone) throw new AppError('record.referral_not_found');
    const left = loaded.referrals.filter((r) => r.id !== referralId);
    await u.tx.deleteFrom('record_referrals').where('id', '=', referralId).execute();
    const record = await afterReferralsChanged(u, loaded, left, false);
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: row.service_id,
      action: 'record.referral_remove',
      targetType: 'record',
      targetId: row.id,
      details: {
        referralId,
        directoryServiceId: gone.directoryServiceId,
        referredUnticked: record.actions.length !== row.actions.length,
        ...(row.status === 'final' ? { correction: true } : {}),
      },
    });
    return { referral: null, record };
  });
}

/**
 * The record after its referrals changed: a new referral ticks «referred», and the last one removed
 * unticks it unless free text says where else the caller was referred (either is a new version, so an
 * editor holding the old one learns of it; a final record so stays complete). A final record's
 * rollups are replaced in the same transaction, as for any correction.
 */
async function afterReferralsChanged(
  u: Unit,
  loaded: LoadedRecord,
  referrals: readonly RecordReferral[],
  added: boolean,
): Promise<ReferralChange['record']> {
  const { row, reasons, timeZone } = loaded;
  const has = row.actions.includes('referred');
  const tick = added && !has;
  const untick = !added && has && referrals.length === 0 && row.referral_sealed === null;
  const actions = tick ? [...row.actions, 'referred'] : untick ? row.actions.filter((a) => a !== 'referred') : row.actions;
  const changed = tick || untick;
  const version = changed ? row.version + 1 : row.version;
  const final = row.status === 'final' && row.stats_day !== null;
  const stats = final
    ? classify(
        { ...row, actions },
        await reasonsAfter(u.tx, loaded, reasons),
        timeZone,
        referrals.map((r) => r.termIds),
      )
    : null;
  if (changed || stats)
    await u.tx
      .updateTable('contact_records')
      .set({
        actions,
        version,
        ...(changed ? { updated_at: u.now } : {}),
        ...(stats ? { stats_day: stats.day, stats_keys: JSON.stringify(stats.keys) } : {}),
      })
      .where('id', '=', row.id)
      .execute();
  if (stats) {
    await replaceKeys(u.tx, row.service_id, { day: row.stats_day!, keys: storedKeys(row) }, stats);
  }
  return { version, actions };
}

/** Names of the taxonomy terms a report counts referrals by (a term deleted since is shown as such). */
export async function referralTermNames(db: Database, termIds: readonly string[]): Promise<Map<string, string>> {
  if (termIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('directory_rows')
    .select(['id', sql<string>`data->>'name'`.as('name')])
    .where('kind', '=', 'taxonomy_term')
    .where('id', 'in', [...termIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
