// One unauthorised-access case: a route, a request, the callers who must be refused (with status
// and code) and the one who is allowed. runCase tries every way in without the right to (no or a
// forged session, a pending password change, a broken CSRF token or a cross-site Origin, and the
// case's refusals), checks each leaves the data as it was, then makes the positive control.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ERRORS, type ErrorCode } from '../../src/errors.js';
import { catalogueEntry, isMutating } from '../helpers/routeCatalogue.js';
import type { TestApp } from '../helpers/testApp.js';
import {
  bogusCookie,
  call,
  makeWorld,
  outcome,
  SAME_ORIGIN,
  snapshot,
  tamper,
  type Attempt,
  type Creds,
  type Who,
  type World,
} from './world.js';

export interface Refusal {
  who: Who;
  status: 403 | 404;
  code: ErrorCode;
}

export interface Case {
  route: string;
  title: string;
  url: (w: World) => string;
  payload?: (w: World) => unknown;
  /** Runs before the snapshot and before `url` and `payload`, e.g. to put the target in the state the route changes. */
  prepare?: (t: TestApp, w: World) => Promise<void>;
  /** Extra rows to watch (e.g. the account a refused create would have made). */
  watch?: (t: TestApp, w: World) => Promise<unknown>;
  refusals: Refusal[];
  allowed: Who | 'pendingA';
  okStatus: number;
  verify?: (res: LightMyRequestResponse, w: World) => void;
  /** A read that is audited (a record's free text): the allowed read adds audit rows and changes nothing else. */
  auditedRead?: true;
  /** A POST that stores nothing (phone credentials are derived, not kept): the allowed call changes nothing either. */
  stateless?: true;
}

export const nf = (who: Who, code: ErrorCode = 'service.not_found'): Refusal => ({ who, status: 404, code });
export const forbidden = (who: Who): Refusal => ({ who, status: 403, code: 'auth.forbidden' });

// Payloads built once per world so the refused calls and the positive control send the very same thing.
const payloads = new WeakMap<World, Map<string, unknown>>();
export const stable =
  <T>(name: string, make: (w: World) => T) =>
  (w: World): T => {
    let m = payloads.get(w);
    if (!m) payloads.set(w, (m = new Map()));
    if (!m.has(name)) m.set(name, make(w));
    return m.get(name) as T;
  };

/** Every refusal the case owes, each leaving the data unchanged, then the allowed caller's success. */
export async function runCase(t: TestApp, c: Case): Promise<void> {
  const entry = catalogueEntry(c.route);
  const w = await makeWorld(t);
  const ok = c.allowed === 'pendingA' ? w.pendingA : w.people[c.allowed];
  const other = c.allowed === 'counsellorA' ? w.people.supervisorA : w.people.counsellorA;
  // Prepared first: the URL or payload may name what it made (an offer, a contact, a care plan).
  await c.prepare?.(t, w);
  const url = c.url(w);
  const payload = c.payload?.(w);

  const attempts: Attempt[] = [
    { label: 'no session', status: 401, code: 'auth.unauthenticated' },
    { label: 'unknown session cookie', creds: { cookie: bogusCookie(), csrf: ok.csrf }, status: 401, code: 'auth.unauthenticated' },
    { label: 'empty session cookie', creds: { cookie: 'doverie_session=', csrf: ok.csrf }, status: 401, code: 'auth.unauthenticated' },
    {
      label: 'cookie of a signed-out session',
      creds: { cookie: w.signedOutCookie, csrf: ok.csrf },
      status: 401,
      code: 'auth.unauthenticated',
    },
  ];
  if (entry.method === 'GET') attempts.push({ label: 'HEAD without a session', method: 'HEAD', status: 401 });
  if (entry.access === 'staff') {
    // A twin of the allowed caller, same roles, who has not yet replaced a temporary password.
    const grants = await t.db.selectFrom('role_grants').select(['role', 'service_id']).where('user_id', '=', ok.userId).execute();
    const twin = await t.signIn(
      await t.user(
        grants.map((g) => ({ role: g.role, serviceId: g.service_id })),
        { mustChangePassword: true },
      ),
    );
    w.ids.push(twin.userId);
    attempts.push({
      label: `${c.allowed} who must change their password`,
      creds: twin,
      status: 403,
      code: 'auth.password_change_required',
    });
  }
  if (isMutating(entry)) {
    const csrf = (label: string, creds: Creds, headers: Record<string, string> = {}): Attempt => ({
      label,
      creds,
      headers,
      status: 403,
      code: 'auth.csrf_failed',
    });
    attempts.push(
      csrf('no x-csrf-token', { cookie: ok.cookie }),
      csrf('empty x-csrf-token', { cookie: ok.cookie, csrf: '' }),
      csrf('x-csrf-token of another session', { cookie: ok.cookie, csrf: other.csrf }),
      csrf('tampered x-csrf-token', { cookie: ok.cookie, csrf: tamper(ok.csrf) }),
      csrf('cross-site Origin', ok, { origin: 'https://evil.example' }),
      csrf('Origin: null', ok, { origin: 'null' }),
      csrf('look-alike Origin', ok, { origin: `${SAME_ORIGIN}.evil.example` }),
      csrf('Sec-Fetch-Site: cross-site without Origin', ok, { 'sec-fetch-site': 'cross-site' }),
      csrf('cross-site Origin without a session', {}, { origin: 'https://evil.example' }),
    );
  }
  for (const r of c.refusals) attempts.push({ label: r.who, creds: w.people[r.who], status: r.status, code: r.code });

  const before = await snapshot(t, w, c.watch);
  for (const a of attempts) {
    const res = await call(t, a.method ?? entry.method, url, a.method === 'HEAD' ? undefined : payload, a.creds, a.headers);
    const expected = a.code ? { status: a.status, code: a.code, hasMessage: true } : { status: a.status };
    expect({ caller: a.label, ...outcome(res) }).toEqual({ caller: a.label, ...expected });
    expect(ERRORS[a.code ?? 'auth.unauthenticated'].status).toBe(a.status);
    expect(await snapshot(t, w, c.watch), `${a.label}: a refused call changed data`).toEqual(before);
  }

  // Positive control: the allowed caller, same URL and payload, from our own origin.
  const res = await call(t, entry.method, url, payload, ok, isMutating(entry) ? { origin: SAME_ORIGIN } : {});
  expect({ caller: c.allowed, status: res.statusCode, body: res.statusCode === c.okStatus ? null : res.body }).toEqual({
    caller: c.allowed,
    status: c.okStatus,
    body: null,
  });
  c.verify?.(res, w);
  const after = await snapshot(t, w, c.watch);
  // The snapshot sees the change the allowed call makes (so it would have seen a refused one).
  if (isMutating(entry) && !c.stateless) expect(after).not.toEqual(before);
  else if (c.auditedRead) {
    expect({ ...after, audit: [] }).toEqual({ ...before, audit: [] });
    expect(after.audit.length).toBeGreaterThan(before.audit.length);
  } else expect(after).toEqual(before);
}
