// Builds HSDS API objects (a service with its phones, places, hours…, an organization, a
// service_at_location, a taxonomy term) from directory_rows, level by level down the shape: each
// level is one query for the rows pointing to the level's rows and one for the rows they point to,
// whatever the number of objects, so a page costs a handful of queries. Only rows the reader may see
// are read; what is not visible is left out. A service's last_modified is when Doverie last changed
// it or anything in it (its search index row), the time `modified_after` filters on.
import type { HsdsKind } from '../../db/schema.js';
import type { Database } from '../../db/database.js';
import { rowsByIds, rowsLinkedTo, type DirectoryScope, type StoredRow } from './directoryStore.js';
import { linkFields } from './hsdsCatalogue.js';
import { hsdsFields, type HsdsObject } from './hsdsFields.js';
import type { ShapeNode } from './hsdsShape.js';

interface Slot {
  node: ShapeNode;
  row: StoredRow;
  obj: HsdsObject;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idIn = (v: unknown): string | undefined => (typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : undefined);

/** Fields by which a row of `kind` can point to a parent (its uuid fields; attributes' link_id, metadata's resource_id are among them). */
const pointers = new Map<HsdsKind, string[]>();
function pointerFields(kind: HsdsKind): string[] {
  let f = pointers.get(kind);
  if (!f) pointers.set(kind, (f = linkFields(kind)));
  return f;
}

/** The HSDS objects of `roots` (rows of the shape's kind), in their order. */
export async function assemble(db: Database, scope: DirectoryScope, shape: ShapeNode, roots: readonly StoredRow[]): Promise<HsdsObject[]> {
  const top: Slot[] = roots.map((row) => ({ node: shape, row, obj: hsdsFields(shape.fields, row.data) }));
  const services: Slot[] = [];
  for (let level = top; level.length > 0;) {
    for (const s of level) if (s.node.kind === 'service') services.push(s);
    level = await nextLevel(db, scope, level);
  }
  await stampModified(db, services);
  return top.map((s) => s.obj);
}

async function nextLevel(db: Database, scope: DirectoryScope, level: readonly Slot[]): Promise<Slot[]> {
  const parentIds = new Set<string>();
  const childKinds = new Set<HsdsKind>();
  const refIds = new Set<string>();
  const refKinds = new Set<HsdsKind>();
  for (const s of level) {
    if (s.node.many.length) parentIds.add(s.row.id);
    for (const m of s.node.many) childKinds.add(m.node.kind);
    for (const o of s.node.one) {
      const id = idIn(s.row.data[o.ref]);
      if (id) (refIds.add(id), refKinds.add(o.node.kind));
    }
  }
  const [children, refs] = await Promise.all([
    parentIds.size ? rowsLinkedTo(db, scope, [...parentIds], [...childKinds]) : [],
    refIds.size ? rowsByIds(db, scope, [...refIds], [...refKinds]) : [],
  ]);
  // Children by (kind, the field pointing up, the parent's id).
  const byParent = new Map<string, StoredRow[]>();
  for (const c of children) {
    for (const f of pointerFields(c.kind)) {
      const to = idIn(c.data[f]);
      if (!to || !parentIds.has(to)) continue;
      const key = `${c.kind}|${f}|${to}`;
      const list = byParent.get(key);
      if (list) list.push(c);
      else byParent.set(key, [c]);
    }
  }
  const byId = new Map(refs.map((r) => [r.id, r]));

  const next: Slot[] = [];
  const slot = (node: ShapeNode, row: StoredRow): HsdsObject => {
    const obj = hsdsFields(node.fields, row.data);
    next.push({ node, row, obj });
    return obj;
  };
  for (const s of level) {
    for (const m of s.node.many) {
      const rows = byParent.get(`${m.node.kind}|${m.via}|${s.row.id}`);
      if (rows) s.obj[m.prop] = rows.map((r) => slot(m.node, r));
    }
    for (const o of s.node.one) {
      const id = idIn(s.row.data[o.ref]);
      const r = id ? byId.get(id) : undefined;
      if (r && r.kind === o.node.kind) s.obj[o.prop] = slot(o.node, r);
    }
  }
  return next;
}

async function stampModified(db: Database, services: readonly Slot[]): Promise<void> {
  const stamped = services.filter((s) => s.node.fields.some((f) => f.name === 'last_modified'));
  if (!stamped.length) return;
  const rows = await db
    .selectFrom('directory_services')
    .select(['service_id', 'updated_at'])
    .where('service_id', 'in', [...new Set(stamped.map((s) => s.row.id))])
    .execute();
  const at = new Map(rows.map((r) => [r.service_id, r.updated_at.toISOString()]));
  for (const s of stamped) {
    const t = at.get(s.row.id);
    if (t) s.obj.last_modified = t;
  }
}
