// The oracle of the bad-input suite: the invariants every response must keep (a status below 500,
// a JSON error from the error table with a message), a model of what Fastify's JSON parser accepts
// and Postgres can store, and the judges that say what a route owes a given request.
import type { LightMyRequestResponse } from 'fastify';
import { ERROR_CODES, ERRORS, type ErrorCode } from '../../src/errors.js';
import { catalogueEntry, isMutating, type RouteEntry } from '../helpers/routeCatalogue.js';
import { childPublicBaseline } from './chatGenerators.js';

export const BODY_LIMIT = 1024 * 1024;
export const MEDIA_CODES = new Set<string>(['request.unsupported_media_type', 'request.invalid', 'request.malformed']);

export interface Outcome {
  status: number;
  code?: string;
}

/** A route's baseline (see `baselines` in generators.ts): a harmless admin request and its known outcome. */
export interface Baseline {
  url: string;
  /** A body for the route that keeps its outcome predictable and harmless. */
  body?: unknown;
  status: number;
  code?: ErrorCode;
}

export const short = (v: unknown, n = 160) => {
  const s = typeof v === 'string' ? v : Buffer.isBuffer(v) ? `<${v.length} bytes>` : JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s;
};

/** The invariants every response must keep; returns its status and code. */
export function wellFormed(res: LightMyRequestResponse, ctx: string): Outcome {
  const fail = (why: string) => {
    throw new Error(`${why}\n  request:  ${ctx}\n  response: ${res.statusCode} ${short(res.body, 400)}`);
  };
  if (res.statusCode >= 500) fail('server error');
  if (res.statusCode < 400 || res.raw.req.method === 'HEAD') return { status: res.statusCode };
  if (!/^application\/json\b/.test(String(res.headers['content-type']))) fail('error response is not JSON');
  let body: { code?: unknown; message?: unknown };
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    return fail('error body does not parse as JSON');
  }
  if (!ERROR_CODES.includes(body.code as ErrorCode)) fail(`error code ${JSON.stringify(body.code)} is not in the error table`);
  if (ERRORS[body.code as ErrorCode].status !== res.statusCode)
    fail(`status ${res.statusCode} disagrees with the table's ${ERRORS[body.code as ErrorCode].status} for ${String(body.code)}`);
  if (typeof body.message !== 'string' || body.message.trim() === '') fail('error without a message');
  return { status: res.statusCode, code: body.code as string };
}

/** Text Postgres can store as sent: no NUL character and no unpaired surrogate, in keys or values. */
export function storable(v: unknown): boolean {
  if (typeof v === 'string') return !v.includes('\u0000') && v.isWellFormed();
  if (Array.isArray(v)) return v.every(storable);
  if (v && typeof v === 'object') return Object.entries(v).every(([k, x]) => storable(k) && storable(x));
  return true;
}

export function check(cond: boolean, what: string, o: Outcome, ctx: string): void {
  if (!cond) throw new Error(`${what}; got ${o.status} ${o.code ?? ''}\n  request: ${ctx}`);
}

/**
 * What Fastify's JSON parser would make of a body text, or `malformed`: it refuses empty bodies,
 * invalid JSON, and (secure-json-parse) any `__proto__` key or `constructor.prototype`.
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false };
  }
  const poisoned = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null) return false;
    if (Object.hasOwn(v, '__proto__')) return true;
    const ctor = (v as Record<string, unknown>).constructor;
    if (Object.hasOwn(v, 'constructor') && typeof ctor === 'object' && ctor !== null && Object.hasOwn(ctor, 'prototype')) return true;
    return Object.values(v).some(poisoned);
  };
  return poisoned(value) ? { ok: false } : { ok: true, value };
}

export const sameAs = (o: Outcome, b: Baseline) => o.status === b.status && (b.code === undefined || o.code === b.code);
export const fmt = (b: Baseline) => `${b.status} ${b.code ?? ''}`;

/** Whether the route's handler may see this JSON body text: it parses, can be stored and passes the route's schema. */
export function bodyAccepted(r: RouteEntry, text: string): boolean {
  const parsed = parseJson(text);
  return (
    Buffer.byteLength(text) <= (r.bodyLimit ?? BODY_LIMIT) &&
    parsed.ok &&
    storable(parsed.value) &&
    (r.body ? r.body.safeParse(parsed.value).success : true)
  );
}

/** The oracle for a JSON body sent to the route's live path; `b` is the route's baseline. */
export function judgeJsonBody(r: RouteEntry, text: string, b: Baseline) {
  const parsed = parseJson(text);
  const tooLarge = Buffer.byteLength(text) > (r.bodyLimit ?? BODY_LIMIT);
  const valid = bodyAccepted(r, text);
  return (o: Outcome, ctx: string) => {
    if (!isMutating(r)) return check(sameAs(o, b), `a GET ignores its body: expected ${fmt(b)}`, o, ctx);
    if (tooLarge)
      return check(o.status === 413 && o.code === 'request.too_large', 'a body over 1 MiB must be 413 request.too_large', o, ctx);
    if (!parsed.ok) return check(o.status === 400 && o.code === 'request.malformed', 'invalid JSON must be 400 request.malformed', o, ctx);
    if (!r.body) return check(sameAs(o, b), `a route without a body schema ignores the body: expected ${fmt(b)}`, o, ctx);
    if (!valid)
      return check(
        o.status === 400 && (o.code === 'request.invalid' || o.code === 'request.malformed'),
        'a body the schema rejects must be 400 request.invalid',
        o,
        ctx,
      );
    // Valid input: success or a domain refusal (wrong password, conflict, not found, weak password…).
    check(o.status < 300 || o.code !== 'request.invalid', 'a body the schema accepts must not be called invalid', o, ctx);
  };
}

export function anonymousLogin(text: string) {
  const parsed = parseJson(text);
  const valid = parsed.ok && storable(parsed.value) && catalogueEntry('POST /api/auth/login').body!.safeParse(parsed.value).success;
  return (o: Outcome, ctx: string) => {
    if (Buffer.byteLength(text) > BODY_LIMIT) return check(o.status === 413, 'a body over 1 MiB must be 413', o, ctx);
    if (!valid) return check(o.status === 400, 'a sign-in body that is not {login, password} must be 400', o, ctx);
    check(o.code === 'auth.invalid_credentials' || o.code === 'auth.too_many_attempts', 'random credentials never sign in', o, ctx);
  };
}

/** What an anonymous caller of a public route gets for a JSON body. */
export const anonymousPublic = (r: RouteEntry, text: string, b: Baseline) => (o: Outcome, ctx: string) => {
  if (r.url === '/api/auth/login') return anonymousLogin(text)(o, ctx);
  // The child's chat routes take no session: an anonymous caller is judged as the admin is.
  if (r.url.startsWith('/api/chat/')) return judgeJsonBody(r, text, childPublicBaseline(r.websocket === true))(o, ctx);
  // So are a public helpline directory's HSDS routes (the baseline's objects by id do not exist: 404).
  if (r.url.startsWith('/api/hsds/public/')) return judgeJsonBody(r, text, b)(o, ctx);
  check(o.status === 200, 'a public GET answers 200 whatever the body', o, ctx);
};
