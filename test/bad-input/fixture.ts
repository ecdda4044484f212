// The bad-input suite's app: a TestApp with an admin signed in, a service and a counsellor of it
// that the fuzzers may change at will, the service's head (who may use every routing route, which
// the admin may not) with a contact in hand, and the helpers that send one request as the route's
// caller or as an anonymous caller and hold the answer to the oracle. Ingress routes take the
// configured bearer token instead of a session, and the SIP edge's routes the phone line's token; the
// service has a phone number and a call waiting on it, and its directory is public (the HSDS API without a session).
import { randomBytes, randomUUID } from 'node:crypto';
import type fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createSession } from '../../src/domain/auth/sessions.js';
import { contactIdOfCall } from '../../src/domain/voice/callIds.js';
import type { RouteEntry } from '../helpers/routeCatalogue.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import type { DatabaseKind } from '../helpers/testDatabase.js';
import { VOICE_TOKEN, voiceConfig } from '../voice/voiceApi.js';
import { isCaseUrl, makeCaseFixture, type CaseFixture } from './caseGenerators.js';
import { isChatStaffUrl } from './chatGenerators.js';
import { baselines, bodyShapes, CURRENT } from './generators.js';
import { check, short, wellFormed, type Baseline, type Outcome } from './oracle.js';
import { isVoiceStaffUrl } from './voiceGenerators.js';

/** …and a case of the fixture's contact, its task, an agency of `svc` and a signal of the case (see caseGenerators.ts). */
export interface Fixture extends CaseFixture {
  admin: SignedIn;
  /** A service and a counsellor of it that the fuzzers may change at will. */
  svc: string;
  target: string;
  /** The head of `svc`: the caller of the routing routes. */
  head: SignedIn;
  /** A contact of `svc` the head is handling (an offline contact); fuzzed commands may end or transfer it. */
  contact: string;
  /** A well-formed UUID that names nothing. */
  missing: string;
  /** A chat of `svc` (waiting, with a caller key) and a canned response of `svc`; fuzzed staff routes may change them. */
  chat: string;
  canned: string;
  /** The phone number of `svc` (fuzzed PUTs may replace it), and a call to it waiting on the greeting: its SIP Call-ID and contact id. */
  number: string;
  callId: string;
  call: string;
  /** A directory entry of `svc` and a taxonomy term of `svc` that fuzzed PUTs may change. */
  entry: string;
  term: string;
  /** An HSDS organization of `svc` (its HSDS API route reads a query). */
  organization: string;
}

/** The bearer token of channel ingress in this suite's app. */
export const INGRESS_TOKEN = 'ingress-token-for-bad-input-tests-0123456789';

export interface Req {
  method: string;
  url: string;
  contentType?: string;
  body?: string | Buffer;
}
/** `admin`: the route's allowed caller (the admin; the head of `svc` on routing, record, chat and phone routes; the token on ingress and the edge's). */
export type Who = 'admin' | 'anonymous';

/** A session for the admin made directly in the database (sign-out fuzzing needs a fresh one per request). */
async function quickSession(t: TestApp, userId: string): Promise<{ cookie: string; csrf: string }> {
  const s = await t.db.transaction().execute((tx) => createSession(tx, t.config.secrets, t.config.session, userId, t.clock.now()));
  return { cookie: `doverie_session=${s.token}`, csrf: s.csrfToken };
}

export class BadInputApp {
  /** Each route's baseline request and outcome. */
  readonly base: Record<string, Baseline>;
  /** Per route with a body schema: bodies of about the right shape. */
  readonly shapes: Record<string, fc.Arbitrary<Record<string, unknown>>>;

  private constructor(
    readonly t: TestApp,
    readonly fx: Fixture,
  ) {
    this.base = baselines(fx);
    this.shapes = bodyShapes(fx);
  }

