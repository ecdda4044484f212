// A stored row's fields as the HSDS API gives them: only the fields the standard defines for that
// object (anything else a row carries stays in Doverie), each of its declared type and format, no
// nulls or blanks (the schemas allow neither in a string field). A required field with no usable
// value gets the standard's first allowed value or an empty string, so every object validates.
import type { HsdsData } from '../../db/schema.js';
import type { FieldSpec } from './hsdsShape.js';

export type HsdsObject = Record<string, unknown>;

// The formats as JSON Schema validators check them (ajv-formats' "full" mode, MIT licence).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
/** RFC 3986 (jmrware.com's URI regex, as ajv-formats checks `uri`). */
// prettier-ignore
const URI = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;

/** A URL written with Cyrillic (сайт.рф, /путь) is first encoded by the URL parser. */
function uri(v: string): string | undefined {
  const ok = (s: string) => /\/|:/.test(s) && URI.test(s);
  if (ok(v)) return v;
  try {
    const href = new URL(v).href;
    return ok(href) ? href : undefined;
  } catch {
    return undefined;
  }
}

function formatted(format: string | undefined, v: string): string | undefined {
  switch (format) {
    case undefined:
      return v;
    case 'uuid':
      return UUID.test(v) ? v.toLowerCase() : undefined;
    case 'email':
      return EMAIL.test(v) ? v : undefined;
    case 'uri':
      return uri(v);
    case 'date-time': {
      const d = new Date(v);
      return /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
    }
    default:
      return v;
  }
}

function value(f: FieldSpec, raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  switch (f.type) {
    case 'string': {
      const s = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
      if (s === undefined || s.trim() === '') return undefined;
      const v = formatted(f.format, s.trim());
      return v !== undefined && f.enum && !f.enum.includes(v) ? undefined : v;
    }
    case 'number':
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return undefined;
      return f.type === 'integer' && !Number.isInteger(n) ? undefined : n;
    }
    case 'boolean':
      return typeof raw === 'boolean' ? raw : raw === 'true' ? true : raw === 'false' ? false : undefined;
  }
}

/** The HSDS fields of a row, in the standard's order. */
export function hsdsFields(fields: readonly FieldSpec[], data: HsdsData): HsdsObject {
  const out: HsdsObject = {};
  for (const f of fields) {
    let v = value(f, data[f.name]);
    if (v === undefined && f.required) v = f.enum ? f.enum[0] : f.type === 'string' && !f.format ? '' : undefined;
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}
