// Deadlines in working days (the production calendar: signal-calendar.test.ts) in the service's time zone, and the
// overdue board with an injected clock: a signal no agency has acknowledged in time appears on the
// supervisor's board and the head's dashboard until every agency has answered; a late outcome the
// same. The service's head sets the deadlines; the board hears each change of a signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../src/db/unitOfWork.js';
import { addWorkingDays, localDay, workingDeadline } from '../../src/domain/signals/signalDeadlines.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { ok, outcome } from '../routing/routingApi.js';
import { agency, auditOf, caseOfTeam, sentSignal, signalAction, type SignalSummary } from './caseApi.js';

describe('working days', () => {
  it('skip Saturdays, Sundays and holidays', () => {
    expect(addWorkingDays('2027-03-12', 1)).toBe('2027-03-15'); // Friday → Monday
    expect(addWorkingDays('2027-03-13', 1)).toBe('2027-03-15'); // Saturday → Monday
    expect(addWorkingDays('2027-03-15', 1)).toBe('2027-03-16');
    expect(addWorkingDays('2027-03-12', 10)).toBe('2027-03-26');
    expect(addWorkingDays('2027-12-31', 1)).toBe('2028-01-10'); // over the New Year holidays
  });

  it("a deadline runs out at the end of the working day in the service's time zone", () => {
    // Friday 15:00 in Moscow: one working day is Monday, so the deadline is Monday 24:00 Moscow time.
    expect(workingDeadline(new Date('2027-03-12T12:00:00Z'), 1, 'Europe/Moscow').toISOString()).toBe('2027-03-15T21:00:00.000Z');
    // Friday 23:30 in Vladivostok is still Friday there (13:30 UTC).
    expect(workingDeadline(new Date('2027-03-12T13:30:00Z'), 1, 'Asia/Vladivostok').toISOString()).toBe('2027-03-15T14:00:00.000Z');
    expect(localDay(new Date('2027-03-12T21:30:00Z'), 'Europe/Moscow')).toBe('2027-03-13');
  });
});

