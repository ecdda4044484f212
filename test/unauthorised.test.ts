// Unauthorised access to every route: no session, a forged or foreign session, an outsider from
// another service, an insider without the role, an analyst, a broken CSRF token or a cross-site
// Origin, and a user who must still change their password. Every refusal is checked for its status
// AND code, and for leaving the data exactly as it was; every case ends with a positive control
// (the right caller, the same request) so a refusal cannot be a side effect of a broken payload.
import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleName } from '../src/db/schema.js';
import { serviceNameKey } from '../src/domain/tenants/serviceSchemas.js';
import { ERRORS, type ErrorCode } from '../src/errors.js';
import { TestApp, TEST_PASSWORD, type SignedIn } from './helpers/testApp.js';
import { DATABASES } from './helpers/testDatabase.js';
import { catalogueEntry, catalogueGaps, isMutating, registeredRoutes, ROUTE_CATALOGUE, routeKey } from './helpers/routeCatalogue.js';

type Grant = { role: RoleName; serviceId?: string | null };

/** The staff of one test's little world: two services A and B and people in various roles. */
const CAST = {
  admin: () => [{ role: 'admin' }],
  analyst: () => [{ role: 'analyst' }],
  headA: (a) => [{ role: 'head', serviceId: a }],
  headB: (_a, b) => [{ role: 'head', serviceId: b }],
  supervisorA: (a) => [{ role: 'supervisor', serviceId: a }],
  counsellorA: (a) => [{ role: 'counsellor', serviceId: a }],
  counsellorB: (_a, b) => [{ role: 'counsellor', serviceId: b }],
  /** Head of A who is also a counsellor in B: an insider of B without B's head role. */
  headAcounsellorB: (a, b) => [
    { role: 'head', serviceId: a },
    { role: 'counsellor', serviceId: b },
  ],
  /** Targets of staff actions: a member of A only, and a member of both A and B. */
  targetA: (a) => [{ role: 'counsellor', serviceId: a }],
  targetAB: (a, b) => [
    { role: 'counsellor', serviceId: a },
    { role: 'counsellor', serviceId: b },
  ],
} satisfies Record<string, (a: string, b: string) => Grant[]>;
type Who = keyof typeof CAST;

interface World {
  A: string;
  B: string;
  people: Record<Who, SignedIn>;
  /** A counsellor of A who must still change their password (the allowed caller of `staff-pending` routes). */
  pendingA: SignedIn;
  /** The cookie of a session that has been signed out. */
  signedOutCookie: string;
  /** Every user id of this world (snapshots watch their rows). */
  ids: string[];
}

async function makeWorld(t: TestApp): Promise<World> {
  const [a, b] = await Promise.all([t.service(), t.service()]);
  const people = {} as Record<Who, SignedIn>;
  await Promise.all(
    (Object.keys(CAST) as Who[]).map(async (who) => {
      people[who] = await t.signIn(await t.user(CAST[who](a.id, b.id)));
    }),
  );
  const pendingA = await t.signIn(await t.user([{ role: 'counsellor', serviceId: a.id }], { mustChangePassword: true }));
  const second = await t.signIn({ id: people.counsellorA.userId, login: people.counsellorA.login, password: people.counsellorA.password });
  expect((await call(t, 'POST', '/api/auth/logout', undefined, second)).statusCode).toBe(204);
  return {
    A: a.id,
    B: b.id,
    people,
    pendingA,
    signedOutCookie: second.cookie,
    ids: [...Object.values(people).map((p) => p.userId), pendingA.userId],
  };
}

/** Everything a refused call could have changed: the world's services, accounts, grants, sessions and audit rows. */
async function snapshot(t: TestApp, w: World, watch?: (t: TestApp, w: World) => Promise<unknown>) {
  const ids = w.ids;
  return {
    services: await t.db.selectFrom('services').selectAll().where('id', 'in', [w.A, w.B]).orderBy('id').execute(),
    staff: await t.db.selectFrom('staff_users').selectAll().where('id', 'in', ids).orderBy('id').execute(),
    grants: await t.db
      .selectFrom('role_grants')
      .selectAll()
      .where('user_id', 'in', ids)
      .orderBy('user_id')
      .orderBy('role')
      .orderBy('service_id')
      .execute(),
    sessions: await t.db.selectFrom('sessions').selectAll().where('user_id', 'in', ids).orderBy('id').execute(),
    audit: await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) => eb.or([eb('chain', 'in', [w.A, w.B]), eb('actor_id', 'in', ids), eb('target_id', 'in', [...ids, w.A, w.B])]))
      .orderBy('id')
      .execute(),
    watched: watch ? await watch(t, w) : null,
  };
}

