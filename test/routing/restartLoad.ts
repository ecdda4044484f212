// Helpers of the routing restart test (restart.test.ts): a database of either kind for a server
// child process, staff seeded straight into it, and a load driver that talks to the server over
// HTTP the way channels and counsellors' workstations do, recording every acknowledged answer.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { hashPassword } from '../../src/domain/auth/passwords.js';
import type { ContactView } from '../../src/domain/routing/live/views.js';
import type { DatabaseKind } from '../helpers/testDatabase.js';

export const INGRESS_TOKEN = `restart-${randomBytes(16).toString('hex')}`;
const PASSWORD = 'restart-Test-password-42';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** Where the server keeps its data, the env that points it there, and a way for the test to open it. */
export interface Stack {
  env: Record<string, string>;
  /** PGlite is single-process: open only while no server runs on it. */
  open(): Promise<DatabaseHandle>;
  remove(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

export async function makeStack(kind: DatabaseKind): Promise<Stack> {
  const secret = () => randomBytes(32).toString('base64');
  const env: Record<string, string> = {
    DOVERIE_SESSION_SECRET: secret(),
    DOVERIE_HMAC_PEPPER: secret(),
    DOVERIE_ENCRYPTION_KEY: secret(),
    DOVERIE_INGRESS_TOKEN: INGRESS_TOKEN,
    DOVERIE_DEMO: 'false',
    DOVERIE_SERVE_WEB: 'false',
  };
  if (kind === 'postgres') {
    const name = `doverie_restart_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name} template ${inject('pgTemplateName')}`);
    const url = inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`);
    return {
      env: { ...env, DATABASE_URL: url, DATABASE_POOL_MAX: '10' },
      open: () => openDatabase({ kind: 'postgres', url, poolMax: 2 }),
      remove: () => adminQuery(`drop database if exists ${name} with (force)`),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'doverie-restart-'));
  return {
    env: { ...env, DOVERIE_DATA_DIR: dir },
    open: () => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') }),
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Staff {
  serviceId: string;
  counsellors: { id: string; login: string }[];
  supervisor: { id: string; login: string };
}

/** One service, `n` counsellors and a supervisor, written straight into the database. */
export async function seedStaff(stack: Stack, n: number): Promise<Staff> {
  const handle = await stack.open();
  try {
    const db = handle.db;
    await migrateToLatest(db);
    const name = `Служба ${randomUUID().slice(0, 8)}`;
    const service = await db
      .insertInto('services')
      .values({ name, name_key: name.toLowerCase(), region: 'Тверская область', time_zone: 'Europe/Moscow', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hash = await hashPassword(PASSWORD);
    const user = async (role: 'counsellor' | 'supervisor') => {
      const login = `${role}${randomBytes(4).toString('hex')}`;
      const row = await db
        .insertInto('staff_users')
        .values({ login, pseudonym: login, full_name: 'Тестов Тест', password_hash: hash, must_change_password: false })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('role_grants').values({ user_id: row.id, service_id: service.id, role }).execute();
      return { id: row.id, login };
    };
    const counsellors = [];
    for (let i = 0; i < n; i++) counsellors.push(await user('counsellor'));
    return { serviceId: service.id, counsellors, supervisor: await user('supervisor') };
  } finally {
    await handle.close();
  }
}

export interface Session {
  id: string;
  cookie: string;
  csrf: string;
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** One HTTP call; throws on network failure (the server was killed) or after 5 s. */
export async function call<T = Record<string, unknown>>(
  base: string,
  who: Session | 'ingress' | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (who === 'ingress') headers.authorization = `Bearer ${INGRESS_TOKEN}`;
  else if (who) Object.assign(headers, { cookie: who.cookie, 'x-csrf-token': who.csrf });
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

export async function signIn(base: string, user: { id: string; login: string }): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user.login, password: PASSWORD }),
  });
  if (res.status !== 204) throw new Error(`login of ${user.login} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const me = await call<{ csrfToken: string }>(base, { id: user.id, cookie, csrf: '' }, 'GET', '/api/auth/me');
  return { id: user.id, cookie, csrf: me.body.csrfToken };
}

export interface Workstation {
  presence: string;
  contacts: ContactView[];
  offers: { id: string; contact: ContactView }[];
}

export interface Arrival {
  contactId: string;
  serviceId: string;
  channel: 'chat' | 'voice' | 'messenger';
  risk: string;
}

/** What the clients saw acknowledged, each with the generation of the server that answered. */
export interface Ledger {
  arrivals: { arrival: Arrival; gen: number; body: { contact: ContactView | null; state?: string } }[];
  failedArrivals: Arrival[];
  accepts: { contactId: string; staffId: string; offerId: string; gen: number }[];
  ends: { contactId: string; staffId: string; gen: number }[];
  completes: { contactId: string; staffId: string; gen: number }[];
  callerLeft: { contactId: string; gen: number }[];
  declines: number;
  refused: number;
  networkErrors: number;
}

/**
 * Channel arrivals and counsellors working their workstations, concurrently. `gen` counts server
 * starts; `down` pauses clients while no server runs; in `drain` no new contacts arrive, offers are
 * accepted and contacts ended only while others wait, so the load settles with some still in hand.
 */
export class Load {
  gen = 1;
  down = false;
  phase: 'load' | 'drain' | 'stop' = 'load';
  queueWaiting = 1;
  readonly ledger: Ledger = {
    arrivals: [],
    failedArrivals: [],
    accepts: [],
    ends: [],
    completes: [],
    callerLeft: [],
    declines: 0,
    refused: 0,
    networkErrors: 0,
  };
  private readonly loops: Promise<void>[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    public base: string,
    private readonly serviceId: string,
    private readonly counsellors: Session[],
  ) {}

  newArrival(): Arrival {
    const channel = pick(['chat', 'chat', 'chat', 'messenger', 'voice'] as const);
    return { contactId: randomUUID(), serviceId: this.serviceId, channel, risk: pick(['unknown', 'low', 'moderate', 'high', 'imminent']) };
  }

  /** Sends one arrival; acknowledged ones go to the ledger, failed ones to be re-sent. */
  arrive(arrival: Arrival): Promise<void> {
    const gen = this.gen;
    const p = call<Ledger['arrivals'][number]['body']>(this.base, 'ingress', 'POST', '/api/routing/ingress/contacts', arrival).then(
      (r) => {
        if (r.status === 201) this.ledger.arrivals.push({ arrival, gen, body: r.body });
        else this.ledger.failedArrivals.push(arrival);
      },
      () => {
        this.ledger.networkErrors++;
        this.ledger.failedArrivals.push(arrival);
      },
    );
    this.track(p);
    return p;
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  start(): void {
    this.loops.push(this.arrivals());
    for (const c of this.counsellors) this.loops.push(this.work(c));
  }

  private async arrivals(): Promise<void> {
    while (this.phase === 'load') {
      if (!this.down) {
        const a = this.newArrival();
        void this.arrive(a);
        if (Math.random() < 0.08) setTimeout(() => void this.callerLeaves(a.contactId), 200 + Math.random() * 800);
      }
      await sleep(40);
    }
  }

  private async callerLeaves(contactId: string): Promise<void> {
    if (this.down || this.phase !== 'load') return;
    const gen = this.gen;
    const p = call(this.base, 'ingress', 'POST', `/api/routing/ingress/contacts/${contactId}/caller-left`).then(
      (r) => void (r.status === 200 && this.ledger.callerLeft.push({ contactId, gen })),
      () => void this.ledger.networkErrors++,
    );
    this.track(p);
    await p;
  }

  private async work(me: Session): Promise<void> {
    while (this.phase !== 'stop') {
      try {
        if (!this.down) await this.step(me);
      } catch {
        this.ledger.networkErrors++;
      }
      await sleep(30 + Math.random() * 30);
    }
  }

  /** One look at the workstation and what a counsellor does about it. */
  private async step(me: Session): Promise<void> {
    const cmd = () => ({ commandId: randomUUID() });
    const ws = (await call<Workstation>(this.base, me, 'GET', '/api/routing/workstation')).body;
    if (ws.presence !== 'available') {
      await call(this.base, me, 'PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId: this.serviceId, presence: 'available' });
      return;
    }
    for (const offer of ws.offers) {
      const answer = this.phase === 'load' && Math.random() < 0.05 ? 'decline' : 'accept';
      const gen = this.gen;
      const r = await call(this.base, me, 'POST', `/api/routing/offers/${offer.id}/${answer}`, cmd());
      if (r.status !== 200) this.ledger.refused++;
      else if (answer === 'decline') this.ledger.declines++;
      else this.ledger.accepts.push({ contactId: offer.contact.id, staffId: me.id, offerId: offer.id, gen });
    }
    for (const c of ws.contacts) {
      const gen = this.gen;
      const record = { contactId: c.id, staffId: me.id, gen };
      if (c.state === 'wrapup') {
        const r = await call(this.base, me, 'POST', `/api/routing/contacts/${c.id}/complete`, cmd());
        if (r.status === 200) this.ledger.completes.push(record);
        else this.ledger.refused++;
      } else if (c.state === 'active' && (this.phase === 'load' ? Math.random() < 0.3 : this.queueWaiting > 0)) {
        const r = await call(this.base, me, 'POST', `/api/routing/contacts/${c.id}/end`, cmd());
        if (r.status === 200) this.ledger.ends.push(record);
        else this.ledger.refused++;
      }
    }
  }

  /** Stops arrivals and waits for the requests already sent. */
  async stopArrivals(): Promise<void> {
    if (this.phase === 'load') this.phase = 'drain';
    await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.phase = 'stop';
    await Promise.allSettled(this.loops);
    await Promise.allSettled([...this.inFlight]);
  }
}
