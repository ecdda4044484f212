// The statistics report against numbers counted by hand from the fixture (reportFixture.ts): exact
// in a service's own view, '<5' for counts of 1–4 (and what is computed from them) in region and
// network views; the routing metrics; who may see which scope; periods and bad input.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactReport } from '../../src/domain/records/reportSchemas.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { PERIOD, serviceIn, TVER, twoServices, YAKUTIA } from './reportFixture.js';

/** Rows of one table with a count other than 0, as { key: n }. */
const nonZero = (r: ContactReport, id: string) =>
  Object.fromEntries(
    r.tables
      .find((t) => t.id === id)!
      .rows.filter((row) => row.n !== 0)
      .map((row) => [row.key, row.n]),
  );
const row = (r: ContactReport, id: string, key: string) => r.tables.find((t) => t.id === id)!.rows.find((x) => x.key === key)!;

describe.each(DATABASES)('statistics report on %s', (kind) => {
  let t: TestApp;
  let s1: string;
  let s2: string;
  let supervisor1: SignedIn;
  let analyst: SignedIn;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await TestApp.start(kind);
    ({ s1, s2 } = await twoServices(t.db));
    [supervisor1, analyst, admin] = await Promise.all([
      t.as([{ role: 'supervisor', serviceId: s1 }]),
      t.as([{ role: 'analyst' }]),
      t.as([{ role: 'admin' }]),
    ]);
  });
  afterAll(() => t.close());

  const get = (who: SignedIn, params: Record<string, string>) =>
    t.request(who, 'GET', `/api/reports/contacts?${new URLSearchParams(params)}`);
  const report = async (who: SignedIn, params: Record<string, string>): Promise<ContactReport> => {
    const res = await get(who, { ...PERIOD, ...params });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("a service's own supervisor sees exact counts, counted on the service's local days", async () => {
    const r = await report(supervisor1, { scope: 'service', serviceId: s1 });
    expect(r).toMatchObject({ scope: 'service', period: PERIOD, suppressed: false, service: { id: s1, region: TVER } });
    expect(r.summary.ru).toBe('С 25.09.2025 по 05.11.2025 поступило 8 обращений, из них 4 по проблеме.');
    expect(r.summary.en).toBe('From 25.09.2025 to 05.11.2025 the line received 8 contacts, 4 of them counselling.');
    expect(r.totals).toEqual({ all: 8, counselling: 4, nonCounselling: 4, missed: 2, repeatCounselling: 1 });
    expect(nonZero(r, 'contactType')).toEqual({ counselling: 4, silent: 1, prank: 1, missed: 2 });
    expect(row(r, 'contactType', 'counselling')).toMatchObject({ share: 0.5, label: { ru: 'По проблеме', en: 'Counselling' } });
    expect(nonZero(r, 'callerType')).toEqual({ child: 3, parent: 1 });
    expect(row(r, 'callerType', 'child').share).toBe(0.75);
    expect(nonZero(r, 'nationalRow')).toEqual({ school: 2, suicidal: 1, mental_state: 1, parent_child: 1, cruelty_peers: 1 });
    expect(r.tables.find((x) => x.id === 'nationalRow')!.rows).toHaveLength(13);
    expect(row(r, 'nationalRow', 'school')).toMatchObject({ share: 0.5, label: { ru: 'Проблемы в школе, учёба' } });
    const reasons = r.tables.find((x) => x.id === 'reason')!.rows;
    expect(reasons.map((x) => [x.key, x.n])).toEqual([
      ['cruelty_peers.bullying_school', 1],
      ['cruelty_peers.cyberbullying', 1],
      ['parent_child.parenting', 1],
      ['school.performance', 1],
      ['school.exams', 1],
      ['school.teacher_conflict', 1],
      ['suicidal.thoughts', 1],
      ['mental_state.anxiety', 1],
    ]);
    expect(reasons[4]).toMatchObject({
      label: { ru: 'Экзамены (ОГЭ, ЕГЭ)' },
      share: 0.25,
      category: { code: 'school', label: { ru: 'Проблемы в школе, учёба' } },
    });
    expect(nonZero(r, 'ageGroup')).toEqual({ under_10: 1, '10_14': 1, '15_17': 2 });
    expect(nonZero(r, 'gender')).toEqual({ girl: 3, boy: 1 });
    expect(nonZero(r, 'channel')).toEqual({ voice: 6, chat: 2 });
    expect(row(r, 'channel', 'voice')).toMatchObject({ n: 6, share: 0.75, counselling: 2 });
    expect(row(r, 'channel', 'chat')).toMatchObject({ n: 2, share: 0.25, counselling: 2 });
    expect(nonZero(r, 'hour')).toEqual({ '0': 1, '8': 1, '10': 1, '12': 1, '13': 1, '15': 1, '23': 2 });
    expect(r.tables.find((x) => x.id === 'hour')!.rows.map((x) => x.key)).toEqual(Array.from({ length: 24 }, (_, h) => String(h)));
    expect(row(r, 'hour', '23')).toMatchObject({ n: 2, counselling: 1, label: { ru: '23:00–00:00' } });
    expect(nonZero(r, 'weekday')).toEqual({ '1': 1, '2': 1, '3': 3, '4': 1, '5': 1, '6': 1 });
    expect(row(r, 'weekday', '3')).toMatchObject({ counselling: 1, label: { ru: 'Среда' } });
    expect(nonZero(r, 'risk')).toEqual({ low: 1, moderate: 1, none: 1, high: 1 });
    expect(r.routing).toEqual({
      offered: 9,
      answered: 7,
      answeredInServiceLevel: 5,
      shortAbandoned: 1,
      abandoned: 1,
      abandonedAfterGreeting: 1,
      expired: 0,
      answeredByPartner: 0,
      handled: 7,
      serviceLevel: 0.625, // 5 ÷ (7 + 1)
      asaSeconds: 12.1, // 85 s ÷ 7
      abandonmentRate: 0.125, // 1 ÷ (9 − 1)
      ahtSeconds: 487.1, // 3410 s ÷ 7
    });
  });

  it("the other service's exact routing metrics (partner answers, expiry, SL at exactly 20 s)", async () => {
    const head2 = await t.as([{ role: 'head', serviceId: s2 }]);
    const r = await report(head2, { serviceId: s2 });
    expect(r.totals).toEqual({ all: 6, counselling: 4, nonCounselling: 2, missed: 0, repeatCounselling: 0 });
    expect(r.routing).toEqual({
      offered: 5,
      answered: 3,
      answeredInServiceLevel: 2,
      shortAbandoned: 0,
      abandoned: 1,
      abandonedAfterGreeting: 0,
      expired: 1,
      answeredByPartner: 1,
      handled: 3,
      serviceLevel: 0.5, // 2 ÷ (3 + 1)
      asaSeconds: 25, // 75 s ÷ 3
      abandonmentRate: 0.2, // 1 ÷ 5
      ahtSeconds: 553.3, // 1660 s ÷ 3
    });
    expect(nonZero(r, 'hour')).toEqual({ '0': 1, '1': 1, '9': 2, '12': 1, '23': 1 });
  });

  it('the network view shows counts of 1–4 and the figures computed from them as "<5"; 0 and 5+ exactly', async () => {
    const r = await report(analyst, { scope: 'network' });
    expect(r).toMatchObject({ scope: 'network', suppressed: true, service: null, region: null });
    expect(r.summary.ru).toBe('С 25.09.2025 по 05.11.2025 поступило 14 обращений, из них 8 по проблеме.');
    expect(r.totals).toEqual({ all: 14, counselling: 8, nonCounselling: 6, missed: '<5', repeatCounselling: '<5' });
    expect(nonZero(r, 'contactType')).toEqual({ counselling: 8, silent: '<5', prank: '<5', missed: '<5', dropped: '<5' });
    expect(row(r, 'contactType', 'counselling').share).toBe(0.5714);
    expect(row(r, 'contactType', 'silent').share).toBe('<5');
    expect(row(r, 'contactType', 'test')).toMatchObject({ n: 0, share: 0 });
    expect(nonZero(r, 'callerType')).toEqual({ child: 6, parent: '<5', other_adult: '<5' });
    expect(nonZero(r, 'gender')).toEqual({ girl: 5, boy: '<5', unknown: '<5' });
    expect(row(r, 'gender', 'girl').share).toBe(0.625);
    expect(nonZero(r, 'ageGroup')).toEqual({ under_10: '<5', '10_14': '<5', '15_17': '<5', '18_plus': '<5' });
    expect(nonZero(r, 'nationalRow')).toEqual({
      school: '<5',
      suicidal: '<5',
      mental_state: '<5',
      parent_child: '<5',
      cruelty_peers: '<5',
      peers: '<5',
      health_sexuality: '<5',
    });
    expect(nonZero(r, 'channel')).toEqual({ voice: 9, chat: '<5', messenger: '<5' });
    expect(row(r, 'channel', 'voice')).toMatchObject({ share: 0.6429, counselling: '<5' });
    expect(nonZero(r, 'hour')).toEqual({
      '0': '<5',
      '1': '<5',
      '8': '<5',
      '9': '<5',
      '10': '<5',
      '12': '<5',
      '13': '<5',
      '15': '<5',
      '23': '<5',
    });
    expect(nonZero(r, 'weekday')).toEqual({ '1': '<5', '2': '<5', '3': '<5', '4': '<5', '5': '<5', '6': '<5', '7': '<5' });
    expect(nonZero(r, 'risk')).toEqual({ none: '<5', low: '<5', moderate: '<5', high: '<5', unknown: '<5' });
    expect(r.routing).toEqual({
      offered: 14,
      answered: 10,
      answeredInServiceLevel: 7,
      shortAbandoned: '<5',
      abandoned: '<5',
      abandonedAfterGreeting: '<5',
      expired: '<5',
      answeredByPartner: '<5',
      handled: 10,
      serviceLevel: '<5', // computed from 2 abandons
      asaSeconds: 16, // 160 s ÷ 10
      abandonmentRate: '<5',
      ahtSeconds: 507, // 5070 s ÷ 10
    });
  });

  it('a region view covers the services of that region only, suppressed', async () => {
    const tver = await report(admin, { scope: 'region', region: TVER });
    expect(tver).toMatchObject({ scope: 'region', region: TVER, suppressed: true });
    expect(tver.summary.ru).toBe('С 25.09.2025 по 05.11.2025 поступило 8 обращений, из них менее 5 по проблеме.');
    expect(tver.summary.en).toBe('From 25.09.2025 to 05.11.2025 the line received 8 contacts, fewer than 5 of them counselling.');
    expect(tver.totals).toEqual({ all: 8, counselling: '<5', nonCounselling: '<5', missed: '<5', repeatCounselling: '<5' });
    expect(row(tver, 'channel', 'voice')).toMatchObject({ n: 6, share: 0.75 });
    expect(tver.routing).toMatchObject({ offered: 9, answered: 7, answeredInServiceLevel: 5, serviceLevel: '<5', asaSeconds: 12.1 });
    const yakutia = await report(analyst, { scope: 'region', region: YAKUTIA });
    expect(yakutia.totals).toEqual({ all: 6, counselling: '<5', nonCounselling: '<5', missed: 0, repeatCounselling: 0 });
    const nowhere = await report(analyst, { scope: 'region', region: 'Нет такой области' });
    expect(nowhere.totals).toEqual({ all: 0, counselling: 0, nonCounselling: 0, missed: 0, repeatCounselling: 0 });
    expect(nowhere.routing.serviceLevel).toBeNull();
  });

  it("a national analyst looking at one service's report gets it suppressed too", async () => {
    const r = await report(analyst, { scope: 'service', serviceId: s1 });
    expect(r).toMatchObject({ suppressed: true, totals: { all: 8, counselling: '<5' } });
  });

  it('who may see which scope: outsiders 404, insiders without the role 403, national views for analysts and admins', async () => {
    const [counsellor1, head2, head1] = await Promise.all([
      t.as([{ role: 'counsellor', serviceId: s1 }]),
      t.as([{ role: 'head', serviceId: s2 }]),
      t.as([{ role: 'head', serviceId: s1 }]),
    ]);
    const outcome = async (who: SignedIn, params: Record<string, string>) => {
      const res = await get(who, { ...PERIOD, ...params });
      return { status: res.statusCode, code: res.json().code };
    };
    expect(await outcome(counsellor1, { serviceId: s1 })).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(await outcome(head2, { serviceId: s1 })).toEqual({ status: 404, code: 'service.not_found' });
    expect(await outcome(head1, { scope: 'network' })).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(await outcome(head1, { scope: 'region', region: TVER })).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(await outcome(admin, { serviceId: randomUUID() })).toEqual({ status: 404, code: 'service.not_found' });
  });

  it('whole months are read from the monthly rollup, the partial months at the ends from the daily one', async () => {
    // Rollups made inconsistent on purpose (2024, outside the fixture), so the answer shows which table was read.
    const s3 = (await serviceIn(t.db, 'Тестовая область', 'Europe/Moscow')).id;
    const head3 = await t.as([{ role: 'head', serviceId: s3 }]);
    const put = (table: 'record_stats_daily' | 'record_stats_monthly', col: 'day' | 'month', at: string, n: number) =>
      t.db
        .insertInto(table)
        .values({ service_id: s3, [col]: at, dim: 'contacts', value: 'all', n } as never)
        .execute();
    await put('record_stats_daily', 'day', '2024-02-29', 1000);
    await put('record_stats_daily', 'day', '2024-03-15', 100);
    await put('record_stats_daily', 'day', '2024-04-01', 10_000);
    await put('record_stats_monthly', 'month', '2024-02-01', 20_000);
    await put('record_stats_monthly', 'month', '2024-03-01', 7);
    await put('record_stats_monthly', 'month', '2024-04-01', 300_000);
    const all = async (from: string, to: string) => (await report(head3, { serviceId: s3, from, to })).totals.all;
    expect(await all('2024-02-29', '2024-04-01')).toBe(11_007); // 29 Feb (daily) + March (monthly) + 1 Apr (daily)
    expect(await all('2024-03-01', '2024-03-31')).toBe(7);
    expect(await all('2024-03-10', '2024-03-20')).toBe(100);
    expect(await all('2024-02-01', '2024-04-30')).toBe(320_007);
    expect(await all('2023-06-01', '2024-02-28')).toBe(0);
  });

  it('bad periods and parameters get clear codes, never a 500', async () => {
    const outcome = async (params: Record<string, string>) => {
      const res = await get(analyst, params);
      return { status: res.statusCode, code: res.json().code };
    };
    const invalid = { status: 400, code: 'request.invalid' };
    const period = { status: 400, code: 'report.period_invalid' };
    expect(await outcome({ scope: 'network', from: '2025-11-05', to: '2025-09-25' })).toEqual(period);
    expect(await outcome({ scope: 'network', from: '2005-01-01', to: '2025-12-31' })).toEqual(period); // 21 years
    expect(await outcome({ scope: 'network', from: '2006-01-01', to: '2026-01-01' })).toEqual(period); // 20 years and a day
    expect((await get(analyst, { scope: 'network', from: '2006-01-01', to: '2025-12-31' })).statusCode).toBe(200); // 20 years
    expect(await outcome({ scope: 'network', from: '2025-02-30', to: '2025-03-01' })).toEqual(invalid);
    expect(await outcome({ scope: 'network', from: '25.09.2025', to: '2025-11-05' })).toEqual(invalid);
    expect(await outcome({ scope: 'network', from: '2025-09-25' })).toEqual(invalid);
    expect(await outcome({ scope: 'galaxy', ...PERIOD })).toEqual(invalid);
    expect(await outcome({ scope: 'service', ...PERIOD })).toEqual(invalid);
    expect(await outcome({ scope: 'region', ...PERIOD })).toEqual(invalid);
    expect(await outcome({ scope: 'service', serviceId: 'not-a-uuid', ...PERIOD })).toEqual(invalid);
    expect(await outcome({ scope: 'network', extra: '1', ...PERIOD })).toEqual(invalid);
  });
});
