// The register: outgoing numbers per service per year, gapless and unique when 50 signals are
// approved at once (on PostgreSQL each approval is its own transaction on its own connection), a
// new year starting again at 1, and another service counting on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../src/domain/signals/signalDeadlines.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { ok } from '../routing/routingApi.js';
import { agency, caseOfTeam, draftSignal, signalAction, type SignalSummary } from './caseApi.js';

const N = 50;

describe.each(DATABASES)('signal register on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it(`${N} signals approved concurrently get the numbers 1…${N} of the year, each once`, async () => {
    const tm = await caseOfTeam(t);
    const agencyId = await agency(t, tm.supervisor, tm.serviceId);
    const drafts: SignalSummary[] = [];
    for (let i = 0; i < N; i++)
      drafts.push(await ok<SignalSummary>(draftSignal(t, tm.counsellor, tm.caseId, { addressees: [{ source: 'list', agencyId }] }), 201));
    // Two approvers at once, every request in flight together.
    const results = await Promise.all(
      drafts.map((d, i) => signalAction(t, i % 2 === 0 ? tm.supervisor : tm.head, d.id, 'approve', { version: d.version })),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const year = localDay(t.clock.now(), 'Europe/Moscow').slice(0, 4);
    const numbers = results.map((r) => (r.json() as SignalSummary).number!);
    expect(new Set(numbers).size).toBe(N);
    expect(numbers.map((n) => Number(n.split('/')[1])).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(numbers.every((n) => n.startsWith(`${year}/`))).toBe(true);
    const stored = await t.db
      .selectFrom('signals')
      .select(['number_year', 'number_seq'])
      .where('service_id', '=', tm.serviceId)
      .orderBy('number_seq')
      .execute();
    expect(stored.map((s) => s.number_seq)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(await t.db.selectFrom('signal_counters').selectAll().where('service_id', '=', tm.serviceId).execute()).toEqual([
      { service_id: tm.serviceId, year: Number(year), last_seq: N },
    ]);
    // The register lists them by number, newest first.
    const register = await ok<{ items: SignalSummary[] }>(
      t.request(tm.supervisor, 'GET', `/api/signals?serviceId=${tm.serviceId}&year=${year}`),
    );
    expect(register.items.map((s) => s.number)).toEqual(Array.from({ length: N }, (_, i) => `${year}/${N - i}`));
  });

  it('another service counts on its own, and a new year starts again at 1', async () => {
    const a = await caseOfTeam(t);
    const b = await caseOfTeam(t);
    const approveOne = async (tm: typeof a) => {
      const agencyId = await agency(t, tm.supervisor, tm.serviceId);
      const d = await ok<SignalSummary>(draftSignal(t, tm.counsellor, tm.caseId, { addressees: [{ source: 'list', agencyId }] }), 201);
      return (await ok<SignalSummary>(signalAction(t, tm.supervisor, d.id, 'approve', { version: d.version }))).number;
    };
    const year = Number(localDay(t.clock.now(), 'Europe/Moscow').slice(0, 4));
    expect(await approveOne(a)).toBe(`${year}/1`);
    expect(await approveOne(b)).toBe(`${year}/1`);
    expect(await approveOne(a)).toBe(`${year}/2`);
    // Moved to 1 January 00:30 Moscow time of the next year (21:30 UTC on 31 December).
    const newYear = Date.UTC(year, 11, 31, 21, 30);
    t.clock.advance(newYear - t.clock.now().getTime());
    // Sessions from before the jump have expired: the same people sign in again.
    const again = (p: typeof a.counsellor) => t.signIn({ id: p.userId, login: p.login, password: p.password });
    const later = { ...a, counsellor: await again(a.counsellor), supervisor: await again(a.supervisor) };
    expect(await approveOne(later)).toBe(`${year + 1}/1`);
  });
});
