// Which rows a page of an HSDS list holds: the spec's filters (search, taxonomy_term_id, taxonomy_id,
// organization_id, modified_after, parent_id, top_only) combined with AND, in the reader's scope, with
// the total for the page's counts. Services and their service_at_locations filter on the services'
// search index (directory_services); organizations, taxonomies and terms on their rows.
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import type { HsdsKind } from '../../db/schema.js';
import type { DirectoryScope } from './directoryStore.js';
import { foldedSql, matchesText, searchTsQuery } from './tsQuery.js';

export interface PageRequest {
  page: number;
  perPage: number;
}

export interface IdPage {
  ids: string[];
  total: number;
}

export interface ServiceFilters {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
}

export interface TermFilters {
  search?: string;
  taxonomyId?: string;
  parentId?: string;
  topOnly?: boolean;
}

type Cond = RawBuilder<unknown>;

/** Whose rows a list shows; `all`: every helpline's (an admin), so no condition at all. */
export type ListScope = DirectoryScope & { all?: boolean };

/** The rows of `alias` the scope sees: national ones and those of its helpline services. */
function visible(alias: string, scope: ListScope): Cond {
  if (scope.all) return sql`true`;
  const t = sql.ref(`${alias}.tenant_id`);
  return scope.tenantIds.length ? sql`(${t} is null or ${t} in (${sql.join(scope.tenantIds)}))` : sql`${t} is null`;
}

/** `search` over a row's own words (organizations, taxonomies, terms: few per reader, no index needed). */
const rowWords = (alias: string, fields: readonly string[]) =>
  sql`to_tsvector('russian', ${foldedSql(
    sql.join(
      fields.map((f) => sql`coalesce(${sql.ref(`${alias}.data`)}->>${sql.lit(f)}, '')`),
      sql` || ' ' || `,
    ),
  )})`;

/** The data field `f` of `alias` names `id` (ids are compared in lower case, as stored in links). */
const points = (alias: string, f: string, id: string) =>
  sql`(${sql.ref(`${alias}.links`)} @> array[${id}]::uuid[] and lower(${sql.ref(`${alias}.data`)}->>${f}) = ${id})`;

function serviceConds(f: ServiceFilters, scope: ListScope): Cond[] {
  const c: Cond[] = [visible('s', scope)];
  if (f.search) c.push(matchesText(sql`s.search`, f.search));
  if (f.taxonomyTermId) c.push(sql`s.term_ids @> array[${f.taxonomyTermId}]::uuid[]`);
  if (f.taxonomyId)
    c.push(sql`s.term_ids && array(select t.id from directory_rows t
      where t.kind = 'taxonomy_term' and ${points('t', 'taxonomy_id', f.taxonomyId)} and ${visible('t', scope)})`);
  if (f.organizationId) c.push(sql`s.organization_id = ${f.organizationId}`);
  if (f.modifiedAfter) c.push(sql`s.updated_at >= ${f.modifiedAfter}`);
  return c;
}

interface ListQuery {
  from: Cond;
  id: Cond;
  where: Cond[];
  /** Sort keys, most significant first. */
  order: { key: Cond; desc?: true }[];
}

/**
 * One page and the total in one round trip. The matches are gathered first (MATERIALIZED) and only
 * then counted and sorted: asked for both at once, the planner walks an index in sort order to
 * avoid sorting and reads every row of the table that way to count (2 s for an admin's 100,000).
 */
async function pageOf(db: Database, { from, id, where, order }: ListQuery, p: PageRequest): Promise<IdPage> {
  const k = (i: number) => sql.raw(`k${i}`);
  const keys = order.map((o, i) => sql`${o.key} as ${k(i)}`);
  const { rows } = await sql<{ ids: string[]; total: string | number }>`
    with m as materialized (select ${id} as id, ${sql.join(keys)} from ${from} where ${sql.join(where, sql` and `)})
    select (select count(*) from m) as total,
      array(select id from m order by ${sql.join(order.map((o, i) => sql`${k(i)} ${sql.raw(o.desc ? 'desc' : 'asc')}`))}
        limit ${p.perPage} offset ${(p.page - 1) * p.perPage}) as ids`.execute(db);
  return { ids: rows[0]?.ids ?? [], total: Number(rows[0]?.total ?? 0) };
}

/** Services, the best matches first when searching, else by name. */
export function servicePage(db: Database, scope: ListScope, f: ServiceFilters, p: PageRequest): Promise<IdPage> {
  const byName = [{ key: sql`s.name` }, { key: sql`s.service_id` }];
  const order = f.search ? [{ key: sql`ts_rank(s.search, ${searchTsQuery(f.search)})`, desc: true as const }, ...byName] : byName;
  return pageOf(db, { from: sql`directory_services s`, id: sql`s.service_id`, where: serviceConds(f, scope), order }, p);
}

/** service_at_location rows of the services that pass the filters (all of the scope's without filters). */
export function serviceAtLocationPage(db: Database, scope: ListScope, f: ServiceFilters, p: PageRequest): Promise<IdPage> {
  const where = [sql`x.kind = 'service_at_location'`, visible('x', scope)];
  const filtered = Object.values(f).some((v) => v !== undefined);
  const from = filtered
    ? sql`directory_rows x join directory_services s on s.service_id = any(x.links) and s.service_id::text = lower(x.data->>'service_id')`
    : sql`directory_rows x`;
  return pageOf(
    db,
    { from, id: sql`x.id`, where: filtered ? [...where, ...serviceConds(f, scope)] : where, order: [{ key: sql`x.id` }] },
    p,
  );
}

/**
 * Organizations; a search finds them by their names or by what their services offer (the services'
 * index holds their organization's name too). Only names are read row by row: descriptions would
 * make a reader's every organization cost a long to_tsvector.
 */
export function organizationPage(db: Database, scope: ListScope, f: { search?: string }, p: PageRequest): Promise<IdPage> {
  const where: Cond[] = [];
  if (f.search) {
    where.push(sql`(${matchesText(rowWords('x', ['name', 'alternate_name']), f.search)}
      or x.id in (select s.organization_id from directory_services s where ${matchesText(sql`s.search`, f.search)} and ${visible('s', scope)}))`);
  }
  return rowPage(db, scope, 'organization', where, p);
}

export function taxonomyPage(db: Database, scope: ListScope, f: { search?: string }, p: PageRequest): Promise<IdPage> {
  return rowPage(db, scope, 'taxonomy', f.search ? [matchesText(rowWords('x', ['name', 'description']), f.search)] : [], p);
}

export function taxonomyTermPage(db: Database, scope: ListScope, f: TermFilters, p: PageRequest): Promise<IdPage> {
  const where: Cond[] = [];
  if (f.search) where.push(matchesText(rowWords('x', ['name', 'description', 'code']), f.search));
  if (f.taxonomyId) where.push(points('x', 'taxonomy_id', f.taxonomyId));
  if (f.parentId) where.push(points('x', 'parent_id', f.parentId));
  if (f.topOnly) where.push(sql`coalesce(x.data->>'parent_id', '') = ''`);
  return rowPage(db, scope, 'taxonomy_term', where, p);
}

function rowPage(db: Database, scope: ListScope, kind: HsdsKind, where: Cond[], p: PageRequest): Promise<IdPage> {
  const all = [sql`x.kind = ${kind}`, visible('x', scope), ...where];
  return pageOf(
    db,
    { from: sql`directory_rows x`, id: sql`x.id`, where: all, order: [{ key: sql`x.data->>'name'` }, { key: sql`x.id` }] },
    p,
  );
}
