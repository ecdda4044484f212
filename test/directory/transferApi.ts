// Helpers for the HSDS import/export tests: the standard's official examples (the CSV folder zipped
// here, as a user would), starting an import or export over HTTP and following the job to its end,
// reading a CSV data package back, and comparing HSDS tables row by row.
//
// What "equivalent" means: the same set of rows per table (order does not matter) after normalising
// the forms a value may take. An empty value (CSV "", JSON null or "") is the same as a missing one:
// a CSV cell cannot tell them apart. A number-typed field compares as a number (CSV holds "100",
// JSON 100 or "100"). A uuid-typed field compares in lower case (UUIDs are case-insensitive and the
// database returns them in lower case). Every other value compares as its exact text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { expect } from 'vitest';
import type { HsdsKind } from '../../src/db/schema.js';
import { HSDS_TABLES, hsdsDir, hsdsTable } from '../../src/domain/directory/hsdsCatalogue.js';
import type { ImportView } from '../../src/domain/directory/transferJobs.js';
import type { SignedIn, TestApp } from '../helpers/testApp.js';

export const EXAMPLES = join(hsdsDir, 'examples');
export const exampleJson = (name: string): unknown => JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8'));
/** The examples' CSV files by name (services.csv → its text). */
export const exampleCsv = (): Record<string, string> =>
  Object.fromEntries(readdirSync(join(EXAMPLES, 'csv')).map((f) => [f, readFileSync(join(EXAMPLES, 'csv', f), 'utf8')]));
/** A zip of CSV files (in a folder, as zipping a folder makes it). */
export const zipOf = (files: Record<string, string | Uint8Array>, folder = 'hsds/'): Buffer =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, d]) => [folder + n, typeof d === 'string' ? strToU8(d) : d]))));

export type Tables = Partial<Record<string, Record<string, unknown>[]>>;

const kindOfPath = new Map(HSDS_TABLES.map((t) => [t.path, t.kind]));

export async function startImport(
  t: TestApp,
  who: SignedIn,
  tenantId: string,
  body: unknown,
  opts: { format?: string; skipBadRows?: boolean; contentType?: string } = {},
): Promise<LightMyRequestResponse> {
  const zip = Buffer.isBuffer(body);
  const query = new URLSearchParams({
    ...(opts.format ? { format: opts.format } : {}),
    ...(opts.skipBadRows !== undefined ? { skipBadRows: String(opts.skipBadRows) } : {}),
  }).toString();
  return t.app.inject({
    method: 'POST',
    url: `/api/services/${tenantId}/directory/imports${query ? `?${query}` : ''}`,
    headers: {
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      'content-type': opts.contentType ?? (zip ? 'application/zip' : 'application/json'),
    },
    payload: zip ? body : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Follows a job (import or export) until it is no longer running. */
export async function waitFor<T extends { status: string }>(t: TestApp, who: SignedIn, url: string): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const res = await t.request(who, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as T;
    if (view.status !== 'running') return view;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${url} did not finish`);
}

/** Imports and waits: the job's final view. */
export async function importAll(
  t: TestApp,
  who: SignedIn,
  tenantId: string,
  body: unknown,
  opts: { format?: string; skipBadRows?: boolean } = {},
): Promise<ImportView> {
  const res = await startImport(t, who, tenantId, body, opts);
  expect(res.statusCode, res.body).toBe(202);
  return waitFor<ImportView>(t, who, `/api/directory/imports/${res.json().jobId}`);
}

/** Exports, waits and downloads: the file's response. */
export async function exportAll(t: TestApp, who: SignedIn, tenantId: string, format: 'json' | 'csv'): Promise<LightMyRequestResponse> {
  const res = await t.request(who, 'POST', `/api/services/${tenantId}/directory/exports`, { format });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().jobId as string;
  const view = await waitFor<{ status: string; total: number; done: number }>(t, who, `/api/directory/exports/${id}`);
  expect(view).toMatchObject({ status: 'done' });
  expect(view.done).toBe(view.total);
  const file = await t.request(who, 'GET', `/api/directory/exports/${id}/file`);
  expect(file.statusCode, file.body).toBe(200);
  return file;
}

/** Every table of a CSV data package (zip) as rows of text, and its datapackage.json. */
export function readPackage(zip: Uint8Array): { tables: Tables; headers: Record<string, string[]>; datapackage: unknown } {
  const files = unzipSync(zip);
  const tables: Tables = {};
  const headers: Record<string, string[]> = {};
  for (const [name, data] of Object.entries(files)) {
    if (!name.endsWith('.csv')) continue;
    const [head, ...rows] = parse(Buffer.from(data), { bom: true }) as string[][];
    headers[name] = head ?? [];
    tables[name] = rows.map((r) => Object.fromEntries((head ?? []).map((h, i) => [h, r[i]])));
  }
  const dp = files['datapackage.json'];
  return { tables, headers, datapackage: dp ? JSON.parse(Buffer.from(dp).toString('utf8')) : null };
}

/** The CSV files of the examples as tables of text rows. */
export function csvTables(files: Record<string, string>): Tables {
  return readPackage(zipOf(files, '')).tables;
}

function normalValue(kind: HsdsKind, field: string, v: unknown): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const f = hsdsTable(kind).fields.find((x) => x.name === field);
  if (f && (f.type === 'number' || f.type === 'integer')) return String(Number(v));
  if (f?.format === 'uuid') return String(v).toLowerCase();
  return String(v);
}

/** A table's rows normalised (see the head of this file), sorted by id. */
export function normalTable(path: string, rows: readonly Record<string, unknown>[]): Record<string, string>[] {
  const kind = kindOfPath.get(path);
  if (!kind) throw new Error(`not an HSDS table: ${path}`);
  return rows
    .map((r) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(r)) {
        const n = normalValue(kind, k, v);
        if (n !== undefined) out[k] = n;
      }
      return out;
    })
    .sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
}

/** Every table of the standard, normalised (a table absent from `tables` is empty). */
export const normalTables = (tables: Tables): Record<string, Record<string, string>[]> =>
  Object.fromEntries(HSDS_TABLES.map((t) => [t.path, normalTable(t.path, tables[t.path] ?? [])]));

/** Removes a service's directory rows (the examples' fixed ids can then be imported again). */
export async function clearDirectory(t: TestApp, tenantId: string): Promise<void> {
  await t.db.deleteFrom('directory_rows').where('tenant_id', '=', tenantId).execute();
}

export const rowCount = async (t: TestApp, tenantId: string): Promise<number> =>
  (await t.db.selectFrom('directory_rows').select('id').where('tenant_id', '=', tenantId).execute()).length;
