// The little world each unauthorised-access case runs in: two services A and B, staff in various
// roles (and one who must still change their password), a signed-out session; a snapshot of every
// row a refused call could change; and the helpers that call the app as a given caller.
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { RoleName } from '../../src/db/schema.js';
import type { ErrorCode } from '../../src/errors.js';
import type { SignedIn, TestApp } from '../helpers/testApp.js';

export type Grant = { role: RoleName; serviceId?: string | null };

/** The staff of one test's little world: two services A and B and people in various roles. */
export const CAST = {
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
export type Who = keyof typeof CAST;

export interface World {
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

export async function makeWorld(t: TestApp): Promise<World> {
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

/** Everything a refused call could have changed: the world's services, accounts, grants, sessions, audit and routing rows. */
export async function snapshot(t: TestApp, w: World, watch?: (t: TestApp, w: World) => Promise<unknown>) {
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
    // Routing: the log, the contacts' projection, presence and care plans of either service.
    routingEvents: await t.db.selectFrom('routing_events').selectAll().where('service_id', 'in', [w.A, w.B]).orderBy('seq').execute(),
    routingContacts: await t.db
      .selectFrom('routing_contacts')
      .selectAll()
      .where((eb) => eb.or([eb('service_id', 'in', [w.A, w.B]), eb('answered_by_service_id', 'in', [w.A, w.B])]))
      .orderBy('id')
      .execute(),
    routingPresence: await t.db
      .selectFrom('routing_presence')
      .selectAll()
      .where((eb) => eb.or([eb('staff_id', 'in', ids), eb('service_id', 'in', [w.A, w.B])]))
      .orderBy('staff_id')
      .execute(),
    carePlans: await t.db.selectFrom('care_plans').selectAll().where('service_id', 'in', [w.A, w.B]).orderBy('id').execute(),
    watched: watch ? await watch(t, w) : null,
  };
}

export interface Creds {
  cookie?: string;
  csrf?: string;
}

export function call(t: TestApp, method: string, url: string, payload: unknown, creds?: Creds, headers: Record<string, string> = {}) {
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
export function outcome(res: LightMyRequestResponse): { status: number; code?: string; hasMessage?: boolean } {
  if (res.body === '') return { status: res.statusCode };
  const body = res.json() as { code?: unknown; message?: unknown };
  return { status: res.statusCode, code: body.code as string, hasMessage: typeof body.message === 'string' && body.message.length > 0 };
}

export const bogusCookie = () => `doverie_session=${randomBytes(32).toString('base64url')}`;
export const tamper = (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
/** The Origin of the app as inject() presents it (Host: localhost:80). */
export const SAME_ORIGIN = 'http://localhost:80';

export const ids = (res: LightMyRequestResponse) => (res.json() as { items: { id: string }[] }).items.map((i) => i.id);

export interface Attempt {
  label: string;
  method?: 'HEAD';
  creds?: Creds;
  headers?: Record<string, string>;
  status: number;
  code?: ErrorCode;
}

export const wsUpgrade = {
  connection: 'upgrade',
  upgrade: 'websocket',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
};
