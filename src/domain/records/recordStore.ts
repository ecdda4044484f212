// Reading and writing one contact record: the row with its reasons, the editable fields as the API
// names them, the sealed free text, the reason codes valid for a record, and the lock that keeps
// each service's rollups written by one transaction at a time.
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ContactRecordsTable, DB } from '../../db/schema.js';
import type { UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { open, seal } from '../privacy/sealedText.js';
import type { RoutingRuntime } from '../routing/live/routingRuntime.js';
import type { RecordFields } from './recordSchemas.js';
import type { RiskAnswers } from './risk.js';
import { rollupLockKey } from './statsRollup.js';
import { ageGroupOf } from './vocabulary.js';

export type RecordRow = Selectable<ContactRecordsTable>;
export type Db = Database | Transaction<DB>;

export interface RecordDeps extends UnitDeps {
  /** config.secrets.encryptionKey: summaries and referrals are sealed with it. */
  key: Buffer;
  /** Runs the routing projector once (a just-accepted contact's record may not be written yet). */
  syncRecords: () => Promise<void>;
  /** The routing writer, for raising a contact's priority on imminent risk (absent in some tools). */
  routing?: RoutingRuntime;
}

/** A referral given in the record: the directory service and what it was when attached. */
export interface RecordReferral {
  id: string;
  directoryServiceId: string;
  name: string;
  phone: string | null;
  termIds: string[];
  createdAt: Date;
  createdBy: string | null;
}

/** A record with its reason codes in their order, its referrals, its service's time zone and its counsellor's pseudonym. */
export interface LoadedRecord {
  row: RecordRow;
  reasons: string[];
  /** The stored reasons with their national rows; null if one of them is no longer valid for the record. */
  reasonFacts: ReasonFacts[] | null;
  referrals: RecordReferral[];
  timeZone: string;
  pseudonym: string | null;
  /** The routing log holds events of this contact the projector has not written into the record yet. */
  syncBehind: boolean;
}

type ReferralJson = { id: string; ds: string; name: string; phone: string | null; terms: string[]; at: string; by: string | null };

/** One round trip: the row (locked for a change), its reasons, and what its view and statistics need. */
export async function loadRecord(db: Db, id: string, lock: boolean): Promise<LoadedRecord | undefined> {
  let q = db
    .selectFrom('contact_records as r')
    .selectAll('r')
    .select([
      sql<
        string[]
      >`coalesce((select array_agg(x.code order by x.position) from contact_record_reasons x where x.record_id = r.id), '{}')`.as(
        'reason_codes',
      ),
      // Each stored code's national row if the record may still carry it (as validReasons checks), else null.
      sql<(string | null)[]>`coalesce((select array_agg(c.national_row order by x.position) from contact_record_reasons x
        left join reason_codes c on c.code = x.code and (c.service_id is null or c.service_id = r.service_id)
          and c.added_in_version <= r.classification_version
          and (c.retired_in_version is null or c.retired_in_version > r.classification_version)
        where x.record_id = r.id), '{}')`.as('reason_rows'),
      sql<
        ReferralJson[]
      >`coalesce((select json_agg(json_build_object('id', x.id, 'ds', x.directory_service_id, 'name', x.name, 'phone', x.phone, 'terms', x.term_ids, 'at', x.created_at, 'by', x.created_by) order by x.created_at, x.id) from record_referrals x where x.record_id = r.id), '[]')`.as(
        'referrals',
      ),
      sql<string>`(select s.time_zone from services s where s.id = r.service_id)`.as('service_time_zone'),
      sql<string | null>`(select u.pseudonym from staff_users u where u.id = r.staff_id)`.as('staff_pseudonym'),
      sql<boolean>`coalesce((select max(e.seq) from routing_events e where e.contact_id = r.id), 0) > (select last_seq from records_sync where id = 1)`.as(
        'sync_behind',
      ),
    ])
    .where('r.id', '=', id);
  if (lock) q = q.forUpdate();
  const found = await q.executeTakeFirst();
  if (!found) return undefined;
  const { reason_codes, reason_rows, referrals, service_time_zone, staff_pseudonym, sync_behind, ...row } = found;
  return {
    row,
    reasons: reason_codes,
    reasonFacts: reason_rows.every((r) => r !== null) ? reason_codes.map((code, i) => ({ code, nationalRow: reason_rows[i]! })) : null,
    referrals: (typeof referrals === 'string' ? (JSON.parse(referrals) as ReferralJson[]) : referrals).map((x) => ({
      id: x.id,
      directoryServiceId: x.ds,
      name: x.name,
      phone: x.phone,
      termIds: x.terms,
      createdAt: new Date(x.at),
      createdBy: x.by,
    })),
    timeZone: service_time_zone,
    pseudonym: staff_pseudonym,
    syncBehind: sync_behind,
  };
}

/**
 * Makes sure the projector has read every routing event of a contact whose record is asked for: a
 * GET right after accept finds the record with its counsellor, not missing or still unassigned.
 */
export async function ensureRecord(deps: RecordDeps, id: string): Promise<void> {
  const { rows } = await sql<{ behind: boolean }>`
    select coalesce((select max(seq) from routing_events where contact_id = ${id}::uuid), 0)
      > (select last_seq from records_sync where id = 1) as behind`.execute(deps.db);
  if (rows[0]?.behind) await deps.syncRecords();
}

/** The routing projector has not written all of this contact's events into its record yet (see withSyncedRecord). */
export class RecordBehind extends Error {}

/**
 * Runs `work` (a unit reading the record with loadRecord/recordForUpdate) on the record as the routing
 * projector has it up to date, without a round trip of its own: the check comes with the record's read;
 * when it is behind (or not written yet), `work` throws RecordBehind, its unit is rolled back, the
 * projector runs once and `work` runs again without the check.
 */
export async function withSyncedRecord<T>(deps: RecordDeps, work: (checkSync: boolean) => Promise<T>): Promise<T> {
  try {
    return await work(true);
  } catch (err) {
    if (!(err instanceof RecordBehind)) throw err;
  }
  await deps.syncRecords();
  return work(false);
}

/** The record locked for a change, or 404; with `checkSync`, RecordBehind if the projector is behind it. */
export async function recordForUpdate(tx: Transaction<DB>, id: string, checkSync = false): Promise<LoadedRecord> {
  return presentRecord(await loadRecord(tx, id, true), checkSync);
}

/** The record to read, or 404; with `checkSync`, RecordBehind if the projector is behind it. */
export async function recordToRead(tx: Transaction<DB>, id: string, checkSync = false): Promise<LoadedRecord> {
  return presentRecord(await loadRecord(tx, id, false), checkSync);
}

function presentRecord(loaded: LoadedRecord | undefined, checkSync: boolean): LoadedRecord {
  if (checkSync && (!loaded || loaded.syncBehind)) throw new RecordBehind();
  if (!loaded) throw new AppError('record.not_found');
  return loaded;
}

/** The editable fields as stored, in the API's names (free text opened). */
export function storedFields(key: Buffer, { row, reasons }: LoadedRecord): StoredFields {
  return {
    contactType: row.contact_type,
    callerType: row.caller_type,
    childGender: row.child_gender,
    childAge: row.child_age,
    localityType: row.locality_type,
    region: row.region,
    vulnerable: row.vulnerable,
    heardFrom: row.heard_from,
    language: row.language,
    reasons,
    riskAnswers: (row.risk_answers ?? null) as RiskAnswers | null,
    actions: row.actions,
    referral: row.referral_sealed === null ? null : open(key, row.referral_sealed, row.id),
    summary: row.summary_sealed === null ? null : open(key, row.summary_sealed, row.id),
  };
}

/** Every field present, null where not filled in (arrays empty). Stored values may be the system's own ('missed'). */
export interface StoredFields {
  contactType: string | null;
  callerType: string | null;
  childGender: string | null;
  childAge: number | null;
  localityType: string | null;
  region: string | null;
  vulnerable: string[];
  heardFrom: string | null;
  language: string | null;
  reasons: string[];
  riskAnswers: RiskAnswers | null;
  actions: string[];
  referral: string | null;
  summary: string | null;
}

/** The stored fields with a partial change applied: absent keeps, null clears. */
export function mergeFields(stored: StoredFields, patch: RecordFields): StoredFields {
  const out = { ...stored } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const empty = k === 'vulnerable' || k === 'reasons' || k === 'actions' ? [] : null;
    out[k] = v === null ? empty : v;
  }
  return out as unknown as StoredFields;
}