  static async start(kind: DatabaseKind): Promise<BadInputApp> {
    // The edge's JSON-RPC is never reached: no request ends a live call (port 9 on loopback: nothing listens).
    const t = await TestApp.start(kind, { ingressToken: INGRESS_TOKEN, voice: voiceConfig({ wsPort: 9 }) });
    const svc = await t.service();
    const admin = await t.as([{ role: 'admin' }]);
    const target = await t.user([{ role: 'counsellor', serviceId: svc.id }]);
    const head = await t.as([{ role: 'head', serviceId: svc.id }]);
    const offline = await t.request(head, 'POST', `/api/routing/services/${svc.id}/offline-contacts`, { commandId: randomUUID() });
    if (offline.statusCode !== 201) throw new Error(`offline contact: ${offline.statusCode} ${offline.body}`);
    const chat = randomUUID();
    const secret = () => randomBytes(32).toString('base64url');
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/chat/chats',
      payload: {
        chatId: chat,
        serviceId: svc.id,
        token: secret(),
        deviceToken: secret(),
        firstMessage: { clientId: 'fixture-1', text: 'привет' },
      },
    });
    if (started.statusCode !== 201) throw new Error(`chat: ${started.statusCode} ${started.body}`);
    // Its directory readable without a session, so the public HSDS routes answer (their baselines are 200).
    await t.db.insertInto('directory_settings').values({ tenant_id: svc.id, public: true, updated_at: t.clock.now() }).execute();
    const organization = randomUUID();
    await t.db
      .insertInto('directory_rows')
      .values({
        id: organization,
        kind: 'organization',
        tenant_id: svc.id,
        data: JSON.stringify({ id: organization, name: 'Организация фикстуры', description: 'Для проверок.' }),
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    const canned = await t.db
      .insertInto('canned_responses')
      .values({
        id: randomUUID(),
        service_id: svc.id,
        title: 'Привет',
        body: 'Здравствуй!',
        position: 0,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const number = '78001234567';
    const numbers = await t.request(admin, 'PUT', `/api/services/${svc.id}/voice-numbers`, { numbers: [number] });
    if (numbers.statusCode !== 200) throw new Error(`voice numbers: ${numbers.statusCode} ${numbers.body}`);
    const callId = `${randomUUID()}@trunk.example`;
    const routed = await t.app.inject({
      method: 'POST',
      url: '/api/voice/route',
      headers: { authorization: `Bearer ${VOICE_TOKEN}` },
      payload: { callId, caller: '', to: number, attempt: 1 },
    });
    if (routed.statusCode !== 200 || routed.json().action !== 'queue') throw new Error(`call: ${routed.statusCode} ${routed.body}`);
    const entry = await t.request(admin, 'POST', `/api/services/${svc.id}/directory/entries`, { name: 'Запись для фаззинга' });
    if (entry.statusCode !== 201) throw new Error(`directory entry: ${entry.statusCode} ${entry.body}`);
    const term = await t.request(admin, 'POST', `/api/services/${svc.id}/directory/terms`, {
      name: 'Рубрика для фаззинга',
      parentId: null,
    });
    if (term.statusCode !== 201) throw new Error(`directory term: ${term.statusCode} ${term.body}`);
    const contact = (offline.json() as { contact: { id: string } }).contact.id;
    const cases = await makeCaseFixture(t, head, svc.id, contact);
    return new BadInputApp(t, {
      admin,
      svc: svc.id,
      target: target.id,
      head,
      contact,
      missing: randomUUID(),
      chat,
      canned: canned.id,
      number,
      callId,
      call: contactIdOfCall(t.config.secrets.hmacPepper, callId),
      organization,
      entry: (entry.json() as { id: string }).id,
      term: (term.json() as { id: string }).id,
      ...cases,
    });
  }

  close(): Promise<void> {
    return this.t.close();
  }

  async send(r: RouteEntry, who: Who, req: Req): Promise<{ res: LightMyRequestResponse; ctx: string }> {
    // Fuzzed PATCHes of the service may have switched `svc` off (a valid change), which closes its
    // public directory; the public routes' baselines need it open, whatever order the tests ran in.
    if (r.url.startsWith('/api/hsds/public/'))
      await this.t.db.updateTable('services').set({ active: true }).where('id', '=', this.fx.svc).execute();
    const headers: Record<string, string> = {};
    if (req.contentType !== undefined) headers['content-type'] = req.contentType;
    if (who === 'admin' && r.access === 'ingress') headers.authorization = `Bearer ${INGRESS_TOKEN}`;
    else if (who === 'admin' && r.access === 'edge') headers.authorization = `Bearer ${VOICE_TOKEN}`;
    else if (who === 'admin') {
      // The numbers are set by the admin alone. (They are read as the head: the admin gets 200 and no
      // numbers for a service that does not exist, not 404 — reported.)
      const voiceByHead = isVoiceStaffUrl(r.url) && r.method !== 'PUT';
      const s =
        r.url === '/api/auth/logout'
          ? await quickSession(this.t, this.fx.admin.userId)
          : r.url.startsWith('/api/routing/') ||
              r.url.startsWith('/api/records') ||
              isChatStaffUrl(r.url) ||
              isCaseUrl(r.url) ||
              voiceByHead
            ? this.fx.head
            : this.fx.admin;
      headers.cookie = s.cookie;
      headers['x-csrf-token'] = s.csrf;
      // Wrong current passwords are throttled (test/auth.test.ts covers that); here every request must reach input handling.
      if (r.url === '/api/auth/password')
        await this.t.db.deleteFrom('login_attempts').where('login_key', '=', this.fx.admin.login).execute();
    }
    const res = await this.t.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers,
      ...(req.body !== undefined ? { payload: req.body } : {}),
    });
    return {
      res,
      ctx: `${who} ${req.method} ${short(req.url, 120)} content-type=${short(req.contentType ?? '-')} body=${short(req.body ?? '-')}`,
    };
  }

  /** Sends as both callers; the anonymous one is refused before anything is read (or gets the public route's answer). */
  async both(r: RouteEntry, req: Req, admin: (o: Outcome, ctx: string) => void, anonymous?: (o: Outcome, ctx: string) => void) {
    const a = await this.send(r, 'admin', req);
    admin(wellFormed(a.res, a.ctx), a.ctx);
    const n = await this.send(r, 'anonymous', req);
    const o = wellFormed(n.res, n.ctx);
    if (r.access !== 'public')
      check(o.status === 401 && o.code === 'auth.unauthenticated', 'an anonymous caller must get 401 auth.unauthenticated', o, n.ctx);
    else anonymous?.(o, n.ctx);
  }

  /**
   * A fingerprint of everything routing has written (log, contacts, presence, command results, care
   * plans) and the phone line (numbers, calls and their facts, events taken).
   */
  async routingMark(): Promise<unknown> {
    const { rows } = await sql`
      select (select count(*) from routing_events)::int as events, (select coalesce(max(seq), 0) from routing_events)::int as seq,
        (select count(*) from routing_contacts)::int as contacts, (select count(*) from routing_presence)::int as presence,
        (select count(*) from routing_commands)::int as commands, (select count(*) from care_plans)::int as care_plans,
        (select string_agg(number || '>' || service_id, ',' order by number) from voice_numbers) as voice_numbers,
        (select count(*) from voice_events)::int as voice_events,
        (select string_agg(md5(row(c.*)::text), ',' order by contact_id) from voice_calls c) as voice_calls`.execute(this.t.db);
    return rows[0];
  }

  /** The current version of the fixture's case, signal or agency the route changes (undefined for other routes). */
  private async caseVersion(r: RouteEntry): Promise<number | undefined> {
    const db = this.t.db;
    if (r.params?.includes('agencyId'))
      return (await db.selectFrom('signal_agencies').select('version').where('id', '=', this.fx.agencyId).executeTakeFirst())?.version ?? 1;
    if (r.params?.[0] === 'signalId')
      return (await db.selectFrom('signals').select('version').where('id', '=', this.fx.signalId).executeTakeFirst())?.version ?? 1;
    if (r.params?.[0] === 'caseId')
      return (await db.selectFrom('cases').select('version').where('id', '=', this.fx.caseId).executeTakeFirst())?.version ?? 1;
    return undefined;
  }

  /** The body with the `CURRENT` placeholder replaced by the target's current version. */
  async withVersion(r: RouteEntry, body: unknown): Promise<unknown> {
    if (typeof body !== 'object' || body === null || (body as Record<string, unknown>).version !== CURRENT) return body;
    if (r.params?.[0] === 'recordId') {
      const rec = await this.t.db.selectFrom('contact_records').select('version').where('id', '=', this.fx.contact).executeTakeFirst();
      return { ...(body as Record<string, unknown>), version: rec?.version ?? 1 };
    }
    const caseVersion = await this.caseVersion(r);
    if (caseVersion !== undefined) return { ...(body as Record<string, unknown>), version: caseVersion };
    if (r.params?.[0] === 'cannedId') {
      const row = await this.t.db.selectFrom('canned_responses').select('version').where('id', '=', this.fx.canned).executeTakeFirst();
      return { ...(body as Record<string, unknown>), version: row?.version ?? 1 };
    }
    const row =
      r.params?.[0] === 'serviceId'
        ? await this.t.db.selectFrom('services').select('version').where('id', '=', this.fx.svc).executeTakeFirstOrThrow()
        : await this.t.db.selectFrom('staff_users').select('version').where('id', '=', this.fx.target).executeTakeFirstOrThrow();
    return { ...(body as Record<string, unknown>), version: row.version };
  }
}
