// What an HSDS API object contains, read from the standard's compiled schemas
// (vendor/hsds-3.0/schema/compiled/*.json): each object's own fields (type, format, enum, required)
// and what nests in it. A nested array holds the rows of a kind that point to the parent
// (`<parent kind>_id`; attributes by link_id, metadata by resource_id); a nested object is the row
// the parent points to (`<kind>_id`; a term's taxonomy_detail by taxonomy_id). Built once per shape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HsdsKind } from '../../db/schema.js';
import { hsdsDir, hsdsTable } from './hsdsCatalogue.js';

export interface FieldSpec {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean';
  format?: string;
  enum?: readonly string[];
  required: boolean;
}

export interface ShapeNode {
  kind: HsdsKind;
  fields: readonly FieldSpec[];
  /** Arrays of child rows: `prop` holds the rows of `node.kind` whose `via` field is the parent's id. */
  many: readonly { prop: string; via: string; node: ShapeNode }[];
  /** Single rows the parent points to: `prop` is the row whose id is the parent's `ref` field. */
  one: readonly { prop: string; ref: string; node: ShapeNode }[];
}

interface SchemaNode {
  name?: string;
  type?: string;
  format?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

export type CompiledName =
  'service' | 'service_list' | 'organization' | 'organization_list' | 'service_at_location' | 'service_at_location_list';

const compiled = new Map<CompiledName, SchemaNode>();
function loadCompiled(name: CompiledName): SchemaNode {
  let s = compiled.get(name);
  if (!s) compiled.set(name, (s = JSON.parse(readFileSync(join(hsdsDir, 'schema', 'compiled', `${name}.json`), 'utf8')) as SchemaNode));
  return s;
}

/** Leaves out a nested property: `path` is the properties from the root, e.g. ['services', 'organization']. */
export type Prune = (path: readonly string[]) => boolean;

function hasField(kind: HsdsKind, field: string): boolean {
  return hsdsTable(kind).fields.some((f) => f.name === field);
}

function build(schema: SchemaNode, path: readonly string[], prune: Prune): ShapeNode {
  const kind = schema.name as HsdsKind;
  hsdsTable(kind); // throws on a table the catalogue does not know
  const required = new Set(schema.required ?? []);
  const fields: FieldSpec[] = [];
  const many: ShapeNode['many'][number][] = [];
  const one: ShapeNode['one'][number][] = [];
  for (const [prop, p] of Object.entries(schema.properties ?? {})) {
    if (p.type === 'array' && p.items?.properties) {
      if (prune([...path, prop])) continue;
      const child = p.items.name as HsdsKind;
      const via = child === 'attribute' ? 'link_id' : child === 'metadata' ? 'resource_id' : `${kind}_id`;
      if (!hasField(child, via)) throw new Error(`HSDS shape: ${child}.${via} links ${prop} to ${kind}?`);
      many.push({ prop, via, node: build(p.items, [...path, prop], prune) });
    } else if (p.type === 'object' && p.properties) {
      if (prune([...path, prop])) continue;
      const ref = `${p.name}_id`;
      if (!hasField(kind, ref)) throw new Error(`HSDS shape: ${kind}.${ref} points to ${prop}?`);
      one.push({ prop, ref, node: build(p, [...path, prop], prune) });
    } else if (p.type === 'string' || p.type === 'number' || p.type === 'integer' || p.type === 'boolean') {
      fields.push({
        name: prop,
        type: p.type,
        ...(p.format ? { format: p.format } : {}),
        ...(p.enum ? { enum: p.enum } : {}),
        required: required.has(prop),
      });
    }
  }
  return { kind, fields, many, one };
}

/** The shape of a compiled schema, or of the object at `at` inside it (e.g. a taxonomy term). */
export function shapeOf(name: CompiledName, prune: Prune = () => false, at: readonly string[] = []): ShapeNode {
  let node = loadCompiled(name);
  for (const prop of at) {
    const p = node.properties?.[prop];
    node = (p?.type === 'array' ? p.items : p) as SchemaNode;
    if (!node) throw new Error(`HSDS shape: no ${at.join('.')} in ${name}`);
  }
  return build(node, at, prune);
}

/** The kinds a shape can contain (to know which rows its assembly reads). */
export function kindsOf(node: ShapeNode, into = new Set<HsdsKind>()): Set<HsdsKind> {
  into.add(node.kind);
  for (const c of [...node.many, ...node.one]) kindsOf(c.node, into);
  return into;
}
