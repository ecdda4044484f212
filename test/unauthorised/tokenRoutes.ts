// Routes that take a bearer token and no session (channel ingress, the SIP edge), as routing.test.ts
// and voice.test.ts try them: no token, near misses of it, other tokens the server knows, other schemes,
// staff sessions and a cross-site page are each refused (401, the cross-site page 403) and change
// nothing; the token itself is accepted and changes the data. With the feature off, every route is 404
// whatever is sent.
import { expect } from 'vitest';
import { ERRORS, type ErrorCode } from '../../src/errors.js';
import { ROUTE_CATALOGUE, routeKey, type Access } from '../helpers/routeCatalogue.js';
import type { TestApp } from '../helpers/testApp.js';
import { call, outcome, snapshot, type Attempt, type Creds, type World } from './world.js';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The catalogue's routes with this access, sorted: what a token suite's cases must cover. */
export const catalogueRoutes = (access: Access): string[] =>
  ROUTE_CATALOGUE.filter((r) => r.access === access)
    .map(routeKey)
    .sort();

/** One request of a token route: it changes the data when the token is right, answering `ok`. */
export interface TokenRequest {
  url: string;
  payload: unknown;
  ok: number;
  /** A read (the edge's desk-phone check): with the token it answers this, and changes nothing either. */
  readOnly?: (body: unknown) => void;
}

export interface TokenAttempts {
  token: string;
  /** Tokens that must not open the route, each with its label: a made-up one, and any other the server takes elsewhere. */
  wrongTokens: [label: string, token: string][];
  /** Staff sessions that must not stand in for the token, each with its label. */
  sessions: [label: string, creds: Creds][];
  /** Extra rows to watch (see snapshot). */
  watch?: (t: TestApp, w: World) => Promise<unknown>;
}

/** Every way in without the token, each refused and changing nothing; then the token, which changes the data. */
export async function expectOnlyTheToken(t: TestApp, w: World, r: TokenRequest, o: TokenAttempts): Promise<void> {
  const unauthenticated = (label: string, headers: Record<string, string>, creds?: Attempt['creds']): Attempt => ({
    label,
    headers,
    creds,
    status: 401,
    code: 'auth.unauthenticated',
  });
  const { token } = o;
  const attempts: Attempt[] = [
    unauthenticated('no Authorization header', {}),
    unauthenticated('an empty bearer token', { authorization: 'Bearer ' }),
    ...o.wrongTokens.map(([label, wrong]) => unauthenticated(label, bearer(wrong))),
    unauthenticated('the token minus its last character', bearer(token.slice(0, -1))),
    unauthenticated('the token plus a character', bearer(`${token}x`)),
    unauthenticated('the token without the Bearer scheme', { authorization: token }),
    unauthenticated('the token as Basic credentials', { authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` }),
    ...o.sessions.map(([label, creds]) => unauthenticated(label, {}, creds)),
    {
      label: 'the token from a cross-site page',
      headers: { ...bearer(token), origin: 'https://evil.example' },
      status: 403,
      code: 'auth.csrf_failed',
    },
  ];
  const before = await snapshot(t, w, o.watch);
  for (const a of attempts) {
    const res = await call(t, 'POST', r.url, r.payload, a.creds, a.headers);
    expect({ caller: a.label, ...outcome(res) }).toEqual({ caller: a.label, status: a.status, code: a.code, hasMessage: true });
    expect(ERRORS[a.code!].status).toBe(a.status);
    expect(await snapshot(t, w, o.watch), `${a.label}: a refused call changed data`).toEqual(before);
  }
  const res = await call(t, 'POST', r.url, r.payload, undefined, bearer(token));
  expect({ status: res.statusCode, body: res.statusCode === r.ok ? null : res.body }).toEqual({ status: r.ok, body: null });
  if (r.readOnly) {
    r.readOnly(res.json());
    expect(await snapshot(t, w, o.watch)).toEqual(before);
  } else expect(await snapshot(t, w, o.watch)).not.toEqual(before);
}

/** With the feature off: each route answers 404 `code` to each Authorization header (none when undefined), each time a fresh payload. */
export async function expectOffWhateverSent(
  t: TestApp,
  requests: { route: string; url: string; payload: () => unknown }[],
  authorizations: (string | undefined)[],
  code: ErrorCode,
): Promise<void> {
  for (const r of requests) {
    for (const authorization of authorizations) {
      const res = await call(t, 'POST', r.url, r.payload(), undefined, authorization === undefined ? {} : { authorization });
      expect({ route: r.route, authorization, ...outcome(res) }).toEqual({
        route: r.route,
        authorization,
        status: 404,
        code,
        hasMessage: true,
      });
    }
  }
}