describe.each(DATABASES)('signal deadlines on %s', (kind) => {
  let t: TestApp;
  const events: RealtimeEvent[] = [];
  beforeAll(async () => {
    t = await TestApp.start(kind);
    t.hub.listen((e) => events.push(e));
  });
  afterAll(() => t.close());

  /** Moves the clock to an instant; sessions from before a jump of days have expired, so everyone signs in again. */
  async function at<T extends Record<string, SignedIn | string>>(iso: string, people: T): Promise<T> {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(people))
      out[k] = typeof v === 'string' ? v : await t.signIn({ id: v.userId, login: v.login, password: v.password });
    return out as T;
  }
  const overdue = async (who: SignedIn, serviceId?: string) =>
    (await ok<{ items: SignalSummary[] }>(t.request(who, 'GET', `/api/signals/overdue${serviceId ? `?serviceId=${serviceId}` : ''}`)))
      .items;

  it('an unacknowledged signal becomes overdue after one working day and shows on the board until every agency answers', async () => {
    await at('2027-03-12T12:00:00Z', {}); // Friday, 15:00 in Moscow
    const tm = await caseOfTeam(t);
    const [opeka, police] = [await agency(t, tm.supervisor, tm.serviceId), await agency(t, tm.supervisor, tm.serviceId, 'police')];
    events.length = 0;
    const sent = await sentSignal(t, tm, [opeka, police]);
    expect(sent).toMatchObject({ ackDueAt: '2027-03-15T21:00:00.000Z', outcomeDueAt: '2027-03-26T21:00:00.000Z', overdue: [] });
    // The board heard each step.
    expect(events.filter((e) => e.topic === `board:${tm.serviceId}` && e.name === 'signal.updated').map((e) => e.data.status)).toEqual([
      'drafted',
      'approved',
      'sent',
    ]);
    expect(await overdue(tm.supervisor, tm.serviceId)).toEqual([]);

    let p = await at('2027-03-15T20:59:00Z', { supervisor: tm.supervisor, head: tm.head, counsellor: tm.counsellor });
    expect(await overdue(p.supervisor, tm.serviceId)).toEqual([]);
    p = await at('2027-03-15T21:01:00Z', p);
    const late = await overdue(p.supervisor, tm.serviceId);
    expect(late.map((s) => [s.id, s.overdue])).toEqual([[sent.id, ['acknowledgement']]]);
    // The head's dashboard (every service they lead) shows it too; a counsellor has no board.
    expect((await overdue(p.head)).map((s) => s.id)).toEqual([sent.id]);
    expect(outcome(await t.request(p.counsellor, 'GET', `/api/signals/overdue?serviceId=${tm.serviceId}`))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });

    // One agency answers: still overdue for the other.
    const ack = (addresseeId: string, n: string) =>
      ok<SignalSummary>(
        t.request(p.counsellor, 'POST', `/api/signals/${sent.id}/addressees/${addresseeId}/acknowledge`, {
          incomingNumber: n,
          incomingDate: '2027-03-15',
        }),
      );
    const first = await ack(sent.addressees[0]!.id, 'вх-101');
    expect(first).toMatchObject({ status: 'sent', overdue: ['acknowledgement'] });
    expect((await overdue(p.supervisor, tm.serviceId)).map((s) => s.id)).toEqual([sent.id]);
    const both = await ack(sent.addressees[1]!.id, 'вх-7/22');
    expect(both).toMatchObject({ status: 'acknowledged', overdue: [] });
    expect(both.addressees.map((a) => a.acknowledgedAt)).not.toContain(null);
    expect(await overdue(p.supervisor, tm.serviceId)).toEqual([]);

    // The outcome is due after ten working days.
    p = await at('2027-03-26T21:01:00Z', p);
    expect((await overdue(p.supervisor, tm.serviceId)).map((s) => [s.id, s.overdue])).toEqual([[sent.id, ['outcome']]]);
    const done = await ok<SignalSummary>(
      signalAction(t, p.counsellor, sent.id, 'outcome', {
        version: both.version,
        outcome: 'measures_taken',
        note: 'Семья поставлена на учёт',
      }),
    );
    expect(done).toMatchObject({ status: 'outcome_received', overdue: [] });
    expect(await overdue(p.supervisor, tm.serviceId)).toEqual([]);
    // Closing is the supervisor's.
    expect(outcome(await signalAction(t, p.counsellor, sent.id, 'close', { version: done.version }))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    expect(await ok<SignalSummary>(signalAction(t, p.supervisor, sent.id, 'close', { version: done.version }))).toMatchObject({
      status: 'closed',
    });
  });

  it("the service's head sets the deadlines; a signal sent then follows them", async () => {
    await at('2027-04-02T08:00:00Z', {}); // Friday
    const tm = await caseOfTeam(t);
    const settings = {
      retentionConsentDays: 365,
      retentionDutyDays: 1825,
      retentionSignalDays: 1825,
      ackWorkingDays: 3,
      outcomeWorkingDays: 5,
    };
    expect(outcome(await t.request(tm.supervisor, 'PUT', `/api/services/${tm.serviceId}/case-settings`, settings))).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
    const saved = { ...settings, extraDaysOff: [], extraWorkingDays: [], updatedAt: expect.any(String) };
    expect(await ok(t.request(tm.head, 'PUT', `/api/services/${tm.serviceId}/case-settings`, settings))).toEqual(saved);
    expect(await ok(t.request(tm.counsellor, 'GET', `/api/services/${tm.serviceId}/case-settings`))).toEqual(saved);
    const sent = await sentSignal(t, tm, [await agency(t, tm.supervisor, tm.serviceId)]);
    // Three working days after Friday: Wednesday; five: Friday a week later (end of day, Moscow).
    expect(sent).toMatchObject({ ackDueAt: '2027-04-07T21:00:00.000Z', outcomeDueAt: '2027-04-09T21:00:00.000Z' });
  });

  it('a save made from an older version of the settings is refused (409) and changes nothing', async () => {
    await at('2027-04-05T08:00:00Z', {});
    const tm = await caseOfTeam(t);
    const url = `/api/services/${tm.serviceId}/case-settings`;
    type View = { ackWorkingDays: number; updatedAt: string | null };
    const defaults = await ok<View>(t.request(tm.head, 'GET', url));
    expect(defaults.updatedAt).toBeNull();
    // Two heads open the form; the first saves.
    const first = await ok<View>(t.request(tm.head, 'PUT', url, { ...defaults, ackWorkingDays: 2 }));
    expect(first.updatedAt).not.toBeNull();
    for (const stale of [defaults, { ...first, updatedAt: '2000-01-01T00:00:00.000Z' }])
      expect(outcome(await t.request(tm.head, 'PUT', url, { ...stale, ackWorkingDays: 7 }))).toEqual({
        status: 409,
        code: 'resource.version_conflict',
      });
    expect(await ok<View>(t.request(tm.head, 'GET', url))).toEqual(first);
    // From the current version (however the instant is written), it goes through.
    const sameInstant = new Date(Date.parse(first.updatedAt!)).toISOString().replace('Z', '+00:00');
    expect(await ok<View>(t.request(tm.head, 'PUT', url, { ...first, updatedAt: sameInstant, ackWorkingDays: 4 }))).toMatchObject({
      ackWorkingDays: 4,
    });
    expect((await auditOf(t, tm.serviceId)).filter((a) => a.action === 'case_settings.update')).toHaveLength(2);
  });
});
