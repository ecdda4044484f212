// Editing the directory: a helpline's head (the admin for national entries) creates, changes,
// verifies and deletes entries. Each command is one transaction: the HSDS rows, the search index of
// every service the change reaches, a metadata row per changed field and an audit entry.
// Changes are refused when the editor's copy is out of date (updatedAt); another helpline's entry
// is not found.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { HsdsData } from '../../db/schema.js';
import { inUnit, type Unit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { readerScope, seesTenant } from './directoryAccess.js';
import { deleteRows, putRows, type HsdsRow } from './directoryStore.js';
import { after, localDate, ownerTimeZone, utcOffsetHours } from './directoryTime.js';
import { entryRowIds, loadEntry } from './entryLoad.js';
import { changedFields, displayName, metadataRows, type EntryAction, type FieldChange } from './entryMetadata.js';
import { emptyView, entryRows, entryView, type LoadedEntry } from './entryRows.js';
import type { EntryInput, EntryUpdate, EntryView } from './entrySchemas.js';
import { reindexServices, servicesTouchedBy } from './serviceIndex.js';

type Tx = Unit['tx'];

/** Every term an entry names must be one its owner sees: national, or the owner's own. */
async function checkTerms(tx: Tx, tenantId: string | null, termIds: readonly string[]): Promise<void> {
  if (!termIds.length) return;
  const found = await tx
    .selectFrom('directory_rows')
    .select('id')
    .where('id', 'in', [...termIds])
    .where('kind', '=', 'taxonomy_term')
    .where(tenantId === null ? sql<boolean>`tenant_id is null` : sql<boolean>`(tenant_id is null or tenant_id = ${tenantId})`)
    .execute();
  const known = new Set(found.map((r) => r.id));
  const missing = termIds.filter((id) => !known.has(id));
  if (missing.length) throw new AppError('directory.term_not_found', { termIds: missing });
}

/** Deletes and writes rows of one owner, then rebuilds the index of every service they touch. */
async function saveRows(u: Unit, owner: { tenantId: string | null; actorId: string }, at: Date, rows: HsdsRow[], removed: string[]) {
  const before = await servicesTouchedBy(u.tx, removed);
  await deleteRows(u.tx, owner.tenantId, removed);
  const { written, refused } = await putRows(u.tx, { ...owner, at }, rows);
  // An id the entry would write belongs to another owner: nothing of this save may stand.
  if (refused.length) throw new AppError('directory.conflict');
  await reindexServices(u.tx, [...before, ...(await servicesTouchedBy(u.tx, written))], at);
}

async function record(
  u: Unit,
  actor: Actor,
  e: { id: string; tenantId: string | null; name: string },
  action: EntryAction,
  changes: FieldChange[],
  day: string,
) {
  if (changes.length) {
    const rows = metadataRows(e.id, action, changes, day, await displayName(u.tx, actor.userId));
    await putRows(u.tx, { tenantId: e.tenantId, actorId: actor.userId, at: u.now }, rows);
  }
  await appendAudit(u.tx, u.now, {
    actorId: actor.userId,
    serviceId: e.tenantId,
    action: `directory_entry.${action}`,
    targetType: 'directory_service',
    targetId: e.id,
    details: { name: e.name, fields: changes.map((c) => c.field) },
  });
}

/** The entry for an editor: another helpline's (or none) is not found; one they may only read is forbidden. */
async function editable(db: Database | Tx, actor: Actor, serviceId: string, lock: boolean): Promise<LoadedEntry> {
  const e = await loadEntry(db, serviceId, lock);
  if (!e || !seesTenant(readerScope(actor), e.service.tenantId)) throw new AppError('directory.not_found');
  enforce(policy.editDirectory(actor, e.service.tenantId), 'directory.not_found');
  return e;
}

async function reload(tx: Tx, serviceId: string): Promise<EntryView> {
  const e = await loadEntry(tx, serviceId);
  if (!e) throw new AppError('directory.not_found');
  return entryView(e);
}

export async function readEntry(db: Database, actor: Actor, serviceId: string): Promise<EntryView> {
  return entryView(await editable(db, actor, serviceId, false));
}

export async function createEntry(deps: UnitDeps, actor: Actor, tenantId: string, input: EntryInput): Promise<EntryView> {
  enforce(policy.editDirectory(actor, tenantId), 'service.not_found');
  return inUnit(deps, async (u) => {
    const zone = await ownerTimeZone(u.tx, tenantId);
    await checkTerms(u.tx, tenantId, input.termIds);
    const id = randomUUID();
    const { rows } = entryRows(id, input, null, u.now, utcOffsetHours(zone, u.now));
    await saveRows(u, { tenantId, actorId: actor.userId }, u.now, rows, []);
    const view = await reload(u.tx, id);
    await record(
      u,
      actor,
      { id, tenantId, name: view.name },
      'create',
      changedFields(emptyView(id, tenantId), view),
      localDate(u.now, zone),
    );
    return view;
  });
}

export async function updateEntry(deps: UnitDeps, actor: Actor, serviceId: string, input: EntryUpdate): Promise<EntryView> {
  return inUnit(deps, async (u) => {
    const e = await editable(u.tx, actor, serviceId, true);
    const current = e.service.updatedAt;
    if (new Date(input.updatedAt).getTime() !== current.getTime())
      throw new AppError('directory.conflict', { updatedAt: current.toISOString() });
    const tenantId = e.service.tenantId;
    const zone = await ownerTimeZone(u.tx, tenantId);
    const { updatedAt: _, ...entry } = input;
    await checkTerms(u.tx, tenantId, entry.termIds);
    const at = after(u.now, current);
    const { rows, removed } = entryRows(e.service.id, entry, e, at, utcOffsetHours(zone, at));
    await saveRows(u, { tenantId, actorId: actor.userId }, at, rows, removed);
    const view = await reload(u.tx, e.service.id);
    const changes = changedFields(entryView(e), view);
    await record(u, actor, { id: e.service.id, tenantId, name: view.name }, 'update', changes, localDate(u.now, zone));
    return view;
  });
}

/** Marks the entry checked today (the owner's today): it is no longer stale. */
export async function verifyEntry(deps: UnitDeps, actor: Actor, serviceId: string): Promise<EntryView> {
  return inUnit(deps, async (u) => {
    const e = await editable(u.tx, actor, serviceId, true);
    const tenantId = e.service.tenantId;
    const zone = await ownerTimeZone(u.tx, tenantId);
    const today = localDate(u.now, zone);
    const at = after(u.now, e.service.updatedAt);
    const data: HsdsData = { ...e.service.data, assured_date: today, last_modified: at.toISOString() };
    await saveRows(u, { tenantId, actorId: actor.userId }, at, [{ kind: 'service', data }], []);
    const previous = typeof e.service.data.assured_date === 'string' ? e.service.data.assured_date : '';
    await record(
      u,
      actor,
      { id: e.service.id, tenantId, name: String(data.name ?? '') },
      'verify',
      [{ field: 'assured_date', previous, replacement: today }],
      today,
    );
    return reload(u.tx, e.service.id);
  });
}

export async function deleteEntry(deps: UnitDeps, actor: Actor, serviceId: string): Promise<void> {
  await inUnit(deps, async (u) => {
    const e = await editable(u.tx, actor, serviceId, true);
    const tenantId = e.service.tenantId;
    const zone = await ownerTimeZone(u.tx, tenantId);
    const name = String(e.service.data.name ?? '');
    await saveRows(u, { tenantId, actorId: actor.userId }, u.now, [], await entryRowIds(u.tx, e));
    await record(
      u,
      actor,
      { id: e.service.id, tenantId, name },
      'delete',
      [{ field: 'service', previous: name, replacement: '' }],
      localDate(u.now, zone),
    );
  });
}
