// HSDS JSON into flat rows. Accepted: the tabular form (`{"organizations.csv": [rows], …}`, as in the
// standard's examples/tabular.json); compiled objects (a service, organization, service_at_location,
// location, taxonomy or taxonomy_term with what is nested in it, as the HSDS API returns them); list
// pages (`{contents: […]}`); and arrays of these. A nested child gets its parent's id in the field
// that links them when the child does not say (a service's phones: service_id; attributes: link_id
// and link_entity; metadata: resource_id and resource_type); a nested object (service.organization,
// service.program, service_at_location.location and .service, attribute.taxonomy_term,
// taxonomy_term.taxonomy_detail) becomes a row of its own and its id fills the field pointing to it.
import type { HsdsKind } from '../../db/schema.js';
import type { Locale } from '../../i18n/messages.js';
import { HSDS_TABLES, hsdsTable } from './hsdsCatalogue.js';
import { checkRow, fieldNames, type Where } from './hsdsValues.js';
import { IssueList } from './importIssues.js';
import { RowCollector, type ParsedImport } from './importRows.js';

export type JsonForm = 'tabular' | 'list' | 'object' | 'array';

/** Arrays of children, by the key the compiled schemas nest them under. */
const ARRAYS: Readonly<Record<string, HsdsKind>> = {
  services: 'service',
  programs: 'program',
  locations: 'location',
  service_at_locations: 'service_at_location',
  phones: 'phone',
  contacts: 'contact',
  addresses: 'address',
  schedules: 'schedule',
  funding: 'funding',
  service_areas: 'service_area',
  required_documents: 'required_document',
  languages: 'language',
  accessibility: 'accessibility',
  cost_options: 'cost_option',
  organization_identifiers: 'organization_identifier',
  attributes: 'attribute',
  metadata: 'metadata',
};
/** Single nested objects: the row they become and the field of the parent that points to it. */
const OBJECTS: Readonly<Record<string, { kind: HsdsKind; field: string }>> = {
  organization: { kind: 'organization', field: 'organization_id' },
  program: { kind: 'program', field: 'program_id' },
  location: { kind: 'location', field: 'location_id' },
  service: { kind: 'service', field: 'service_id' },
  taxonomy_term: { kind: 'taxonomy_term', field: 'taxonomy_term_id' },
  taxonomy_detail: { kind: 'taxonomy', field: 'taxonomy_id' },
};
/** Tables a compiled object at the top of a document (or of a list page) may be. */
const TOP_KINDS: readonly HsdsKind[] = ['service', 'organization', 'service_at_location', 'location', 'taxonomy_term', 'taxonomy'];
const byPath = new Map(HSDS_TABLES.map((t) => [t.path, t.kind]));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const empty = (v: unknown) => v === undefined || v === null || v === '';
const step = (path: string, key: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

/** The field of a child that holds its parent's id (attributes and metadata point to any table). */
function parentField(child: HsdsKind, parent: HsdsKind): string | null {
  if (child === 'attribute') return 'link_id';
  if (child === 'metadata') return 'resource_id';
  const field = `${parent}_id`;
  return fieldNames(child).has(field) ? field : null;
}

function allowedKey(kind: HsdsKind, key: string): boolean {
  if (fieldNames(kind).has(key)) return true;
  const child = ARRAYS[key];
  if (child && parentField(child, kind)) return true;
  const ref = OBJECTS[key];
  return ref !== undefined && fieldNames(kind).has(ref.field);
}

/** Which table a compiled object is: the one table whose keys it uses and whose required fields it has. */
function kindOf(obj: Record<string, unknown>): { kind: HsdsKind } | { why: string } {
  const keys = Object.keys(obj);
  const fits = TOP_KINDS.filter((k) => keys.every((key) => allowedKey(k, key)));
  const complete = fits.filter((k) => hsdsTable(k).fields.every((f) => !f.required || !empty(obj[f.name])));
  const pool = complete.length > 0 ? complete : fits;
  if (pool.length === 1) return { kind: pool[0]! };
  return { why: pool.length === 0 ? 'no HSDS table has all these fields' : `it could be ${pool.join(', ')}` };
}

/** The form of a JSON document, or null if it is none of the accepted ones. */
export function jsonFormOf(doc: unknown, nested = false): JsonForm | null {
  if (Array.isArray(doc)) return !nested && doc.length > 0 && doc.every((d) => jsonFormOf(d, true) !== null) ? 'array' : null;
  if (!isObject(doc)) return null;
  const keys = Object.keys(doc);
  if (keys.length > 0 && keys.every((k) => k.endsWith('.csv'))) return 'tabular';
  if (Array.isArray(doc.contents) && !('id' in doc)) return 'list';
  return 'id' in doc ? 'object' : null;
}

class JsonReader {
  readonly rows: RowCollector;
  constructor(readonly issues: IssueList) {
    this.rows = new RowCollector(issues, true);
  }

  document(doc: unknown, path: string): void {
    const form = jsonFormOf(doc, path !== '$');
    if (form === 'array') (doc as unknown[]).forEach((d, i) => this.document(d, `${path}[${i}]`));
    else if (form === 'tabular') this.tabular(doc as Record<string, unknown>, path);
    else if (form === 'list') (doc as { contents: unknown[] }).contents.forEach((d, i) => this.top(d, `${path}.contents[${i}]`));
    else this.top(doc, path);
  }

  private tabular(doc: Record<string, unknown>, path: string): void {
    const tabular = new RowCollector(this.issues, false);
    for (const [file, table] of Object.entries(doc)) {
      const kind = byPath.get(file);
      const at = step(path, file);
      if (!kind) this.issues.add({ file, line: at }, 'unknown_table', null, file);
      else if (!Array.isArray(table)) this.issues.add({ file, line: at }, 'not_an_array');
      else
        table.forEach((row: unknown, i) => {
          const where = { file, line: `${at}[${i}]` };
          if (!isObject(row)) {
            this.issues.add(where, 'not_an_object');
            tabular.total++;
            return;
          }
          const names = fieldNames(kind);
          for (const key of Object.keys(row)) if (!names.has(key)) this.issues.add(where, 'unknown_field', key);
          const { data, bad } = checkRow(kind, row, where, this.issues);
          tabular.add(kind, data, where, bad);
        });
    }
    // Tabular data may not repeat an id; across documents of one file, rows merge like nested objects.
    const { rows, total } = tabular.result();
    for (const r of rows) this.rows.add(r.kind, r.data, r.where, false);
    this.rows.total += total - rows.length;
  }

  private top(obj: unknown, path: string): void {
    const guess = isObject(obj) ? kindOf(obj) : null;
    if (guess && 'kind' in guess) return void this.object(guess.kind, obj as Record<string, unknown>, path, null);
    this.issues.add({ file: null, line: path }, guess ? 'unknown_object' : 'not_an_object', null, guess?.why);
    this.rows.total++;
  }

  /** One compiled object and what is nested in it; returns its id if it has a valid one. */
  private object(kind: HsdsKind, obj: Record<string, unknown>, path: string, parent: { kind: HsdsKind; id: string } | null): string | null {
    const where: Where = { file: hsdsTable(kind).path, line: path };
    const own: Record<string, unknown> = {};
    const names = fieldNames(kind);
    const children: [HsdsKind, string, unknown][] = [];
    let bad = false;
    for (const [key, value] of Object.entries(obj)) {
      const child = ARRAYS[key];
      const ref = OBJECTS[key];
      if (names.has(key)) own[key] = value;
      else if (child && parentField(child, kind)) children.push([child, key, value]);
      else if (ref && names.has(ref.field)) {
        if (value === null || value === undefined) continue;
        if (!isObject(value)) {
          this.issues.add(where, 'not_an_object', key);
          continue;
        }
        const refId = this.object(ref.kind, value, step(path, key), null);
        if (refId === null) continue;
        if (empty(obj[ref.field])) own[ref.field] = refId;
        else if (String(obj[ref.field]).trim().toLowerCase() !== refId) {
          this.issues.add(where, 'link_mismatch', ref.field);
          bad = true;
        }
      } else this.issues.add(where, 'unknown_field', key);
    }
    const link = parent ? parentField(kind, parent.kind) : null;
    if (parent && link && empty(own[link])) {
      own[link] = parent.id;
      if (kind === 'attribute' && empty(own.link_entity)) own.link_entity = parent.kind;
      if (kind === 'metadata' && empty(own.resource_type)) own.resource_type = parent.kind;
    }
    const checked = checkRow(kind, own, where, this.issues);
    this.rows.add(kind, checked.data, where, checked.bad || bad);
    const id = typeof checked.data.id === 'string' ? checked.data.id : null;
    for (const [child, key, value] of children) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) {
        this.issues.add(where, 'not_an_array', key);
        continue;
      }
      value.forEach((item: unknown, i) => {
        const at = `${step(path, key)}[${i}]`;
        if (isObject(item)) this.object(child, item, at, id === null ? null : { kind, id });
        else {
          this.issues.add({ file: hsdsTable(child).path, line: at }, 'not_an_object');
          this.rows.total++;
        }
      });
    }
    return id;
  }
}

/** The rows of an HSDS JSON document (whose form jsonFormOf recognised). */
export function rowsFromJson(doc: unknown, locale: Locale): ParsedImport {
  const reader = new JsonReader(new IssueList(locale));
  reader.document(doc, '$');
  return reader.rows.result();
}
