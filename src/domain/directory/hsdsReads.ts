// The HSDS API's reads: pages of services, organizations, service_at_locations, taxonomies and
// taxonomy terms (list shapes, or fully nested with `full`), and one of each by id, each as the
// standard's compiled schema shapes it, in a scope (a signed-in reader's, or a public helpline's).
// Readers without an account never get metadata rows (they name the staff who changed an entry).
import type { Database } from '../../db/database.js';
import type { HsdsKind } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { rowsByIds, type StoredRow } from './directoryStore.js';
import { assemble } from './hsdsAssemble.js';
import type { HsdsObject } from './hsdsFields.js';
import {
  organizationPage,
  serviceAtLocationPage,
  servicePage,
  taxonomyPage,
  taxonomyTermPage,
  type IdPage,
  type ListScope,
  type PageRequest,
  type ServiceFilters,
} from './hsdsLists.js';
import type {
  HsdsOrganizationsQuery,
  HsdsPage,
  HsdsServiceAtLocationsQuery,
  HsdsServicesQuery,
  HsdsTaxonomiesQuery,
  HsdsTaxonomyTermsQuery,
} from './hsdsSchemas.js';
import { shapeOf, type CompiledName, type Prune, type ShapeNode } from './hsdsShape.js';

export const HSDS_VERSION = '3.0';
/** No HSDS profile of our own: the API follows the base standard. */
export const HSDS_PROFILE = 'https://github.com/openreferral/specification/tree/3.0';

export interface HsdsReader {
  db: Database;
  scope: ListScope;
  /** Signed in (staff) or not (a public helpline directory). */
  anonymous: boolean;
}

const shapes = new Map<string, ShapeNode>();
function shape(r: HsdsReader, name: CompiledName, variant = '', prune: Prune = () => false, at: readonly string[] = []): ShapeNode {
  const key = `${name}|${at.join('.')}|${variant}|${r.anonymous}`;
  let s = shapes.get(key);
  if (!s) {
    const pruneAll: Prune = (p) => prune(p) || (r.anonymous && p[p.length - 1] === 'metadata');
    shapes.set(key, (s = shapeOf(name, pruneAll, at)));
  }
  return s;
}

/** An organization's services are their own fields only, unless `fullService` (then without the organization again). */
const orgFull = (r: HsdsReader, fullService: boolean) =>
  shape(r, 'organization', fullService ? 'full_service' : '', (p) =>
    fullService ? p[0] === 'services' && p[1] === 'organization' : p[0] === 'services' && p.length > 1,
  );
const termShape = (r: HsdsReader) => shape(r, 'service', '', undefined, ['attributes', 'taxonomy_term']);
const taxonomyShape = (r: HsdsReader) => shape(r, 'service', '', undefined, ['attributes', 'taxonomy_term', 'taxonomy_detail']);

async function rootsOf(r: HsdsReader, ids: readonly string[], kind: HsdsKind): Promise<StoredRow[]> {
  const rows = new Map((await rowsByIds(r.db, r.scope, ids, [kind])).map((x) => [x.id, x]));
  return ids.map((id) => rows.get(id)).filter((x): x is StoredRow => x !== undefined);
}

async function pageOf(r: HsdsReader, p: PageRequest, found: IdPage, kind: HsdsKind, node: ShapeNode): Promise<HsdsPage> {
  const contents = await assemble(r.db, r.scope, node, await rootsOf(r, found.ids, kind));
  return hsdsPage(p, found.total, contents);
}

export function hsdsPage(p: PageRequest, total: number, contents: HsdsObject[]): HsdsPage {
  const totalPages = Math.ceil(total / p.perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: p.page,
    size: contents.length,
    first_page: p.page === 1,
    last_page: p.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

async function one(r: HsdsReader, id: string, kind: HsdsKind, node: ShapeNode): Promise<HsdsObject> {
  const [obj] = await assemble(r.db, r.scope, node, await rootsOf(r, [id], kind));
  if (!obj) throw new AppError('directory.not_found');
  return obj;
}

const paging = (q: { page: number; per_page: number }): PageRequest => ({ page: q.page, perPage: q.per_page });
const serviceFilters = (q: HsdsServicesQuery | HsdsServiceAtLocationsQuery): ServiceFilters => ({
  search: q.search,
  taxonomyTermId: q.taxonomy_term_id,
  taxonomyId: q.taxonomy_id,
  organizationId: q.organization_id,
  modifiedAfter: q.modified_after,
});
const MINIMAL_FIELDS = ['id', 'name', 'status', 'last_modified'];

export async function listServices(r: HsdsReader, q: HsdsServicesQuery): Promise<HsdsPage> {
  const p = paging(q);
  const found = await servicePage(r.db, r.scope, serviceFilters(q), p);
  if (!q.minimal) return pageOf(r, p, found, 'service', q.full ? shape(r, 'service') : shape(r, 'service_list'));
  // Enough for a client to see what changed: the ids with the fields every service has.
  const page = await pageOf(
    r,
    p,
    found,
    'service',
    shape(r, 'service_list', 'minimal', () => true),
  );
  page.contents = page.contents.map((c) => Object.fromEntries(MINIMAL_FIELDS.filter((f) => f in c).map((f) => [f, c[f]])));
  return page;
}

export const getService = (r: HsdsReader, id: string) => one(r, id, 'service', shape(r, 'service'));

export async function listOrganizations(r: HsdsReader, q: HsdsOrganizationsQuery): Promise<HsdsPage> {
  const p = paging(q);
  const found = await organizationPage(r.db, r.scope, { search: q.search }, p);
  const nested = q.full || q.full_service;
  return pageOf(r, p, found, 'organization', nested ? orgFull(r, q.full_service ?? false) : shape(r, 'organization_list'));
}

export const getOrganization = (r: HsdsReader, id: string, fullService: boolean) => one(r, id, 'organization', orgFull(r, fullService));

export async function listServiceAtLocations(r: HsdsReader, q: HsdsServiceAtLocationsQuery): Promise<HsdsPage> {
  const p = paging(q);
  const found = await serviceAtLocationPage(r.db, r.scope, serviceFilters(q), p);
  const node = q.full ? shape(r, 'service_at_location') : shape(r, 'service_at_location_list');
  return pageOf(r, p, found, 'service_at_location', node);
}

export const getServiceAtLocation = (r: HsdsReader, id: string) => one(r, id, 'service_at_location', shape(r, 'service_at_location'));

export async function listTaxonomies(r: HsdsReader, q: HsdsTaxonomiesQuery): Promise<HsdsPage> {
  const p = paging(q);
  return pageOf(r, p, await taxonomyPage(r.db, r.scope, { search: q.search }, p), 'taxonomy', taxonomyShape(r));
}

export const getTaxonomy = (r: HsdsReader, id: string) => one(r, id, 'taxonomy', taxonomyShape(r));

export async function listTaxonomyTerms(r: HsdsReader, q: HsdsTaxonomyTermsQuery): Promise<HsdsPage> {
  const p = paging(q);
  const found = await taxonomyTermPage(
    r.db,
    r.scope,
    { search: q.search, taxonomyId: q.taxonomy_id, parentId: q.parent_id, topOnly: q.top_only },
    p,
  );
  return pageOf(r, p, found, 'taxonomy_term', termShape(r));
}

export const getTaxonomyTerm = (r: HsdsReader, id: string) => one(r, id, 'taxonomy_term', termShape(r));
