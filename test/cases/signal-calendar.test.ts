// Working days on the Russian production calendar: the law's holidays (Labour Code art. 112), a
// weekend holiday's day off moved to the next working day (not the January ones: the decree moves
// those), and each service's additions — the year's decree and its region's holidays — set with
// its case settings. A signal's deadlines follow its own service's calendar and run from when it was
// sent, also when a person records that time by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../src/domain/signals/signalDeadlines.js';
import { isWorkingDay } from '../../src/domain/signals/workingCalendar.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { ok, outcome } from '../routing/routingApi.js';
import { agency, auditOf, caseOfTeam, draftSignal, sentSignal, signalAction, type SignalSummary } from './caseApi.js';

const none = { extraDaysOff: [], extraWorkingDays: [] };

describe('the production calendar', () => {
  it("skips art. 112's holidays", () => {
    expect(addWorkingDays('2027-11-03', 1)).toBe('2027-11-05'); // Wednesday → Friday: 4 November is a Thursday off
    expect(addWorkingDays('2027-02-22', 1)).toBe('2027-02-24');
    expect(addWorkingDays('2027-06-10', 1)).toBe('2027-06-11');
    expect(isWorkingDay('2027-03-08')).toBe(false);
  });

  it("moves a weekend holiday's day off to the next working day", () => {
    // 9 May 2027 is a Sunday: Monday the 10th is off. 1 May (Saturday) makes Monday the 3rd off.
    expect(addWorkingDays('2027-05-07', 1)).toBe('2027-05-11');
    expect(addWorkingDays('2027-04-30', 1)).toBe('2027-05-04');
    // As the official calendars had it: 4 November 2023 (Saturday) → 6 November, 8 March 2026 (Sunday) → 9 March.
    expect(addWorkingDays('2023-11-03', 1)).toBe('2023-11-07');
    expect(isWorkingDay('2026-03-09')).toBe(false);
    expect(isWorkingDay('2026-03-10')).toBe(true);
  });

  it('does not move the January holidays by itself (the decree does, as a service addition)', () => {
    // 2–3 January 2027 fall on the weekend; without the decree no weekday is given for them.
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-11');
    expect(addWorkingDays('2027-12-31', 1)).toBe('2028-01-10');
  });

  it("applies the service's extra days off and extra working days over the law's", () => {
    expect(addWorkingDays('2027-03-15', 1, { ...none, extraDaysOff: ['2027-03-16'] })).toBe('2027-03-17');
    expect(addWorkingDays('2027-03-12', 1, { ...none, extraWorkingDays: ['2027-03-13'] })).toBe('2027-03-13');
    // The decree's day moved from a January weekend to 31 December.
    expect(addWorkingDays('2027-12-30', 1, { ...none, extraDaysOff: ['2027-12-31'] })).toBe('2028-01-10');
  });
});

