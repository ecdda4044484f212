// A helpline service's own directory rows as HSDS: the tabular JSON form (every table of the
// standard present, as in examples/tabular.json) or the CSV data package (a zip with one CSV per table,
// the standard's columns in its order, and a datapackage.json after the Frictionless Data Package
// spec describing each file's fields). National rows are not the service's and are not exported; its
// rows may still point to them (national taxonomy terms), as HSDS data may point outside a file.
import { strToU8, zipSync } from 'fflate';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { HsdsData } from '../../db/schema.js';
import type { Progress } from './directoryImport.js';
import { HSDS_TABLES, type HsdsField, type HsdsTable } from './hsdsCatalogue.js';

export interface DirectoryFile {
  name: string;
  contentType: string;
  data: Buffer;
}

type Rows = Map<HsdsTable, HsdsData[]>;

async function ownRows(db: Database, tenantId: string, progress: Progress): Promise<Rows> {
  const { count } = await db
    .selectFrom('directory_rows')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  progress.total(count);
  const out: Rows = new Map();
  for (const table of HSDS_TABLES) {
    const rows = await db
      .selectFrom('directory_rows')
      .select('data')
      .where('kind', '=', table.kind)
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute();
    // Fields in the standard's order; an empty value is left out (the schemas allow no null).
    out.set(
      table,
      rows.map((r) => {
        const data: HsdsData = {};
        for (const f of table.fields) {
          const v = r.data[f.name];
          if (v !== null && v !== undefined && v !== '') data[f.name] = v;
        }
        return data;
      }),
    );
    await progress.advance(rows.length);
  }
  return out;
}

/** RFC 4180: a value with a comma, quote or line break (or edge spaces) is quoted, quotes doubled. */
function csvValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvOf(table: HsdsTable, rows: readonly HsdsData[]): string {
  const lines = [table.fields.map((f) => f.name).join(',')];
  for (const r of rows) lines.push(table.fields.map((f) => csvValue(r[f.name])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A field as a Frictionless Table Schema field. */
function schemaField(f: HsdsField) {
  const type = f.datapackageType ?? (f.format === 'date-time' ? 'datetime' : f.type);
  const format = type === 'string' && (f.format === 'uuid' || f.format === 'email' || f.format === 'uri') ? f.format : undefined;
  return { name: f.name, type, ...(format ? { format } : {}), ...(f.required ? { constraints: { required: true } } : {}) };
}

export function dataPackage(at: Date) {
  return {
    profile: 'tabular-data-package',
    name: 'hsds-directory',
    title: 'HSDS 3.0 directory',
    created: at.toISOString(),
    resources: HSDS_TABLES.map((t) => ({
      name: t.kind,
      path: t.path,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: { fields: t.fields.map(schemaField), primaryKey: 'id' },
    })),
  };
}

export async function exportDirectory(
  db: Database,
  tenantId: string,
  format: 'json' | 'csv',
  at: Date,
  progress: Progress,
): Promise<DirectoryFile> {
  const rows = await ownRows(db, tenantId, progress);
  const day = at.toISOString().slice(0, 10);
  if (format === 'json') {
    const doc = Object.fromEntries(HSDS_TABLES.map((t) => [t.path, rows.get(t) ?? []]));
    return { name: `hsds-${day}.json`, contentType: 'application/json', data: Buffer.from(JSON.stringify(doc, null, 2)) };
  }
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    'datapackage.json': [strToU8(JSON.stringify(dataPackage(at), null, 2)), { mtime: at }],
  };
  for (const t of HSDS_TABLES) files[t.path] = [strToU8(csvOf(t, rows.get(t) ?? [])), { mtime: at }];
  return { name: `hsds-${day}.zip`, contentType: 'application/zip', data: Buffer.from(zipSync(files, { level: 6 })) };
}
