// The HSDS CSV data package into flat rows: a zip of `<table>.csv` files named as the standard names
// them (organizations.csv, services.csv, …), optionally with a datapackage.json whose resources say
// which file is which table. Each record is checked with its line number: the physical line of the
// file it starts on (the header is line 1; a quoted value may span lines, blank lines count). A CSV
// syntax error stops reading that file: the records before it are kept, the error names its line.
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import type { HsdsKind } from '../../db/schema.js';
import type { Locale } from '../../i18n/messages.js';
import { HSDS_TABLES } from './hsdsCatalogue.js';
import { checkRow, fieldNames } from './hsdsValues.js';
import { IssueList } from './importIssues.js';
import { RowCollector, type ParsedImport } from './importRows.js';

/** A package bigger than this once unpacked is refused (a zip bomb must not take the server's memory). */
export const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;

const byPath = new Map(HSDS_TABLES.map((t) => [t.path, t.kind]));
const kinds = new Set<string>(HSDS_TABLES.map((t) => t.kind));
const utf8 = new TextDecoder('utf-8', { fatal: true });
class TooLarge extends Error {}

/** A zip's local file header or (an empty archive) its end-of-directory record. */
export function looksLikeZip(data: Uint8Array): boolean {
  return (
    data.length >= 22 && data[0] === 0x50 && data[1] === 0x4b && ((data[2] === 3 && data[3] === 4) || (data[2] === 5 && data[3] === 6))
  );
}

const baseName = (name: string) => name.slice(name.lastIndexOf('/') + 1);
/** Archives made on a Mac carry resource forks (__MACOSX/, ._name) that are not data. */
const isJunk = (name: string) => name.endsWith('/') || name.startsWith('__MACOSX/') || baseName(name).startsWith('._');

/** Where each line of the file starts (byte offsets), for turning offsets into line numbers. */
function lineStarts(buf: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a || (buf[i] === 0x0d && buf[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const breaksIn = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;

/** The tables of the package: by datapackage.json's resources where it names them, else by file name. */
function tablesOf(files: Record<string, Uint8Array>, issues: IssueList): Map<HsdsKind, [string, Uint8Array]> {
  const out = new Map<HsdsKind, [string, Uint8Array]>();
  const byBase = new Map<string, string>();
  for (const name of Object.keys(files)) byBase.set(baseName(name), name);
  const claimed = new Set<string>();
  const dp = byBase.get('datapackage.json');
  if (dp) {
    try {
      const resources = (JSON.parse(utf8.decode(files[dp]!)) as { resources?: unknown }).resources;
      for (const r of Array.isArray(resources) ? resources : []) {
        const { name, path } = (r ?? {}) as { name?: unknown; path?: unknown };
        const file = typeof path === 'string' ? byBase.get(baseName(path)) : undefined;
        if (typeof name === 'string' && kinds.has(name) && file && !out.has(name as HsdsKind)) {
          out.set(name as HsdsKind, [baseName(file), files[file]!]);
          claimed.add(file);
        }
      }
    } catch {
      issues.add({ file: 'datapackage.json', line: null }, 'file_unreadable', null, 'JSON');
    }
  }
  for (const name of Object.keys(files)) {
    if (claimed.has(name) || !name.toLowerCase().endsWith('.csv')) continue;
    const kind = byPath.get(baseName(name));
    if (!kind || out.has(kind)) issues.add({ file: baseName(name), line: null }, 'unknown_table', null, name);
    else out.set(kind, [baseName(name), files[name]!]);
  }
  return out;
}

function readTable(kind: HsdsKind, file: string, buf: Uint8Array, rows: RowCollector, issues: IssueList): void {
  try {
    utf8.decode(buf);
  } catch {
    issues.add({ file, line: null }, 'not_utf8');
    return;
  }
  const starts = lineStarts(buf);
  const names = fieldNames(kind);
  let header: (string | null)[] | null = null;
  let lastEnd = 0;
  const onRecord = (record: string[], info: { bytes: number }) => {
    const end = lineAt(starts, Math.max(0, info.bytes - 1));
    const line = end - record.reduce((n, v) => n + breaksIn(v), 0);
    lastEnd = info.bytes;
    if (header === null) {
      const seen = new Set<string>();
      header = record.map((raw) => {
        const name = raw.trim();
        if (seen.has(name)) issues.add({ file, line }, 'duplicate_column', name);
        else if (!names.has(name)) issues.add({ file, line }, 'unknown_field', name);
        seen.add(name);
        return names.has(name) ? name : null;
      });
      return null;
    }
    const where = { file, line };
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      if (name !== null && values[name] === undefined) values[name] = record[i] ?? '';
    });
    let bad = false;
    if (record.length !== header.length) {
      issues.add(where, 'wrong_column_count', null, record.length);
      bad = true;
    }
    const checked = checkRow(kind, values, where, issues);
    rows.add(kind, checked.data, where, checked.bad || bad);
    return null;
  };
  try {
    parse(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), {
      bom: true,
      // Any line ending, even mixed in one file (auto-detection would take the first one only).
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: onRecord as (record: string[], context: unknown) => null,
    });
  } catch (err) {
    // The record being read began after the last one read whole (past any blank lines).
    let start = lastEnd;
    while (buf[start] === 0x0a || buf[start] === 0x0d) start++;
    const message = err instanceof Error ? err.message.replace(/ at line \d+.*$/s, '').replace(/ on line \d+.*$/s, '') : 'unreadable';
    issues.add({ file, line: lineAt(starts, start) }, 'csv_malformed', null, message);
    rows.total++;
  }
}

/** The rows of an HSDS CSV data package (a zip archive). */
export function rowsFromCsvPackage(zip: Uint8Array, locale: Locale, maxUnzipped = MAX_UNZIPPED_BYTES): ParsedImport {
  const issues = new IssueList(locale);
  const rows = new RowCollector(issues, false);
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (isJunk(f.name)) return false;
        unpacked += f.originalSize;
        if (unpacked > maxUnzipped) throw new TooLarge();
        return true;
      },
    });
  } catch (err) {
    if (err instanceof TooLarge) issues.add({ file: null, line: null }, 'unpacked_too_large', null, Math.floor(maxUnzipped / 1024 / 1024));
    else issues.add({ file: null, line: null }, 'file_unreadable', null, 'zip');
    return rows.result();
  }
  const tables = tablesOf(files, issues);
  if (tables.size === 0) issues.add({ file: null, line: null }, 'no_tables');
  for (const t of HSDS_TABLES) {
    const found = tables.get(t.kind);
    if (found) readTable(t.kind, found[0], found[1], rows, issues);
  }
  return rows.result();
}