/** The columns that hold the fields (reasons go to their own table). */
export function fieldColumns(key: Buffer, id: string, f: StoredFields) {
  const sealed = (text: string | null) => (text === null || text === '' ? null : seal(key, text, id));
  return {
    contact_type: f.contactType,
    caller_type: f.callerType,
    child_gender: f.childGender,
    child_age: f.childAge,
    age_group: f.childAge === null ? null : ageGroupOf(f.childAge),
    locality_type: f.localityType,
    region: f.region,
    vulnerable: f.vulnerable,
    heard_from: f.heardFrom,
    language: f.language,
    risk_answers: f.riskAnswers === null ? null : JSON.stringify(f.riskAnswers),
    actions: f.actions,
    referral_sealed: sealed(f.referral),
    summary_sealed: sealed(f.summary),
  };
}

export async function writeReasons(tx: Transaction<DB>, row: RecordRow, codes: readonly string[]): Promise<void> {
  await tx.deleteFrom('contact_record_reasons').where('record_id', '=', row.id).execute();
  if (codes.length === 0) return;
  await tx
    .insertInto('contact_record_reasons')
    .values(codes.map((code, i) => ({ record_id: row.id, service_id: row.service_id, code, position: i + 1 })))
    .execute();
}

export interface ReasonFacts {
  code: string;
  nationalRow: string;
}

