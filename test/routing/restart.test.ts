// Issue 4, "Durability and restart": the built server is killed outright (SIGKILL) while channels
// hand in contacts and counsellors accept, end and complete them; it is started again on the same
// data and the load goes on. Nothing acknowledged may be lost, no contact assigned twice, and the
// engine rebuilt from the log must agree with the log, the projections and what clients were told.
// Runs on both databases: PostgreSQL (DATABASE_URL) and the embedded PGlite (DOVERIE_DATA_DIR),
// whose commits are written through to its data directory, so a killed process loses none of them.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING_SETTINGS } from '../../src/domain/routing/settings.js';
import { applyEvent, RoutingState } from '../../src/domain/routing/state.js';
import { isText, type RoutingEvent } from '../../src/domain/routing/types.js';
import type { ContactView } from '../../src/domain/routing/live/views.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { call, Load, makeStack, seedStaff, signIn, sleep, type Arrival, type Session, type Workstation } from './restartLoad.js';

const TERMINAL: Record<string, string> = {
  'contact.completed': 'completed',
  'contact.abandoned': 'abandoned',
  'contact.expired': 'expired',
  'contact.transferred': 'transferred',
};
const OPEN = ['queued', 'offered', 'active', 'wrapup'];
const CHAT_CAPACITY = DEFAULT_ROUTING_SETTINGS.chatCapacity;

interface Board {
  queue: { waiting: number; contacts: ContactView[] };
  handling: ContactView[];
  counsellors: {
    staffId: string;
    presence: string;
    shown: string;
    contacts: ContactView[];
    offers: { id: string; contact: ContactView }[];
  }[];
}

/** The board without what moves with the clock (waiting times). */
const normal = (b: Board) => ({
  queue: b.queue.contacts.map((c) => `${c.id} ${c.state} ${c.offeredTo}`).sort(),
  handling: b.handling.map((c) => `${c.id} ${c.state} ${c.staffId}`).sort(),
  counsellors: b.counsellors.map((c) => ({
    id: c.staffId,
    presence: c.presence,
    shown: c.shown,
    contacts: c.contacts.map((x) => `${x.id} ${x.state}`).sort(),
    offers: c.offers.map((o) => `${o.id} ${o.contact.id}`).sort(),
  })),
});

