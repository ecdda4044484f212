// Reading one entry's rows for the editor: the service, its organization and place, and the rows
// the editor manages, all of the service's own owner (rows someone else attached are not its).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, HsdsData, HsdsKind } from '../../db/schema.js';
import type { StoredRow } from './directoryStore.js';
import { isManaged, type LoadedEntry } from './entryRows.js';

type Db = Kysely<DB> | Transaction<DB>;
type Raw = { id: string; kind: HsdsKind; tenant_id: string | null; data: HsdsData; updated_at: Date };

const low = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : '');
const byId = (a: StoredRow, b: StoredRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const stored = (r: Raw): StoredRow => ({ id: r.id, kind: r.kind, tenantId: r.tenant_id, data: r.data, updatedAt: r.updated_at });

const sameOwner = (tenantId: string | null) => sql<boolean>`tenant_id is not distinct from ${tenantId}::uuid`;

/** Rows of the owner that point to any of these ids (metadata, the history, left out). */
export async function ownedLinkedTo(db: Db, tenantId: string | null, ids: readonly string[]): Promise<StoredRow[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('directory_rows')
    .select(['id', 'kind', 'tenant_id', 'data', 'updated_at'])
    .where(sql<boolean>`links && ${sql.val([...ids])}::uuid[]`)
    .where('kind', '<>', 'metadata')
    .where(sameOwner(tenantId))
    .execute();
  return rows.map(stored).sort(byId);
}

/** The entry whose service has this id, or null; `lock`: hold the service row until the transaction ends. */
export async function loadEntry(db: Db, serviceId: string, lock = false): Promise<LoadedEntry | null> {
  let q = db
    .selectFrom('directory_rows')
    .select(['id', 'kind', 'tenant_id', 'data', 'updated_at'])
    .where('id', '=', serviceId.toLowerCase())
    .where('kind', '=', 'service');
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const service = stored(row);
  const sid = service.id;
  const owner = service.tenantId;
  const children = await ownedLinkedTo(db, owner, [sid]);
  const sal = children.find((r) => r.kind === 'service_at_location' && low(r.data.service_id) === sid) ?? null;
  const orgId = low(service.data.organization_id);
  const locationId = low(sal?.data.location_id);
  const parentIds = [orgId, locationId].filter(Boolean);
  const [parents, around] = parentIds.length
    ? await Promise.all([
        db
          .selectFrom('directory_rows')
          .select(['id', 'kind', 'tenant_id', 'data', 'updated_at'])
          .where('id', 'in', parentIds)
          .where(sameOwner(owner))
          .execute()
          .then((rs) => rs.map(stored)),
        ownedLinkedTo(db, owner, parentIds),
      ])
    : [[], []];
  const organization = parents.find((r) => r.kind === 'organization' && r.id === orgId) ?? null;
  const location = parents.find((r) => r.kind === 'location' && r.id === locationId) ?? null;
  const addresses = around.filter((r) => r.kind === 'address' && low(r.data.location_id) === locationId);
  return {
    service,
    organization,
    // Anything else pointing to the organization (another service, another place, its own phones) shares it.
    organizationShared:
      !!organization &&
      around.some((r) => low(r.data.organization_id) === orgId && r.id !== sid && !(r.kind === 'location' && r.id === locationId)),
    sal,
    location,
    locationShared:
      !!location && around.some((r) => r.kind === 'service_at_location' && low(r.data.location_id) === locationId && r.id !== sal?.id),
    address: addresses.find((a) => a.data.address_type !== 'postal') ?? addresses[0] ?? null,
    managed: children.filter((r) => isManaged(r, sid)),
  };
}

/** Every row deleting the entry removes: the service, its own children, and its place and organization when nothing else uses them. */
export async function entryRowIds(db: Db, e: LoadedEntry): Promise<string[]> {
  const owner = e.service.tenantId;
  const children = await ownedLinkedTo(db, owner, [e.service.id]);
  const sals = children.filter((r) => r.kind === 'service_at_location').map((r) => r.id);
  const ids = [e.service.id, ...children.map((r) => r.id), ...(await ownedLinkedTo(db, owner, sals)).map((r) => r.id)];
  if (e.location && !e.locationShared) {
    ids.push(e.location.id, ...(await ownedLinkedTo(db, owner, [e.location.id])).map((r) => r.id));
  }
  if (e.organization && !e.organizationShared) ids.push(e.organization.id);
  return [...new Set(ids)];
}
