// Reading and writing HSDS rows (directory_rows). A row is the standard's own fields; the store adds
// who owns it (the helpline service, or null for national entries) and the ids it links to.
// Visibility: a helpline service sees its own rows and the national ones.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, HsdsData, HsdsKind } from '../../db/schema.js';
import { linkFields } from './hsdsCatalogue.js';

export interface HsdsRow {
  kind: HsdsKind;
  /** The row's fields; data.id is the row's id (a UUID). */
  data: HsdsData;
}

export interface StoredRow extends HsdsRow {
  id: string;
  tenantId: string | null;
  updatedAt: Date;
}

/** Whose rows a reader sees: the national ones and those of these helpline services. */
export interface DirectoryScope {
  tenantIds: readonly string[];
}

type Db = Kysely<DB> | Transaction<DB>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids a row points to, for the links index (only well-formed UUIDs; lower case). */
export function linksOf(row: HsdsRow): string[] {
  const out = new Set<string>();
  for (const f of linkFields(row.kind)) {
    const v = row.data[f];
    if (typeof v === 'string' && UUID.test(v)) out.add(v.toLowerCase());
  }
  return [...out];
}

export function visibleTo(scope: DirectoryScope) {
  return sql<boolean>`(tenant_id is null${scope.tenantIds.length ? sql` or tenant_id in (${sql.join(scope.tenantIds)})` : sql``})`;
}

/**
 * Inserts or updates rows owned by tenantId. A row whose id already belongs to another owner or
 * is another kind of row is not touched; its id is returned in `refused`.
 */
export async function putRows(
  tx: Transaction<DB>,
  owner: { tenantId: string | null; actorId: string | null; at: Date },
  rows: readonly HsdsRow[],
): Promise<{ written: string[]; refused: string[] }> {
  const written: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const res = await tx
      .insertInto('directory_rows')
      .values(
        chunk.map((r) => ({
          id: String(r.data.id).toLowerCase(),
          kind: r.kind,
          tenant_id: owner.tenantId,
          links: linksOf(r),
          data: JSON.stringify(r.data),
          created_at: owner.at,
          updated_at: owner.at,
          updated_by: owner.actorId,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            links: eb.ref('excluded.links'),
            data: eb.ref('excluded.data'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
          }))
          .where(sql<boolean>`directory_rows.kind = excluded.kind and directory_rows.tenant_id is not distinct from excluded.tenant_id`),
      )
      .returning('id')
      .execute();
    written.push(...res.map((r) => r.id));
  }
  const ok = new Set(written);
  return { written, refused: rows.map((r) => String(r.data.id).toLowerCase()).filter((id) => !ok.has(id)) };
}

function toStored(r: { id: string; kind: HsdsKind; tenant_id: string | null; data: HsdsData; updated_at: Date }): StoredRow {
  return { id: r.id, kind: r.kind, tenantId: r.tenant_id, data: r.data, updatedAt: r.updated_at };
}

/** The visible rows with these ids (any kind unless kinds is given). */
export async function rowsByIds(db: Db, scope: DirectoryScope, ids: readonly string[], kinds?: readonly HsdsKind[]): Promise<StoredRow[]> {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('directory_rows')
    .select(['id', 'kind', 'tenant_id', 'data', 'updated_at'])
    .where(
      'id',
      'in',
      ids.map((id) => id.toLowerCase()),
    )
    .where(visibleTo(scope));
  if (kinds) q = q.where('kind', 'in', kinds);
  return (await q.execute()).map(toStored);
}

/** The visible rows that point to any of these ids (children, attributes, metadata), optionally of some kinds. */
export async function rowsLinkedTo(
  db: Db,
  scope: DirectoryScope,
  ids: readonly string[],
  kinds?: readonly HsdsKind[],
): Promise<StoredRow[]> {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('directory_rows')
    .select(['id', 'kind', 'tenant_id', 'data', 'updated_at'])
    .where(sql<boolean>`links && ${sql.val(ids.map((id) => id.toLowerCase()))}::uuid[]`)
    .where(visibleTo(scope));
  if (kinds) q = q.where('kind', 'in', kinds);
  return (await q.orderBy('id').execute()).map(toStored);
}

/** Every row a tenant owns (export), in the data package's table order then by id. */
export async function rowsOwnedBy(db: Db, tenantId: string | null): Promise<StoredRow[]> {
  const rows = await db
    .selectFrom('directory_rows')
    .select(['id', 'kind', 'tenant_id', 'data', 'updated_at'])
    .where(tenantId === null ? sql<boolean>`tenant_id is null` : sql<boolean>`tenant_id = ${tenantId}`)
    .orderBy('kind')
    .orderBy('id')
    .execute();
  return rows.map(toStored);
}

/** Deletes rows the tenant owns; returns the ids deleted. */
export async function deleteRows(tx: Transaction<DB>, tenantId: string | null, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const res = await tx
    .deleteFrom('directory_rows')
    .where(
      'id',
      'in',
      ids.map((id) => id.toLowerCase()),
    )
    .where(tenantId === null ? sql<boolean>`tenant_id is null` : sql<boolean>`tenant_id = ${tenantId}`)
    .returning('id')
    .execute();
  return res.map((r) => r.id);
}