describe.each(DATABASES)('routing killed under load (%s)', (kind) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('loses no acknowledged contact, assigns none twice, and rebuilds what the log says', { timeout: 90_000 }, async () => {
    const t0 = Date.now();
    const stack = await makeStack(kind);
    cleanups.push(() => stack.remove());
    const staff = await seedStaff(stack, 6);
    const servers: ServerProcess[] = [];
    cleanups.push(() => Promise.all(servers.map((s) => s.stop())));
    const start = async () => {
      const s = await startServerProcess(stack.env);
      servers.push(s);
      return s;
    };
    const kill = async (s: ServerProcess) => {
      s.child.kill('SIGKILL');
      expect(await s.stop()).toBe(null);
    };

    let server = await start();
    const sessions = await Promise.all(staff.counsellors.map((c) => signIn(server.url, c)));
    const supervisor = await signIn(server.url, staff.supervisor);
    for (const s of sessions) {
      const body = { commandId: randomUUID(), serviceId: staff.serviceId, presence: 'available' };
      expect((await call(server.url, s, 'PUT', '/api/routing/workstation/presence', body)).status).toBe(200);
    }

    // Load, then the kill with a burst of arrivals in flight (some committed, never answered).
    const load = new Load(server.url, staff.serviceId, sessions);
    cleanups.push(() => load.stop());
    load.start();
    await sleep(2_500);
    for (let i = 0; i < 20; i++) {
      void load.arrive(load.newArrival());
      await sleep(1);
    }
    await kill(server);
    load.down = true;
    const killedAt = Date.now();
    const tKill = killedAt - t0;

    server = await start();
    load.base = server.url;
    load.gen = 2;
    load.down = false;
    const tRestarted = Date.now() - t0;
    await sleep(1_500);
    await load.stopArrivals();
    const { ledger } = load;

    // Channels re-send what failed, with the same contact id (twice); and some acknowledged
    // arrivals again, among them contacts that were closed before the kill.
    const resend = (a: Arrival) =>
      call<{ contact: ContactView | null; state?: string }>(server.url, 'ingress', 'POST', '/api/routing/ingress/contacts', a);
    const failed = [...ledger.failedArrivals];
    for (const r of await Promise.all([...failed, ...failed].map(resend))) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const sentBeforeKill = new Map(ledger.arrivals.filter((x) => x.gen === 1).map((x) => [x.arrival.contactId, x.arrival]));
    const closedBeforeKill = ledger.completes.filter((c) => c.gen === 1 && sentBeforeKill.has(c.contactId)).slice(0, 5);
    const resent: { arrival: Arrival; closed: boolean }[] = [
      ...closedBeforeKill.map((c) => ({ arrival: sentBeforeKill.get(c.contactId)!, closed: true })),
      ...[...sentBeforeKill.values()].slice(-5).map((arrival) => ({ arrival, closed: false })),
    ];
    const answers = await Promise.all(resent.map(({ arrival }) => resend(arrival)));
    for (const [i, { arrival, closed }] of resent.entries()) {
      const r = answers[i]!;
      expect(r.status).toBe(201);
      if (closed)
        expect(r.body, `re-sent arrival of ${arrival.contactId}, completed before the kill`).toEqual({ contact: null, state: 'completed' });
      else if (r.body.contact) expect(r.body.contact.id).toBe(arrival.contactId);
    }

    // Drain: counsellors take every waiting contact; they end contacts only while others wait.
    const board = async () => (await call<Board>(server.url, supervisor, 'GET', `/api/routing/services/${staff.serviceId}/board`)).body;
    const drainUntil = Date.now() + 20_000;
    for (let quiet = 0; quiet < 3;) {
      const b = await board();
      load.queueWaiting = b.queue.waiting;
      const settling =
        b.queue.waiting > 0 ||
        b.counsellors.some((c) => c.offers.length > 0 || c.presence !== 'available' || c.contacts.some((x) => x.state === 'wrapup'));
      quiet = settling ? 0 : quiet + 1;
      expect(Date.now(), 'the load did not drain').toBeLessThan(drainUntil);
      await sleep(100);
    }
    await load.stop();
    const tDrained = Date.now() - t0;

    // The settled state survives a second kill exactly: the rebuilt engine is the one that was killed.
    const workstations = async (): Promise<Workstation[]> =>
      Promise.all(sessions.map(async (s: Session) => (await call<Workstation>(server.url, s, 'GET', '/api/routing/workstation')).body));
    const before = await board();
    const wsBefore = await workstations();
    await kill(server);
    server = await start();
    const after = await board();
    const wsAfter = await workstations();
    expect(normal(after)).toEqual(normal(before));
    expect(wsAfter.map((w) => w.contacts.map((c) => `${c.id} ${c.state}`))).toEqual(
      wsBefore.map((w) => w.contacts.map((c) => `${c.id} ${c.state}`)),
    );
    expect(await server.stop()).toBe(0);

    // The log and the projections, read directly.
    const handle = await stack.open();
    cleanups.push(() => handle.close());
    const rows = await handle.db.selectFrom('routing_contacts').selectAll().execute();
    const events = await handle.db
      .selectFrom('routing_events')
      .select(['seq', 'at', 'type', 'contact_id', 'data'])
      .orderBy('seq')
      .execute();
    const byContact = new Map<string, typeof events>();
    for (const e of events) if (e.contact_id) byContact.set(e.contact_id, [...(byContact.get(e.contact_id) ?? []), e]);

    // Nothing lost, nothing unknown, nothing twice: every contact id any channel sent is in the
    // projection and the log exactly once, whether acknowledged at once or only on the re-send.
    const sent = new Set([...ledger.arrivals.map((x) => x.arrival.contactId), ...failed.map((a) => a.contactId)]);
    expect(new Set(rows.map((r) => r.id))).toEqual(sent);
    expect(new Set(byContact.keys())).toEqual(sent);
    expect(rows.length).toBe(sent.size);

    // The whole log replays through the engine's own `applyEvent`; after every event no counsellor
    // holds more than capacity, and the replayed end state is what routing_contacts says.
    const state = new RoutingState();
    for (const e of events) {
      applyEvent(state, e.data as unknown as RoutingEvent, e.at.getTime());
      for (const c of state.counsellors.values()) {
        expect(state.loadOf(c, 'voice'), `voice load of ${c.staffId} after event ${e.seq}`).toBeLessThanOrEqual(1);
        expect(state.loadOf(c, 'chat'), `text load of ${c.staffId} after event ${e.seq}`).toBeLessThanOrEqual(CHAT_CAPACITY);
      }
    }
    for (const row of rows) {
      const log = byContact.get(row.id)!;
      const types = log.map((e) => e.type);
      expect(types[0], `first event of ${row.id}`).toBe('contact.arrived');
      expect(
        types.filter((t) => t === 'contact.arrived'),
        `arrivals of ${row.id}: ${types.join(', ')}`,
      ).toHaveLength(1);
      expect(types.filter((t) => t === 'contact.accepted').length, `accepts of ${row.id}`).toBeLessThanOrEqual(1);
      const terminal = types.filter((t) => t in TERMINAL);
      expect(terminal.length, `terminal events of ${row.id}: ${types.join(', ')}`).toBeLessThanOrEqual(1);
      const replayed = state.contacts.get(row.id) ?? state.closedContacts.get(row.id)!;
      expect(replayed.state, `replayed state of ${row.id}`).toBe(row.state);
      expect(replayed.staffId, `replayed counsellor of ${row.id}`).toBe(row.staff_id);
      if (terminal.length === 1) {
        expect(types.at(-1), `nothing after the terminal event of ${row.id}: ${types.join(', ')}`).toBe(terminal[0]);
        expect(row.state).toBe(TERMINAL[terminal[0]!]);
      } else {
        expect(OPEN).toContain(row.state);
      }
    }

    // Every acknowledged answer is in the log; no contact was accepted by two counsellors.
    const has = (contactId: string, type: string, match: (d: Record<string, unknown>) => boolean = () => true) =>
      (byContact.get(contactId) ?? []).some((e) => e.type === type && match(e.data as Record<string, unknown>));
    for (const a of ledger.accepts)
      expect(
        has(a.contactId, 'contact.accepted', (d) => d.staffId === a.staffId),
        `accept ${a.offerId}`,
      ).toBe(true);
    for (const a of ledger.ends)
      expect(
        has(a.contactId, 'contact.ended', (d) => d.by === a.staffId),
        `end of ${a.contactId}`,
      ).toBe(true);
    for (const a of ledger.completes) expect(has(a.contactId, 'contact.completed'), `completion of ${a.contactId}`).toBe(true);
    const acceptedBy = new Map<string, Set<string>>();
    for (const a of ledger.accepts) acceptedBy.set(a.contactId, (acceptedBy.get(a.contactId) ?? new Set()).add(a.staffId));
    for (const [id, who] of acceptedBy) expect(who.size, `contact ${id} accepted by ${[...who].join(', ')}`).toBe(1);

    // The rebuilt engine shows exactly the open contacts of the projection, each where it is.
    const open = rows.filter((r) => OPEN.includes(r.state));
    const shown = [...after.queue.contacts, ...after.handling];
    expect(shown.map((c) => `${c.id} ${c.state} ${c.staffId}`).sort()).toEqual(open.map((r) => `${r.id} ${r.state} ${r.staff_id}`).sort());
    sessions.forEach((s, i) => {
      const mine = open.filter((r) => r.staff_id === s.id).map((r) => `${r.id} ${r.state}`);
      expect(wsAfter[i]!.contacts.map((c) => `${c.id} ${c.state}`).sort()).toEqual(mine.sort());
    });
    for (const c of after.counsellors) {
      const held = [...c.contacts, ...c.offers.map((o) => o.contact)];
      expect(held.filter((x) => !isText(x.channel)).length).toBeLessThanOrEqual(1);
      expect(held.filter((x) => isText(x.channel)).length).toBeLessThanOrEqual(CHAT_CAPACITY);
    }

    // The kill happened under load: work was acknowledged on both sides of it.
    const gen1 = ledger.arrivals.filter((x) => x.gen === 1).length;
    expect(gen1).toBeGreaterThan(20);
    expect(ledger.arrivals.length - gen1).toBeGreaterThan(10);
    expect(ledger.accepts.filter((x) => x.gen === 1).length).toBeGreaterThan(5);
    expect(ledger.accepts.filter((x) => x.gen === 2).length).toBeGreaterThan(5);
    const committedUnanswered = failed.filter((a) => (byContact.get(a.contactId)?.[0]?.at.getTime() ?? Infinity) < killedAt).length;
    console.log(
      `[restart ${kind}] ${JSON.stringify({
        contacts: rows.length,
        events: events.length,
        ackedArrivals: { beforeKill: gen1, afterRestart: ledger.arrivals.length - gen1 },
        failedArrivals: failed.length,
        committedButUnanswered: committedUnanswered,
        accepts: ledger.accepts.length,
        ends: ledger.ends.length,
        completes: ledger.completes.length,
        callerLeft: ledger.callerLeft.length,
        declines: ledger.declines,
        refused: ledger.refused,
        networkErrors: ledger.networkErrors,
        openAtEnd: open.length,
        ms: { kill: tKill, restarted: tRestarted, drained: tDrained, total: Date.now() - t0 },
      })}`,
    );
  });
});
