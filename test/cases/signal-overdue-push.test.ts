// The push when a signal becomes overdue, with the injected clock: the job's pass tells the service's
// board (its supervisors and head, on their sockets) once per signal and kind of lateness, with ids
// and kinds only; never another service's board; not again after a restart; and not at all for a
// signal handled before a pass found it late.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../src/db/unitOfWork.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { connectWs } from '../helpers/wsClient.js';
import { ok } from '../routing/routingApi.js';
import { agency, caseOfTeam, sentSignal, signalAction, type SignalSummary } from './caseApi.js';

describe.each(DATABASES)('overdue signals pushed to the board on %s', (kind) => {
  let t: TestApp;
  const events: RealtimeEvent[] = [];
  beforeAll(async () => {
    t = await TestApp.start(kind);
    await ownPasses();
    t.hub.listen((e) => {
      if (e.name === 'signal.overdue') events.push(e);
    });
  });
  afterAll(() => t.close());
  /** The test runs the job's passes itself (its clock jumps days in a moment): the minute timer is stopped. */
  const ownPasses = () => t.app.overdueSignals.stop();

  /** Moves the clock to an instant; sessions from before a jump of days have expired, so everyone signs in again. */
  async function at<T extends Record<string, SignedIn>>(iso: string, people: T): Promise<T> {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
    const out: Record<string, SignedIn> = {};
    for (const [k, v] of Object.entries(people)) out[k] = await t.signIn({ id: v.userId, login: v.login, password: v.password });
    return out as T;
  }
  const acknowledge = (who: SignedIn, s: SignalSummary) =>
    ok<SignalSummary>(
      t.request(who, 'POST', `/api/signals/${s.id}/addressees/${s.addressees[0]!.id}/acknowledge`, {
        incomingNumber: 'вх-1',
        incomingDate: '2027-03-15',
      }),
    );
  /** The supervisors' sockets on their own boards. */
  async function boards(a: SignedIn, b: SignedIn, serviceA: string, serviceB: string) {
    const [wa, wb] = [await connectWs(t, a), await connectWs(t, b)];
    expect(await wa.subscribe(`board:${serviceA}`)).toMatchObject({ type: 'subscribed' });
    expect(await wb.subscribe(`board:${serviceB}`)).toMatchObject({ type: 'subscribed' });
    return [wa, wb] as const;
  }

  it("a signal past its acknowledgement deadline is pushed once to its service's supervisor, not to another service, not again after a restart", async () => {
    await at('2027-03-12T12:00:00Z', {}); // Friday: acknowledgements are due by the end of Monday (21:00 UTC)
    const [a, b] = [await caseOfTeam(t), await caseOfTeam(t)];
    const late = await sentSignal(t, a, [await agency(t, a.supervisor, a.serviceId)]);
    const handledLate = await sentSignal(t, a, [await agency(t, a.supervisor, a.serviceId, 'police')]);
    const other = await sentSignal(t, b, [await agency(t, b.supervisor, b.serviceId)]);
    // B's agency answers in time and its outcome comes: nothing of B's is ever late.
    const p = await at('2027-03-15T09:00:00Z', { counsellorB: b.counsellor });
    const acked = await acknowledge(p.counsellorB, other);
    await ok(
      signalAction(t, p.counsellorB, other.id, 'outcome', { version: acked.version, outcome: 'measures_taken', note: 'Меры приняты' }),
    );

    // Just before the deadline nothing is late.
    await at('2027-03-15T20:59:00Z', {});
    expect(await t.app.overdueSignals.runOnce()).toBe(0);

    // Past it, one of A's signals is answered before the job's next pass: only the other is pushed.
    const q = await at('2027-03-16T06:00:00Z', { supervisorA: a.supervisor, supervisorB: b.supervisor, counsellorA: a.counsellor });
    await acknowledge(q.counsellorA, handledLate);
    const [wa, wb] = await boards(q.supervisorA, q.supervisorB, a.serviceId, b.serviceId);
    expect(await t.app.overdueSignals.runOnce()).toBe(1);
    const pushed = await wa.waitFor((m) => m.name === 'signal.overdue', 'the overdue push');
    expect(pushed).toEqual({
      type: 'event',
      topic: `board:${a.serviceId}`,
      name: 'signal.overdue',
      data: { id: late.id, serviceId: a.serviceId, kind: 'acknowledgement' },
    });
    // The next pass finds nothing new.
    expect(await t.app.overdueSignals.runOnce()).toBe(0);
    await wa.settle();
    expect(wa.events('signal.overdue')).toHaveLength(1);
    expect(wb.events('signal.overdue')).toEqual([]);
    expect(events.map((e) => [e.topic, e.data])).toEqual([
      [`board:${a.serviceId}`, { id: late.id, serviceId: a.serviceId, kind: 'acknowledgement' }],
    ]);
    // The board's list shows it; the push only said which signal and why.
    expect(
      (await ok<{ items: SignalSummary[] }>(t.request(q.supervisorA, 'GET', `/api/signals/overdue?serviceId=${a.serviceId}`))).items.map(
        (s) => s.id,
      ),
    ).toEqual([late.id]);

    // A restart: the job starts again and remembers what it announced.
    t = await t.restart();
    await ownPasses();
    const r = await at('2027-03-16T07:00:00Z', { supervisorA: a.supervisor, supervisorB: b.supervisor });
    const [wa2, wb2] = await boards(r.supervisorA, r.supervisorB, a.serviceId, b.serviceId);
    expect(await t.app.overdueSignals.runOnce()).toBe(0);
    await wa2.settle();
    expect(wa2.events('signal.overdue')).toEqual([]);
    expect(events).toHaveLength(1);

    // Ten working days on, the outcomes of both A's signals are late: each pushed once for that kind.
    const s = await at('2027-03-26T21:01:00Z', { supervisorA: a.supervisor, supervisorB: b.supervisor });
    const [wa3, wb3] = await boards(s.supervisorA, s.supervisorB, a.serviceId, b.serviceId);
    expect(await t.app.overdueSignals.runOnce()).toBe(2);
    expect(await t.app.overdueSignals.runOnce()).toBe(0);
    await wa3.waitFor(() => wa3.events('signal.overdue').length >= 2, 'two outcome pushes');
    expect(
      wa3
        .events('signal.overdue')
        .map((m) => m.data as Record<string, string>)
        .sort((x, y) => x.id!.localeCompare(y.id!)),
    ).toEqual([late.id, handledLate.id].sort().map((id) => ({ id, serviceId: a.serviceId, kind: 'outcome' })));
    await wb3.settle();
    expect(wb3.events('signal.overdue')).toEqual([]);
    for (const w of [wa, wb, wa2, wb2, wa3, wb3]) w.ws.terminate();
  });

  it('an urgent send awaiting its review is pushed once, and not after the review', async () => {
    await at('2027-04-05T09:00:00Z', {});
    const tm = await caseOfTeam(t);
    const id = await agency(t, tm.supervisor, tm.serviceId);
    events.length = 0;
    const drafted = await ok<SignalSummary>(
      t.request(tm.counsellor, 'POST', `/api/cases/${tm.caseId}/signals`, {
        id: randomUUID(),
        urgency: 'imminent',
        reason: 'suicide_risk',
        facts: 'Угроза жизни.',
        childFields: ['childName'],
        addressees: [{ source: 'list', agencyId: id }],
      }),
      201,
    );
    const sent = await ok<SignalSummary>(signalAction(t, tm.counsellor, drafted.id, 'send', { version: drafted.version }));
    expect(sent.overdue).toEqual(['review']);
    await t.app.overdueSignals.runOnce();
    expect(events.filter((e) => e.data.id === sent.id).map((e) => e.data.kind)).toEqual(['review']);
    await ok(signalAction(t, tm.supervisor, sent.id, 'review', { version: sent.version }));
    await t.app.overdueSignals.runOnce();
    expect(events.filter((e) => e.data.id === sent.id)).toHaveLength(1);
  });
});