/** validReasons for a change to `codes`, without a query when they are the record's stored (and still valid) reasons. */
export async function reasonsAfter(db: Db, loaded: LoadedRecord, codes: readonly string[]): Promise<ReasonFacts[]> {
  const same = codes.length === loaded.reasons.length && codes.every((c, i) => c === loaded.reasons[i]);
  return same && loaded.reasonFacts ? loaded.reasonFacts : validReasons(db, loaded.row, codes);
}

/**
 * The reason codes among `codes` that a record may carry: active in its classification version and
 * national or the service's own. Codes it may not carry are 422 record.unknown_reason.
 */
export async function validReasons(db: Db, row: Pick<RecordRow, 'service_id' | 'classification_version'>, codes: readonly string[]) {
  if (codes.length === 0) return [] as ReasonFacts[];
  const found = await db
    .selectFrom('reason_codes')
    .select(['code', 'national_row'])
    .where('code', 'in', codes)
    .where((eb) => eb.or([eb('service_id', 'is', null), eb('service_id', '=', row.service_id)]))
    .where('added_in_version', '<=', row.classification_version)
    .where((eb) => eb.or([eb('retired_in_version', 'is', null), eb('retired_in_version', '>', row.classification_version)]))
    .execute();
  const byCode = new Map(found.map((r) => [r.code, r.national_row]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) throw new AppError('record.unknown_reason', { codes: unknown });
  return codes.map((code) => ({ code, nationalRow: byCode.get(code)! }));
}

/**
 * Rollup writers of one service take turns (until commit): a transaction that touches several days
 * (the projector, a correction) then cannot lock daily and monthly rows in an order that deadlocks
 * with another. Several services are locked in one global order.
 */
export async function lockRollups(tx: Transaction<DB>, serviceIds: readonly string[]): Promise<void> {
  const keys = [...new Set(serviceIds)].sort().map(rollupLockKey);
  if (keys.length === 0) return;
  // One statement: the locks are taken row by row, in the array's order.
  await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) with ordinality as t(k, i) order by i`.execute(
    tx,
  );
}