describe.each(DATABASES)("a signal's deadlines on its service's calendar on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  /** Moves the clock to an instant; sessions from before a jump of days have expired, so everyone signs in again. */
  async function at<T extends Record<string, SignedIn>>(iso: string, people: T): Promise<T> {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
    const out: Record<string, SignedIn> = {};
    for (const [k, v] of Object.entries(people)) out[k] = await t.signIn({ id: v.userId, login: v.login, password: v.password });
    return out as T;
  }
  const base = { retentionConsentDays: 365, retentionDutyDays: 1825, retentionSignalDays: 1825, ackWorkingDays: 1, outcomeWorkingDays: 10 };
  const setCalendar = (head: SignedIn, serviceId: string, body: Record<string, unknown>) =>
    t.request(head, 'PUT', `/api/services/${serviceId}/case-settings`, { ...base, ...body });

  it('a deadline across 4 November', async () => {
    await at('2027-11-03T09:00:00Z', {}); // Wednesday, noon in Moscow
    const tm = await caseOfTeam(t);
    const sent = await sentSignal(t, tm, [await agency(t, tm.supervisor, tm.serviceId)]);
    // One working day: Friday (Thursday is a holiday). Ten: 18 November.
    expect(sent).toMatchObject({ ackDueAt: '2027-11-05T21:00:00.000Z', outcomeDueAt: '2027-11-18T21:00:00.000Z' });
  });

  it('a deadline across a holiday that falls on a Sunday', async () => {
    await at('2027-05-07T09:00:00Z', {}); // Friday before 9 May, a Sunday: Monday the 10th is off
    const tm = await caseOfTeam(t);
    const sent = await sentSignal(t, tm, [await agency(t, tm.supervisor, tm.serviceId)]);
    expect(sent.ackDueAt).toBe('2027-05-11T21:00:00.000Z');
  });

  it("a deadline across the service's extra day off, and with its working Saturday; another service keeps the law's", async () => {
    await at('2027-03-12T09:00:00Z', {}); // Friday
    const [withSaturday, withDayOff, plain] = [await caseOfTeam(t), await caseOfTeam(t), await caseOfTeam(t)];
    const saved = await ok(setCalendar(withSaturday.head, withSaturday.serviceId, { extraWorkingDays: ['2027-03-13'] }));
    expect(saved).toEqual({ ...base, extraDaysOff: [], extraWorkingDays: ['2027-03-13'], updatedAt: expect.any(String) });
    // Regional holidays on Monday and Tuesday; listed in any order, kept in order.
    expect(await ok(setCalendar(withDayOff.head, withDayOff.serviceId, { extraDaysOff: ['2027-03-16', '2027-03-15'] }))).toEqual({
      ...base,
      extraDaysOff: ['2027-03-15', '2027-03-16'],
      extraWorkingDays: [],
      updatedAt: expect.any(String),
    });
    expect(await ok(t.request(withDayOff.counsellor, 'GET', `/api/services/${withDayOff.serviceId}/case-settings`))).toMatchObject({
      extraDaysOff: ['2027-03-15', '2027-03-16'],
    });
    const send = async (tm: typeof plain) => (await sentSignal(t, tm, [await agency(t, tm.supervisor, tm.serviceId)])).ackDueAt;
    expect(await send(withSaturday)).toBe('2027-03-13T21:00:00.000Z');
    expect(await send(withDayOff)).toBe('2027-03-17T21:00:00.000Z');
    expect(await send(plain)).toBe('2027-03-15T21:00:00.000Z');

    // A form that sends no lists keeps the stored ones.
    expect(await ok(setCalendar(withDayOff.head, withDayOff.serviceId, { ackWorkingDays: 2 }))).toMatchObject({
      ackWorkingDays: 2,
      extraDaysOff: ['2027-03-15', '2027-03-16'],
    });
  });

  it('refuses a calendar that is not a list of real days, too long a list, or a day in both lists; nothing saved', async () => {
    const tm = await caseOfTeam(t);
    const stored = { ...base, extraDaysOff: ['2027-03-16'], extraWorkingDays: [] };
    await ok(setCalendar(tm.head, tm.serviceId, stored));
    const many = Array.from({ length: 201 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
    for (const bad of [
      { extraDaysOff: ['2027-02-30'] },
      { extraDaysOff: ['16.03.2027'] },
      { extraWorkingDays: ['2027-03-13T00:00:00Z'] },
      { extraDaysOff: ['2027-03-16', '2027-03-16'] },
      { extraDaysOff: many },
      { extraDaysOff: '2027-03-16' },
      { extraDaysOff: [20270316] },
    ])
      expect(outcome(await setCalendar(tm.head, tm.serviceId, bad)), JSON.stringify(bad).slice(0, 80)).toEqual({
        status: 400,
        code: 'request.invalid',
      });
    expect(
      outcome(await setCalendar(tm.head, tm.serviceId, { extraDaysOff: ['2027-03-13', '2027-05-10'], extraWorkingDays: ['2027-03-13'] })),
    ).toEqual({ status: 422, code: 'case.calendar_conflict' });
    // A stored day off cannot become a working day without leaving the other list in the same request.
    expect(outcome(await setCalendar(tm.head, tm.serviceId, { extraWorkingDays: ['2027-03-16'] }))).toEqual({
      status: 422,
      code: 'case.calendar_conflict',
    });
    expect(await ok(t.request(tm.head, 'GET', `/api/services/${tm.serviceId}/case-settings`))).toEqual({
      ...stored,
      updatedAt: expect.any(String),
    });
    expect((await auditOf(t, tm.serviceId)).filter((a) => a.action === 'case_settings.update')).toHaveLength(1);
  });

  it('deadlines run from the time a person recorded the signal as sent, not from when it was recorded', async () => {
    await at('2027-03-12T11:00:00Z', {}); // Friday, 14:00 in Moscow
    const tm = await caseOfTeam(t);
    const id = await agency(t, tm.supervisor, tm.serviceId, 'police');
    const drafted = await ok<SignalSummary>(
      draftSignal(t, tm.counsellor, tm.caseId, { addressees: [{ source: 'list', agencyId: id, channel: 'phone' }] }),
      201,
    );
    const approved = await ok<SignalSummary>(signalAction(t, tm.supervisor, drafted.id, 'approve', { version: drafted.version }));
    // Phoned on Friday at 15:00 Moscow time, recorded on Monday morning.
    const p = await at('2027-03-15T06:00:00Z', { counsellor: tm.counsellor });
    const sentAt = '2027-03-12T12:00:00.000Z';
    const sent = await ok<SignalSummary & { sentAt: string }>(
      signalAction(t, p.counsellor, drafted.id, 'send', { version: approved.version, sentAt }),
    );
    // One working day after Friday is Monday, ten the Friday after next — not Tuesday and the Monday after.
    expect(sent).toMatchObject({
      status: 'sent',
      sentAt,
      ackDueAt: '2027-03-15T21:00:00.000Z',
      outcomeDueAt: '2027-03-26T21:00:00.000Z',
    });
  });
});
