// Reading and writing one case: the row (locked for a change), the check that the actor may see it
// (else 404), and its personal data — each field sealed on its own, bound to the case and the field,
// so a read opens exactly the fields it names and a value copied to another field does not open.
import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CasesTable, DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { policy, SERVICE_ROLES, type Actor, type CaseFacts } from '../auth/policy.js';
import { open, seal } from '../privacy/sealedText.js';
import type { RecordDeps } from '../records/recordStore.js';
import type { PersonalInput } from './caseSchemas.js';
import { PERSONAL_COLUMNS, PERSONAL_FIELDS, type PersonalField } from './caseVocabulary.js';

export type CaseRow = Selectable<CasesTable>;
export type Db = Database | Transaction<DB>;

/** What the case commands need: the records' (the database, the clock, the sealing key, the projector). */
export type CaseDeps = RecordDeps;

export const caseFacts = (row: Pick<CaseRow, 'service_id' | 'assigned_to'>): CaseFacts => ({
  serviceId: row.service_id,
  assignedTo: row.assigned_to,
});

/** The case, locked for a change when `lock`; 404 when it does not exist or the actor may not see it. */
export async function caseFor(db: Db, actor: Actor, id: string, lock: boolean): Promise<CaseRow> {
  let q = db.selectFrom('cases').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || policy.viewCase(actor, caseFacts(row)) !== 'allow') throw new AppError('case.not_found');
  return row;
}

/** A case that may still change: not closed, and (when given) at the version the client saw. */
export function assertOpen(row: CaseRow, version?: number): void {
  if (row.status === 'closed' || row.destroyed_at !== null) throw new AppError('case.closed');
  if (version !== undefined && row.version !== version) throw new AppError('resource.version_conflict', { currentVersion: row.version });
}

const context = (caseId: string, field: PersonalField) => `case:${caseId}:${field}`;

/** The columns a change of personal data writes: absent keeps, null clears, a value is sealed. */
export function personalColumns(key: Buffer, caseId: string, input: PersonalInput | undefined) {
  const out: Partial<Record<(typeof PERSONAL_COLUMNS)[PersonalField], string | null>> = {};
  for (const field of PERSONAL_FIELDS) {
    const v = input?.[field];
    if (v === undefined) continue;
    out[PERSONAL_COLUMNS[field]] = v === null ? null : seal(key, String(v), context(caseId, field));
  }
  return out;
}

/** The personal fields that hold a value. */
export const filledFields = (row: CaseRow): PersonalField[] => PERSONAL_FIELDS.filter((f) => row[PERSONAL_COLUMNS[f]] !== null);

export interface PersonalData {
  childName?: string | null;
  childAge?: number | null;
  address?: string | null;
  school?: string | null;
  family?: string | null;
}

/** Opens the named fields (null where empty); the caller audits the read. */
export function openPersonal(key: Buffer, row: CaseRow, fields: readonly PersonalField[]): PersonalData {
  const out: Record<string, string | number | null> = {};
  for (const field of fields) {
    const sealed = row[PERSONAL_COLUMNS[field]];
    const text = sealed === null ? null : open(key, sealed, context(row.id, field));
    out[field] = field === 'childAge' && text !== null ? Number(text) : text;
  }
  return out as PersonalData;
}

/** Staff who may be given cases of the service: active, with a role there that takes contacts. */
const assignableQuery = (db: Db, serviceId: string) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('staff_users as u', 'u.id', 'g.user_id')
    .where('g.service_id', '=', serviceId)
    .where('g.role', 'in', [...SERVICE_ROLES])
    .where('u.disabled', '=', false);

export async function isAssignable(db: Db, serviceId: string, userId: string): Promise<boolean> {
  const row = await assignableQuery(db, serviceId).select('g.user_id').where('g.user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** Everyone a case of the service can be given to (pseudonyms only), by pseudonym. */
export async function assignableStaff(db: Db, serviceId: string): Promise<{ id: string; pseudonym: string }[]> {
  return assignableQuery(db, serviceId).select(['u.id', 'u.pseudonym']).distinct().orderBy('u.pseudonym').orderBy('u.id').execute();
}

export async function pseudonymOf(db: Db, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await db.selectFrom('staff_users').select('pseudonym').where('id', '=', userId).executeTakeFirst();
  return row?.pseudonym ?? null;
}
