// The HSDS 3.0 tables as the standard defines them, read from its own tabular schema
// (vendor/hsds-3.0/schema/compiled/tabular.json): each table's name, CSV file and scalar fields.
// Nested arrays in that schema are the tables' children and are not fields of the row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HsdsKind } from '../../db/schema.js';
import { packageRoot } from '../../paths.js';

export const hsdsDir = join(packageRoot, 'vendor', 'hsds-3.0');

export interface HsdsField {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean';
  format?: string;
  /** The Frictionless type the standard gives a string that holds a date, a time or a date-time. */
  datapackageType?: 'date' | 'time' | 'datetime';
  required: boolean;
}

export interface HsdsTable {
  kind: HsdsKind;
  /** The table's file in the CSV data package, e.g. services.csv. */
  path: string;
  /** Order of the table in the data package (parents before children). */
  order: number;
  fields: HsdsField[];
}

interface TabularProperty {
  type?: string;
  format?: string;
  datapackage_type?: string;
  items?: unknown;
}
interface TabularTable {
  name: string;
  path: string;
  datapackage_metadata?: { order?: number };
  required?: string[];
  properties: Record<string, TabularProperty>;
}

function loadTables(): HsdsTable[] {
  const file = join(hsdsDir, 'schema', 'compiled', 'tabular.json');
  const tabular = JSON.parse(readFileSync(file, 'utf8')) as { properties: Record<string, { items: TabularTable }> };
  return Object.values(tabular.properties).map(({ items: t }) => {
    const required = new Set(t.required ?? []);
    const fields: HsdsField[] = [];
    for (const [name, p] of Object.entries(t.properties)) {
      if (p.type !== 'string' && p.type !== 'number' && p.type !== 'integer' && p.type !== 'boolean') continue;
      const dpType =
        p.datapackage_type === 'date' || p.datapackage_type === 'time' || p.datapackage_type === 'datetime' ? p.datapackage_type : null;
      fields.push({
        name,
        type: p.type,
        ...(p.format ? { format: p.format } : {}),
        ...(dpType ? { datapackageType: dpType } : {}),
        required: required.has(name),
      });
    }
    return { kind: t.name as HsdsKind, path: t.path, order: t.datapackage_metadata?.order ?? 99, fields };
  });
}

export const HSDS_TABLES: readonly HsdsTable[] = loadTables().sort((a, b) => a.order - b.order);
const byKind = new Map(HSDS_TABLES.map((t) => [t.kind, t]));

export function hsdsTable(kind: HsdsKind): HsdsTable {
  const t = byKind.get(kind);
  if (!t) throw new Error(`unknown HSDS table ${kind}`);
  return t;
}

/** The fields of a row that hold ids of other rows (all uuid fields but its own id). */
export function linkFields(kind: HsdsKind): string[] {
  return hsdsTable(kind)
    .fields.filter((f) => f.format === 'uuid' && f.name !== 'id')
    .map((f) => f.name);
}
