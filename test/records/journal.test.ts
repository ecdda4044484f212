// The journal (GET /api/records): newest first, every filter narrowing to the records counted by
// hand, the service's local days, keyset pages that return every row exactly once (ties and
// microsecond instants included), scope by role (a counsellor's own records only; analysts, admins
// and outsiders 404), no free text, and clear codes for bad input.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { insertRecord, seedReasons, serviceIn, type FixtureRecord } from './reportFixture.js';

type Name = 'a1' | 'a2' | 'a3' | 'a4' | 'a5' | 'a6' | 'a7' | 'a8' | 'a9' | 'a10';

describe.each(DATABASES)('the journal on %s', (kind) => {
  let t: TestApp;
  let A: string;
  let B: string;
  let c1: SignedIn;
  let c2: SignedIn;
  let supervisor: SignedIn;
  const id = {} as Record<Name, string>;
  const name = (x: string) => (Object.keys(id) as Name[]).find((k) => id[k] === x) ?? `other ${x}`;

  beforeAll(async () => {
    t = await TestApp.start(kind);
    await seedReasons(t.db);
    A = (await serviceIn(t.db, 'Тверская область', 'Europe/Moscow')).id;
    B = (await serviceIn(t.db, 'Тверская область', 'Europe/Moscow')).id;
    [c1, c2, supervisor] = await Promise.all([
      t.as([{ role: 'counsellor', serviceId: A }]),
      t.as([{ role: 'counsellor', serviceId: A }]),
      t.as([{ role: 'supervisor', serviceId: A }]),
    ]);
    const inA = { serviceId: A, timeZone: 'Europe/Moscow' };
    const records: [Name, FixtureRecord][] = [
      [
        'a1',
        {
          ...inA,
          at: '2025-10-01T09:00:00Z',
          staffId: c1.userId,
          channel: 'voice',
          type: 'counselling',
          caller: 'child',
          age: 12,
          gender: 'girl',
          risk: 'low',
          region: 'Тверь',
          reasons: ['school.exams', 'peers.friendship'],
          routing: { outcome: 'answered', waitMs: 12_400, talkMs: 300_600, wrapMs: 0 },
        },
      ],
      [
        'a2',
        {
          ...inA,
          at: '2025-10-02T09:00:00Z',
          staffId: c2.userId,
          channel: 'chat',
          type: 'counselling',
          caller: 'parent',
          age: 8,
          gender: 'boy',
          risk: 'high',
          region: 'Ржев',
          reasons: ['suicidal.thoughts'],
        },
      ],
      ['a3', { ...inA, at: '2025-10-03T09:00:00Z', staffId: c1.userId, channel: 'voice', type: 'silent' }],
      [
        'a4',
        {
          ...inA,
          at: '2025-10-04T09:00:00Z',
          staffId: c1.userId,
          status: 'draft',
          channel: 'chat',
          type: 'counselling',
          caller: 'child',
          age: 16,
          gender: 'girl',
          risk: 'imminent',
          region: 'Тверь',
          reasons: ['suicidal.intent'],
        },
      ],
      ['a5', { ...inA, at: '2025-10-05T09:00:00Z', staffId: null, channel: 'voice', type: 'missed' }],
      // 1 November 00:30 in Moscow.
      [
        'a6',
        {
          ...inA,
          at: '2025-10-31T21:30:00Z',
          staffId: c2.userId,
          channel: 'messenger',
          type: 'counselling',
          caller: 'child',
          age: 15,
          gender: 'boy',
          risk: 'none',
          region: 'Тверь',
          reasons: ['school.exams'],
        },
      ],
      ['a7', { ...inA, at: '2025-11-02T10:00:00Z', staffId: c1.userId, status: 'open', channel: 'voice', type: null }],
      ['a8', { ...inA, at: '2025-11-02T10:00:00Z', staffId: c1.userId, status: 'void', channel: 'voice', type: null }],
      ['a9', { ...inA, at: '2025-11-03T10:00:00Z', staffId: c1.userId, status: 'open', channel: 'voice', type: null }],
      ['a10', { ...inA, at: '2025-11-03T10:00:00Z', staffId: c1.userId, status: 'open', channel: 'chat', type: null }],
    ];
    for (const [n, r] of records) id[n] = await insertRecord(t.db, r);
    // Instants a millisecond cannot tell apart: a cursor must keep microseconds.
    await sql`update contact_records set arrived_at = '2025-11-03T10:00:00.000100Z' where id = ${id.a9}`.execute(t.db);
    await sql`update contact_records set arrived_at = '2025-11-03T10:00:00.000200Z' where id = ${id.a10}`.execute(t.db);
    const counsellorB = await t.user([{ role: 'counsellor', serviceId: B }]);
    await insertRecord(t.db, {
      serviceId: B,
      timeZone: 'Europe/Moscow',
      at: '2025-10-01T09:00:00Z',
      staffId: counsellorB.id,
      channel: 'voice',
      type: 'counselling',
      caller: 'child',
      reasons: ['school.exams'],
    });
  });
  afterAll(() => t.close());

  const list = (who: SignedIn, params: Record<string, string>) =>
    t.request(who, 'GET', `/api/records?${new URLSearchParams({ serviceId: A, ...params })}`);
  const names = async (who: SignedIn, params: Record<string, string> = {}) => {
    const res = await list(who, { limit: '200', ...params });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string }[]).map((i) => name(i.id));
  };
  const tied = () => [id.a7, id.a8].sort().reverse().map(name);
  const newestFirst = () => ['a10', 'a9', ...tied(), 'a6', 'a5', 'a4', 'a3', 'a2', 'a1'];

  it("a supervisor sees the service's records newest first, with codes and no free text", async () => {
    expect(await names(supervisor)).toEqual(newestFirst());
    const res = await list(supervisor, { limit: '200' });
    const a1 = res.json().items.find((i: { id: string }) => i.id === id.a1);
    expect(a1).toEqual({
      id: id.a1,
      arrivedAt: '2025-10-01T09:00:00.000Z',
      channel: 'voice',
      status: 'final',
      contactType: 'counselling',
      callerType: 'child',
      childGender: 'girl',
      ageGroup: '10_14',
      riskLevel: 'low',
      reasons: ['school.exams', 'peers.friendship'],
      staffId: c1.userId,
      staffPseudonym: 'Тест',
      region: 'Тверь',
      waitSeconds: 12,
      talkSeconds: 301,
    });
    expect(res.json().nextCursor).toBeNull();
  });

  it('each filter narrows to exactly the records that match', async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ channel: 'voice' }, ['a9', ...tied(), 'a5', 'a3', 'a1']],
      [{ type: 'counselling' }, ['a6', 'a4', 'a2', 'a1']],
      [{ reason: 'school.exams' }, ['a6', 'a1']],
      [{ risk: 'imminent' }, ['a4']],
      [{ staffId: c2.userId }, ['a6', 'a2']],
      [{ region: 'Тверь' }, ['a6', 'a4', 'a1']],
      [{ callerType: 'parent' }, ['a2']],
      [{ ageGroup: '15_17' }, ['a6', 'a4']],
      [{ status: 'draft' }, ['a4']],
      [{ status: 'void' }, ['a8']],
      [{ status: 'final' }, ['a6', 'a5', 'a3', 'a2', 'a1']],
      [{ channel: 'voice', type: 'silent' }, ['a3']],
      [{ reason: 'suicidal.intent', risk: 'imminent', region: 'Тверь' }, ['a4']],
      [{ reason: 'no.such_code' }, []],
      // Local days of the service (Moscow): a6 arrived on 31 October in UTC, 1 November in Moscow.
      [{ from: '2025-11-01' }, ['a10', 'a9', ...tied(), 'a6']],
      [{ to: '2025-10-31' }, ['a5', 'a4', 'a3', 'a2', 'a1']],
      [{ from: '2025-10-02', to: '2025-10-04' }, ['a4', 'a3', 'a2']],
      [{ from: '2025-10-01', to: '2025-10-01' }, ['a1']],
    ];
    for (const [params, expected] of cases) expect({ params, got: await names(supervisor, params) }).toEqual({ params, got: expected });
  });

  it('pages of any size return every record exactly once, in order, with and without filters', async () => {
    for (const [limit, params] of [
      ['1', {}],
      ['2', {}],
      ['3', {}],
      ['1', { channel: 'voice' }],
      ['2', { from: '2025-10-02' }],
    ] as [string, Record<string, string>][]) {
      const all = await names(supervisor, params);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const res = await list(supervisor, { ...params, limit, ...(cursor ? { cursor } : {}) });
        expect(res.statusCode, res.body).toBe(200);
        const items = res.json().items as { id: string }[];
        expect(items.length).toBeLessThanOrEqual(Number(limit));
        seen.push(...items.map((i) => name(i.id)));
        cursor = res.json().nextCursor;
        if (!cursor) break;
      }
      expect({ limit, params, seen }).toEqual({ limit, params, seen: all });
    }
  });

  it('a counsellor sees only their own records; analysts, admins and outsiders get 404', async () => {
    expect(await names(c1)).toEqual(['a10', 'a9', ...tied(), 'a4', 'a3', 'a1']);
    expect(await names(c2)).toEqual(['a6', 'a2']);
    expect(await names(c1, { staffId: c2.userId })).toEqual([]);
    const [analyst, admin, headB] = await Promise.all([
      t.as([{ role: 'analyst' }]),
      t.as([{ role: 'admin' }]),
      t.as([{ role: 'head', serviceId: B }]),
    ]);
    for (const who of [analyst, admin, headB]) {
      const res = await list(who, {});
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 404, code: 'service.not_found' });
    }
    const unknown = await list(supervisor, { serviceId: randomUUID() });
    expect({ status: unknown.statusCode, code: unknown.json().code }).toEqual({ status: 404, code: 'service.not_found' });
  });

  it('bad input gets 400 request.invalid naming the field, never a 500', async () => {
    const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
    const cases: [Record<string, string>, string][] = [
      [{ from: '2025-11-05', to: '2025-10-01' }, '/to'],
      [{ from: '2025-02-30' }, '/from'],
      [{ to: 'yesterday' }, '/to'],
      [{ cursor: 'garbage!' }, '/cursor'],
      [{ cursor: cursorOf('123~not-a-uuid') }, '/cursor'],
      [{ cursor: cursorOf(`-5~${randomUUID()}`) }, '/cursor'],
      [{ cursor: cursorOf(`99999999999999999999~${randomUUID()}`) }, '/cursor'],
      [{ limit: '0' }, '/limit'],
      [{ limit: '201' }, '/limit'],
      [{ limit: 'ten' }, '/limit'],
      [{ channel: 'sms' }, '/channel'],
      [{ reason: 'School Exams' }, '/reason'],
      [{ staffId: 'me' }, '/staffId'],
      [{ serviceId: 'not-a-uuid' }, '/serviceId'],
      [{ colour: 'red' }, '/'],
    ];
    for (const [params, path] of cases) {
      const res = await list(supervisor, params);
      const body = res.json();
      expect({ params, status: res.statusCode, code: body.code }).toEqual({ params, status: 400, code: 'request.invalid' });
      expect(JSON.stringify(body.details.issues), JSON.stringify(params)).toContain(path === '/' ? '"path":"/"' : `"path":"${path}"`);
    }
    const noService = await t.request(supervisor, 'GET', '/api/records');
    expect({ status: noService.statusCode, code: noService.json().code }).toEqual({ status: 400, code: 'request.invalid' });
  });
});