interface Creds {
  cookie?: string;
  csrf?: string;
}

function call(t: TestApp, method: string, url: string, payload: unknown, creds?: Creds, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  if (creds?.cookie !== undefined) h.cookie = creds.cookie;
  if (creds?.csrf !== undefined) h['x-csrf-token'] = creds.csrf;
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: h,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** Status, code and message of a response, for one readable comparison. */
function outcome(res: LightMyRequestResponse): { status: number; code?: string; hasMessage?: boolean } {
  if (res.body === '') return { status: res.statusCode };
  const body = res.json() as { code?: unknown; message?: unknown };
  return { status: res.statusCode, code: body.code as string, hasMessage: typeof body.message === 'string' && body.message.length > 0 };
}

const bogusCookie = () => `doverie_session=${randomBytes(32).toString('base64url')}`;
const tamper = (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
/** The Origin of the app as inject() presents it (Host: localhost:80). */
const SAME_ORIGIN = 'http://localhost:80';

interface Refusal {
  who: Who;
  status: 403 | 404;
  code: ErrorCode;
}

interface Case {
  route: string;
  title: string;
  url: (w: World) => string;
  payload?: (w: World) => unknown;
  /** Runs before the snapshot, e.g. to put the target in the state the route changes. */
  prepare?: (t: TestApp, w: World) => Promise<void>;
  /** Extra rows to watch (e.g. the account a refused create would have made). */
  watch?: (t: TestApp, w: World) => Promise<unknown>;
  refusals: Refusal[];
  allowed: Who | 'pendingA';
  okStatus: number;
  verify?: (res: LightMyRequestResponse, w: World) => void;
}

const nf = (who: Who, code: ErrorCode = 'service.not_found'): Refusal => ({ who, status: 404, code });
const forbidden = (who: Who): Refusal => ({ who, status: 403, code: 'auth.forbidden' });

// Payloads built once per world so the refused calls and the positive control send the very same thing.
const payloads = new WeakMap<World, Map<string, unknown>>();
const stable =
  <T>(name: string, make: (w: World) => T) =>
  (w: World): T => {
    let m = payloads.get(w);
    if (!m) payloads.set(w, (m = new Map()));
    if (!m.has(name)) m.set(name, make(w));
    return m.get(name) as T;
  };

const newService = stable('newService', () => ({ name: `Служба ${randomUUID()}`, region: 'Тверская область', timeZone: 'Europe/Moscow' }));
const newStaff = (name: string, grants: (w: World) => Grant[]) =>
  stable(name, (w) => ({
    login: `nu${randomBytes(6).toString('hex')}`,
    pseudonym: 'Новенький',
    fullName: 'Новиков Новик Новикович',
    password: 'тихий-вечер-2026',
    grants: grants(w).map((g) => ({ serviceId: g.serviceId ?? null, role: g.role })),
  }));
const watchLogin = (payload: (w: World) => { login: string }) => (t: TestApp, w: World) =>
  t.db.selectFrom('staff_users').selectAll().where('login', '=', payload(w).login).execute();

const staffA = newStaff('staffA', (w) => [{ role: 'counsellor', serviceId: w.A }]);
const staffAB = newStaff('staffAB', (w) => [
  { role: 'counsellor', serviceId: w.A },
  { role: 'counsellor', serviceId: w.B },
]);
const staffAdmin = newStaff('staffAdmin', () => [{ role: 'admin', serviceId: null }]);
const staffAnalystAndHeadA = newStaff('staffAnalyst', (w) => [
  { role: 'head', serviceId: w.A },
  { role: 'analyst', serviceId: null },
]);

const ids = (res: LightMyRequestResponse) => (res.json() as { items: { id: string }[] }).items.map((i) => i.id);

const CASES: Case[] = [
  {
    route: 'GET /api/services',
    title: 'list services',
    url: () => '/api/services',
    refusals: [],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => {
      expect(ids(res)).toContain(w.A);
      expect(ids(res)).not.toContain(w.B);
    },
  },
  {
    route: 'POST /api/services',
    title: 'create a service (admin only)',
    url: () => '/api/services',
    payload: newService,
    watch: (t, w) =>
      t.db
        .selectFrom('services')
        .selectAll()
        .where('name_key', '=', serviceNameKey(newService(w).name))
        .execute(),
    refusals: [
      forbidden('headA'),
      forbidden('headB'),
      forbidden('supervisorA'),
      forbidden('counsellorA'),
      forbidden('analyst'),
      forbidden('headAcounsellorB'),
    ],
    allowed: 'admin',
    okStatus: 201,
  },
  {
    route: 'GET /api/services/:serviceId',
    title: 'read service A',
    url: (w) => `/api/services/${w.A}`,
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst')],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ id: w.A }),
  },
  {
    route: 'PATCH /api/services/:serviceId',
    title: 'edit service A',
    url: (w) => `/api/services/${w.A}`,
    payload: () => ({ version: 1, region: 'Другая область', settings: { chatCapacity: 2 } }),
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('supervisorA'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ region: 'Другая область', version: 2 }),
  },
  {
    route: 'PATCH /api/services/:serviceId',
    title: 'edit service B (head of A who only counsels in B)',
    url: (w) => `/api/services/${w.B}`,
    payload: () => ({ version: 1, shortName: 'Б' }),
    refusals: [nf('headA'), forbidden('headAcounsellorB'), forbidden('counsellorB'), forbidden('targetAB')],
    allowed: 'headB',
    okStatus: 200,
  },
  {
    route: 'PATCH /api/services/:serviceId',
    title: "switch service A off (`active` is the admin's)",
    url: (w) => `/api/services/${w.A}`,
    payload: () => ({ version: 1, active: false }),
    refusals: [forbidden('headA'), forbidden('headAcounsellorB'), nf('headB'), forbidden('supervisorA'), nf('analyst')],
    allowed: 'admin',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ active: false }),
  },
  {
    route: 'GET /api/staff',
    title: 'list staff (managers only)',
    url: () => '/api/staff',
    refusals: [forbidden('counsellorA'), forbidden('supervisorA'), forbidden('analyst'), forbidden('targetAB')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res, w) => {
      expect(ids(res)).toEqual(expect.arrayContaining([w.people.targetA.userId, w.people.targetAB.userId, w.people.counsellorA.userId]));
      expect(ids(res)).not.toContain(w.people.counsellorB.userId);
      expect(ids(res)).not.toContain(w.people.admin.userId);
    },
  },
  {
    route: 'GET /api/staff',
    title: 'list staff of service A',
    url: (w) => `/api/staff?serviceId=${w.A}`,
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('supervisorA'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res, w) => {
      expect(ids(res)).toContain(w.people.targetA.userId);
      expect(ids(res)).not.toContain(w.people.counsellorB.userId);
    },
  },
  {
    route: 'GET /api/staff',
    title: 'list staff of service B (?serviceId= of another service)',
    url: (w) => `/api/staff?serviceId=${w.B}`,
    refusals: [nf('headA'), forbidden('headAcounsellorB'), forbidden('counsellorB'), nf('supervisorA')],
    allowed: 'headB',
    okStatus: 200,
    verify: (res, w) => expect(ids(res)).not.toContain(w.people.targetA.userId),
  },
  {
    route: 'POST /api/staff',
    title: 'create a counsellor of A',
    url: () => '/api/staff',
    payload: staffA,
    watch: watchLogin(staffA),
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('supervisorA'), forbidden('counsellorA')],
    allowed: 'headA',
    okStatus: 201,
  },
  {
    route: 'POST /api/staff',
    title: 'create a member of A and B (head of A cannot grant in B)',
    url: () => '/api/staff',
    payload: staffAB,
    watch: watchLogin(staffAB),
    // (Not the supervisor of A: which of the two grants is checked first depends on the random ids.)
    refusals: [nf('headA'), nf('headB'), forbidden('headAcounsellorB')],
    allowed: 'admin',
    okStatus: 201,
  },
  {
    route: 'POST /api/staff',
    title: 'create an admin (national role)',
    url: () => '/api/staff',
    payload: staffAdmin,
    watch: watchLogin(staffAdmin),
    refusals: [forbidden('headA'), forbidden('headB'), forbidden('supervisorA'), forbidden('analyst')],
    allowed: 'admin',
    okStatus: 201,
  },
  {
    route: 'POST /api/staff',
    title: 'create a head of A who is also an analyst (national role)',
    url: () => '/api/staff',
    payload: staffAnalystAndHeadA,
    watch: watchLogin(staffAnalystAndHeadA),
    refusals: [forbidden('headA'), forbidden('headAcounsellorB'), forbidden('analyst')],
    allowed: 'admin',
    okStatus: 201,
  },
  {
    route: 'GET /api/staff/:userId',
    title: 'read a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}`,
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
      nf('counsellorB', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res, w) => expect(res.json()).toMatchObject({ id: w.people.targetA.userId }),
  },
  {
    route: 'GET /api/staff/:userId',
    title: "read an analyst (national role: the admin's)",
    url: (w) => `/api/staff/${w.people.analyst.userId}`,
    refusals: [nf('headA', 'staff.not_found'), nf('headB', 'staff.not_found'), nf('counsellorA', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'PATCH /api/staff/:userId',
    title: 'rename a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}`,
    payload: () => ({ version: 1, pseudonym: 'Новое имя' }),
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
      nf('targetA', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ pseudonym: 'Новое имя', version: 2 }),
  },
  {
    route: 'PATCH /api/staff/:userId',
    title: 'rename a member of both A and B (neither head manages them alone)',
    url: (w) => `/api/staff/${w.people.targetAB.userId}`,
    payload: () => ({ version: 1, fullName: 'Другая Фамилия' }),
    refusals: [
      forbidden('headA'),
      forbidden('headB'),
      forbidden('headAcounsellorB'),
      nf('supervisorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
    ],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'PATCH /api/staff/:userId',
    title: 'grant a member of A a role in B',
    url: (w) => `/api/staff/${w.people.targetA.userId}`,
    payload: (w) => ({
      version: 1,
      grants: [
        { serviceId: w.A, role: 'counsellor' },
        { serviceId: w.B, role: 'counsellor' },
      ],
    }),
    refusals: [nf('headA'), forbidden('headAcounsellorB'), nf('headB', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
    verify: (res) => expect(res.json().grants).toHaveLength(2),
  },
  {
    route: 'PATCH /api/staff/:userId',
    title: 'grant a member of A the admin role',
    url: (w) => `/api/staff/${w.people.targetA.userId}`,
    payload: (w) => ({
      version: 1,
      grants: [
        { serviceId: w.A, role: 'counsellor' },
        { serviceId: null, role: 'admin' },
      ],
    }),
    refusals: [forbidden('headA'), forbidden('headAcounsellorB'), nf('analyst', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'POST /api/staff/:userId/disable',
    title: 'disable a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}/disable`,
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ disabled: true }),
  },
  {
    route: 'POST /api/staff/:userId/disable',
    title: 'disable a member of both A and B',
    url: (w) => `/api/staff/${w.people.targetAB.userId}/disable`,
    refusals: [forbidden('headA'), forbidden('headB'), nf('counsellorB', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'POST /api/staff/:userId/enable',
    title: 'enable a disabled member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}/enable`,
    prepare: async (t, w) => {
      await t.db
        .updateTable('staff_users')
        .set({ disabled: true, disabled_at: new Date() })
        .where('id', '=', w.people.targetA.userId)
        .execute();
    },
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ disabled: false }),
  },
  {
    route: 'POST /api/staff/:userId/enable',
    title: 'enable a disabled member of both A and B',
    url: (w) => `/api/staff/${w.people.targetAB.userId}/enable`,
    prepare: async (t, w) => {
      await t.db
        .updateTable('staff_users')
        .set({ disabled: true, disabled_at: new Date() })
        .where('id', '=', w.people.targetAB.userId)
        .execute();
    },
    refusals: [forbidden('headA'), forbidden('headB')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'POST /api/staff/:userId/reset-password',
    title: 'reset the password of a member of A',
    url: (w) => `/api/staff/${w.people.targetA.userId}/reset-password`,
    payload: () => ({}),
    refusals: [
      nf('headB', 'staff.not_found'),
      nf('supervisorA', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
      nf('targetA', 'staff.not_found'),
    ],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json().temporaryPassword).toMatch(/^[a-z]{4}-[a-z]{4}-[a-z]{4}-\d{2}$/),
  },
  {
    route: 'POST /api/staff/:userId/reset-password',
    title: 'reset the password of a member of both A and B',
    url: (w) => `/api/staff/${w.people.targetAB.userId}/reset-password`,
    payload: () => ({ password: 'новый-пароль-2026' }),
    refusals: [forbidden('headA'), forbidden('headB'), nf('supervisorA', 'staff.not_found')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'POST /api/staff/:userId/reset-password',
    title: "reset the password of an analyst (national role: the admin's)",
    url: (w) => `/api/staff/${w.people.analyst.userId}/reset-password`,
    payload: () => ({}),
    refusals: [
      nf('headA', 'staff.not_found'),
      nf('headAcounsellorB', 'staff.not_found'),
      nf('counsellorA', 'staff.not_found'),
      nf('analyst', 'staff.not_found'),
    ],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'GET /api/auth/me',
    title: 'who am I',
    url: () => '/api/auth/me',
    refusals: [],
    allowed: 'pendingA',
    okStatus: 200,
    verify: (res, w) => expect(res.json().user).toMatchObject({ id: w.pendingA.userId, mustChangePassword: true }),
  },
  {
    route: 'POST /api/auth/logout',
    title: 'sign out',
    url: () => '/api/auth/logout',
    refusals: [],
    allowed: 'pendingA',
    okStatus: 204,
  },
  {
    route: 'POST /api/auth/password',
    title: "change one's own password",
    url: () => '/api/auth/password',
    payload: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'совсем-новый-пароль-42' }),
    refusals: [],
    allowed: 'pendingA',
    okStatus: 204,
  },
];

const PUBLIC_ROUTES = ['GET /api/health', 'GET /api/ready', 'GET /api/openapi.json', 'POST /api/auth/login'];

interface Attempt {
  label: string;
  method?: 'HEAD';
  creds?: Creds;
  headers?: Record<string, string>;
  status: number;
  code?: ErrorCode;
}

const wsUpgrade = {
  connection: 'upgrade',
  upgrade: 'websocket',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
};

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('the route catalogue covers every route the app registers, and only those', () => {
    const registered = registeredRoutes(t.app).map(routeKey);
    // The parser really read the route tree (else the comparison below would be vacuous).
    expect(registered).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'HEAD /api/health',
        'PATCH /api/staff/:userId',
        'POST /api/staff/:userId/reset-password',
        'GET /api/ws',
      ]),
    );
    expect(catalogueGaps(t.app)).toEqual({ uncatalogued: [], stale: [] });
  });

  it('this suite has refusal cases for every non-public route, and names every public one', () => {
    const covered = new Set([...CASES.map((c) => c.route), 'GET /api/ws' /* the WebSocket tests below */]);
    const nonPublic = ROUTE_CATALOGUE.filter((r) => r.access !== 'public').map(routeKey);
    expect(nonPublic.filter((k) => !covered.has(k))).toEqual([]);
    expect(
      ROUTE_CATALOGUE.filter((r) => r.access === 'public')
        .map(routeKey)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
    for (const c of CASES) expect(catalogueEntry(c.route).access, c.route).not.toBe('public');
  });

  it('every non-public route refuses an anonymous caller with 401, whatever the path parameter', async () => {
    for (const r of ROUTE_CATALOGUE.filter((x) => x.access !== 'public')) {
      for (const param of [randomUUID(), 'not-a-uuid']) {
        const url = r.url.replace(/:(serviceId|userId)/, param);
        const res = await call(t, r.method, url, isMutating(r) ? {} : undefined, undefined, r.websocket ? wsUpgrade : {});
        expect({ route: routeKey(r), param, ...outcome(res) }).toEqual({
          route: routeKey(r),
          param,
          status: 401,
          code: 'auth.unauthenticated',
          hasMessage: true,
        });
      }
    }
  });

  it('public routes answer without a session; sign-in from a cross-site page is refused and creates no session', async () => {
    for (const url of ['/api/health', '/api/ready', '/api/openapi.json'])
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    const svc = await t.service();
    const user = await t.user([{ role: 'counsellor', serviceId: svc.id }]);
    const state = () =>
      Promise.all([
        t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute(),
        t.db.selectFrom('audit_log').selectAll().where('target_id', '=', user.id).execute(),
        t.db.selectFrom('staff_users').selectAll().where('id', '=', user.id).execute(),
      ]);
    const before = await state();
    for (const origin of ['https://evil.example', 'null']) {
      const res = await call(t, 'POST', '/api/auth/login', { login: user.login, password: user.password }, undefined, { origin });
      expect({ origin, ...outcome(res) }).toEqual({ origin, status: 403, code: 'auth.csrf_failed', hasMessage: true });
      expect(res.cookies).toEqual([]);
    }
    expect(await state()).toEqual(before);
    const ok = await call(t, 'POST', '/api/auth/login', { login: user.login, password: user.password }, undefined, { origin: SAME_ORIGIN });
    expect(ok.statusCode).toBe(204);
    expect(await state()).not.toEqual(before);
  });

  it('GET /api/services shows outsiders and analysts nothing of service A', async () => {
    const w = await makeWorld(t);
    for (const who of ['headB', 'counsellorB', 'analyst'] as const) {
      const res = await call(t, 'GET', '/api/services', undefined, w.people[who]);
      expect(res.statusCode).toBe(200);
      expect(ids(res), who).not.toContain(w.A);
    }
    const me = await call(t, 'GET', '/api/auth/me', undefined, w.people.headB);
    expect(me.json().services.map((s: { id: string }) => s.id)).toEqual([w.B]);
  });

  for (const c of CASES) {
    it(`${c.route} — ${c.title}`, async () => {
      const entry = catalogueEntry(c.route);
      const w = await makeWorld(t);
      const ok = c.allowed === 'pendingA' ? w.pendingA : w.people[c.allowed];
      const other = c.allowed === 'counsellorA' ? w.people.supervisorA : w.people.counsellorA;
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

      await c.prepare?.(t, w);
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
      if (isMutating(entry)) expect(after).not.toEqual(before);
      else expect(after).toEqual(before);
    });
  }

  describe('the WebSocket endpoint', () => {
    it('refuses the upgrade without a session, with an unknown session, from a cross-site page, and before the password change', async () => {
      const w = await makeWorld(t);
      const before = await snapshot(t, w);
      const attempts: Attempt[] = [
        { label: 'no session', status: 401, code: 'auth.unauthenticated' },
        { label: 'unknown session cookie', creds: { cookie: bogusCookie() }, status: 401, code: 'auth.unauthenticated' },
        {
          label: 'cross-site Origin',
          creds: w.people.admin,
          headers: { origin: 'https://evil.example' },
          status: 403,
          code: 'auth.csrf_failed',
        },
        {
          label: 'Sec-Fetch-Site: cross-site',
          creds: w.people.admin,
          headers: { 'sec-fetch-site': 'cross-site' },
          status: 403,
          code: 'auth.csrf_failed',
        },
        { label: 'must change password', creds: w.pendingA, status: 403, code: 'auth.password_change_required' },
      ];
      for (const a of attempts) {
        const res = await call(t, 'GET', '/api/ws', undefined, a.creds?.cookie ? { cookie: a.creds.cookie } : undefined, {
          ...wsUpgrade,
          ...a.headers,
        });
        expect({ caller: a.label, ...outcome(res) }).toEqual({ caller: a.label, status: a.status, code: a.code, hasMessage: true });
      }
      await expect(t.app.injectWS('/api/ws')).rejects.toThrow(/401/);
      await expect(t.app.injectWS('/api/ws', { headers: { cookie: w.pendingA.cookie } })).rejects.toThrow(/403/);
      await expect(
        t.app.injectWS('/api/ws', { headers: { cookie: w.people.admin.cookie, origin: 'https://evil.example' } }),
      ).rejects.toThrow(/403/);
      expect(await snapshot(t, w)).toEqual(before);

      // Positive control: the same upgrade with the admin's cookie opens a socket. (No Origin header:
      // injectWS's request has no socket, so Fastify cannot tell its protocol to compare origins.)
      const ws = await t.app.injectWS('/api/ws', { headers: { cookie: w.people.admin.cookie } });
      const c = listen(ws);
      ws.send(JSON.stringify({ type: 'ping' }));
      expect(await c.waitFor((m) => m.type === 'pong')).toEqual({ type: 'pong' });
      ws.terminate();
    });

    it('refuses subscriptions to another service, another user and the admin topic; an outsider hears nothing', async () => {
      const w = await makeWorld(t);
      const outsider = listen(await t.app.injectWS('/api/ws', { headers: { cookie: w.people.headB.cookie } }));
      const analyst = listen(await t.app.injectWS('/api/ws', { headers: { cookie: w.people.analyst.cookie } }));
      const insider = listen(await t.app.injectWS('/api/ws', { headers: { cookie: w.people.counsellorA.cookie } }));
      const admin = listen(await t.app.injectWS('/api/ws', { headers: { cookie: w.people.admin.cookie } }));

      const refused = async (c: Listener, topic: string) => {
        c.send({ type: 'subscribe', topic });
        const reply = await c.waitFor((m) => m.topic === topic);
        expect(reply, topic).toMatchObject({ type: 'error', code: 'auth.forbidden', topic });
        expect(typeof reply.message === 'string' && reply.message.length > 0).toBe(true);
      };
      await refused(outsider, `service:${w.A}`);
      await refused(outsider, `service:${w.A.toUpperCase()}`);
      await refused(outsider, `user:${w.people.headA.userId}`);
      await refused(outsider, 'admin');
      await refused(outsider, 'service:');
      await refused(analyst, `service:${w.A}`);
      await refused(insider, 'admin');
      await refused(insider, `service:${w.B}`);
      await refused(insider, `user:${w.people.targetA.userId}`);

      // Positive controls: members may follow their own service, and an admin the admin topic.
      insider.send({ type: 'subscribe', topic: `service:${w.A}` });
      expect(await insider.waitFor((m) => m.topic === `service:${w.A}`)).toEqual({ type: 'subscribed', topic: `service:${w.A}` });
      admin.send({ type: 'subscribe', topic: 'admin' });
      expect(await admin.waitFor((m) => m.topic === 'admin')).toEqual({ type: 'subscribed', topic: 'admin' });

      const res = await call(t, 'PATCH', `/api/services/${w.A}`, { version: 1, region: 'Новая' }, w.people.headA);
      expect(res.statusCode).toBe(200);
      expect(await insider.waitFor((m) => m.type === 'event')).toMatchObject({ topic: `service:${w.A}`, name: 'service.updated' });
      expect(await admin.waitFor((m) => m.type === 'event')).toMatchObject({ topic: 'admin', name: 'service.updated' });
      await new Promise((r) => setTimeout(r, 100));
      expect(outsider.messages.filter((m) => m.type === 'event')).toEqual([]);
      expect(analyst.messages.filter((m) => m.type === 'event')).toEqual([]);
      for (const c of [outsider, analyst, insider, admin]) {
        expect(c.closedWith()).toBeUndefined();
        c.ws.terminate();
      }
    });
  });
});

type Message = Record<string, unknown>;
interface Listener {
  ws: WebSocket;
  messages: Message[];
  send(m: unknown): void;
  waitFor(pred: (m: Message) => boolean): Promise<Message>;
  closedWith(): number | undefined;
}

function listen(ws: WebSocket): Listener {
  const messages: Message[] = [];
  let closed: number | undefined;
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Message));
  ws.on('close', (code: number) => (closed = code));
  return {
    ws,
    messages,
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    async waitFor(pred) {
      for (let i = 0; i < 300; i++) {
        const found = messages.find(pred);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`message not received; got ${JSON.stringify(messages)}`);
    },
    closedWith: () => closed,
  };
}
