// One HSDS row checked against the standard's table definition: each value converted to the field's
// type (CSV gives text; JSON may give a number as text or text as a number), formats checked as the
// standard's JSON Schema validators read them (uuid, email, uri, RFC 3339 date-time; the tabular
// schema's date and time), required fields present. An empty value (CSV "", JSON null or "") is the
// same as a missing one: HSDS has no way to tell them apart in CSV, so the row stores neither.
import type { HsdsData, HsdsKind } from '../../db/schema.js';
import { hsdsTable, type HsdsField } from './hsdsCatalogue.js';
import type { IssueCode, IssueList } from './importIssues.js';

export type Value = string | number | boolean;
type Converted = { ok: true; value: Value | null } | { ok: false; code: IssueCode; shown: unknown };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ajv-formats' "full" email: what a validator of the standard's schemas accepts.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
// RFC 3986: a scheme, then only the characters a URI may hold (percent-escapes well formed).
const URI = /^[a-z][a-z0-9+.-]*:(?:[a-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9a-f]{2})*$/i;

/**
 * A URI as the standard's validators accept it (RFC 3986, ASCII only): an address with Cyrillic in
 * it (сайт.рф, /помощь) is written the way browsers send it — host in punycode, path percent-encoded.
 * ASCII addresses are kept exactly as given. null: not a URI.
 */
export function asciiUri(s: string): string | null {
  const t = s.trim();
  if (URI.test(t)) return URL.canParse(t) ? t : null;
  if (!/[^\x00-\x7f]/.test(t) || !URL.canParse(t)) return null;
  const href = new URL(t).href;
  return URI.test(href) ? href : null;
}
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([zZ]|[+-]\d{2}:?\d{2})?$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
// Frictionless' default true and false values.
const TRUE = new Set(['true', 'True', 'TRUE', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', '0']);

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days;
}

function validTime(s: string, offsetRequired: boolean): boolean {
  const m = TIME.exec(s);
  if (!m) return false;
  if (offsetRequired && (m[3] === undefined || m[4] === undefined)) return false;
  return Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3] ?? 0) < 60;
}

function validDateTime(s: string): boolean {
  const [date, time, ...rest] = s.split(/[Tt ]/);
  return rest.length === 0 && date !== undefined && time !== undefined && validDate(date) && validTime(time, true);
}

const storable = (s: string) => !s.includes('\u0000') && s.isWellFormed();

/** A string field's text checked against its format (ids in lower case, as the database returns them). */
function checkString(field: HsdsField, s: string): Converted {
  if (!storable(s)) return { ok: false, code: 'invalid_text', shown: '' };
  if (s === '') return { ok: true, value: null };
  const t = s.trim();
  if (field.format === 'uuid') return UUID.test(t) ? { ok: true, value: t.toLowerCase() } : { ok: false, code: 'invalid_uuid', shown: s };
  if (field.format === 'email') return EMAIL.test(t) ? { ok: true, value: t } : { ok: false, code: 'invalid_email', shown: s };
  if (field.format === 'uri') {
    const uri = asciiUri(t);
    return uri !== null ? { ok: true, value: uri } : { ok: false, code: 'invalid_uri', shown: s };
  }
  if (field.format === 'date-time' || field.datapackageType === 'datetime')
    return validDateTime(t) ? { ok: true, value: t } : { ok: false, code: 'invalid_datetime', shown: s };
  if (field.datapackageType === 'date') return validDate(t) ? { ok: true, value: t } : { ok: false, code: 'invalid_date', shown: s };
  if (field.datapackageType === 'time') return validTime(t, false) ? { ok: true, value: t } : { ok: false, code: 'invalid_time', shown: s };
  return { ok: true, value: s };
}

function checkNumber(field: HsdsField, raw: string | number): Converted {
  const code = field.type === 'integer' ? 'invalid_integer' : 'invalid_number';
  const n = typeof raw === 'number' ? raw : NUMBER.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(n)) return { ok: false, code, shown: raw };
  if (field.type === 'integer' && (!Number.isInteger(n) || (typeof raw === 'string' && !INTEGER.test(raw.trim()))))
    return { ok: false, code, shown: raw };
  return { ok: true, value: n };
}

/** A raw value (CSV text, or any JSON value) as the field's type, or why it cannot be. */
export function convertValue(field: HsdsField, raw: unknown): Converted {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'object') return { ok: false, code: 'wrong_type', shown: Array.isArray(raw) ? 'array' : 'object' };
  if (typeof raw === 'string' && raw === '') return { ok: true, value: null };
  switch (field.type) {
    case 'string':
      return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean'
        ? checkString(field, String(raw))
        : { ok: false, code: 'wrong_type', shown: typeof raw };
    case 'number':
    case 'integer':
      return typeof raw === 'string' || typeof raw === 'number'
        ? checkNumber(field, raw)
        : { ok: false, code: field.type === 'integer' ? 'invalid_integer' : 'invalid_number', shown: raw };
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (typeof raw === 'string' && TRUE.has(raw.trim())) return { ok: true, value: true };
      if (typeof raw === 'string' && FALSE.has(raw.trim())) return { ok: true, value: false };
      return { ok: false, code: 'invalid_boolean', shown: raw };
  }
}

export interface Where {
  file: string | null;
  line: number | string | null;
}

/**
 * The row's values (only fields of its table; the caller reports unknown ones) as HSDS data.
 * `bad`: some value is wrong or a required field is empty — the row is not to be saved.
 */
export function checkRow(
  kind: HsdsKind,
  values: Readonly<Record<string, unknown>>,
  where: Where,
  issues: IssueList,
): { data: HsdsData; bad: boolean } {
  const data: HsdsData = {};
  let bad = false;
  for (const field of hsdsTable(kind).fields) {
    const c = convertValue(field, values[field.name]);
    if (!c.ok) {
      issues.add(where, c.code, field.name, c.shown);
      bad = true;
    } else if (c.value !== null) data[field.name] = c.value;
    else if (field.required) {
      issues.add(where, 'required', field.name);
      bad = true;
    }
  }
  return { data, bad };
}

/** The field names of a table, for telling unknown fields apart. */
export function fieldNames(kind: HsdsKind): Set<string> {
  return new Set(hsdsTable(kind).fields.map((f) => f.name));
}
