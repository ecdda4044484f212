// The rollups are exactly the records: after any sequence of records made, finalized, corrected,
// risk-assessed and contacts missed, the daily and monthly tables equal the keys recomputed from the
// records themselves (classification keys of final records with their referrals, routing keys of
// closed contacts), also as referrals to the directory are attached to and removed from records.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeKeys } from '../../src/domain/records/statsRollup.js';
import { classify, routedKeys, storedKeys } from '../../src/domain/records/recordStats.js';
import { localParts, type StatKey } from '../../src/domain/records/statsKeys.js';
import { TestApp } from '../helpers/testApp.js';
import { directoryEntry } from './directoryEntries.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { arrive, callerLeft, TOKEN } from '../routing/routingApi.js';
import { assessRisk, rollups, sync, team } from './recordApi.js';

const REASONS = ['school.performance', 'school.exams', 'peers.friendship', 'suicidal.thoughts', 'cruelty_family.physical'];
const fields = fc.oneof(
  fc.record(
    {
      contactType: fc.constant('counselling'),
      callerType: fc.constantFrom('child', 'parent', 'other_adult'),
      reasons: fc.uniqueArray(fc.constantFrom(...REASONS), { minLength: 1, maxLength: 3 }),
      childAge: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      childGender: fc.option(fc.constantFrom('boy', 'girl', 'unknown'), { nil: null }),
    },
    { requiredKeys: ['contactType', 'callerType', 'reasons'] },
  ),
  fc.record({ contactType: fc.constantFrom('silent', 'prank', 'dropped', 'thanks'), reasons: fc.constant([]) }),
);
const create = fc.record({
  kind: fc.constant('create' as const),
  channel: fc.constantFrom('voice', 'chat', 'letter'),
  daysAgo: fc.integer({ min: 0, max: 70 }),
});
const op = fc.oneof(
  { arbitrary: create, weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('finalize' as const), i: fc.nat(), fields }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('correct' as const), i: fc.nat(), fields }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('risk' as const),
      i: fc.nat(),
      answers: fc.constantFrom<Record<string, string>>({ q1: 'yes' }, { q1: 'no', q2: 'no', q6: 'no' }, { q2: 'yes', q3: 'yes' }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('missed' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('refer' as const), i: fc.nat(), entry: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('unrefer' as const), i: fc.nat() }), weight: 1 },
);
/** A record or two first, then anything (the operations name records by index). */
const script = fc
  .tuple(fc.array(create, { minLength: 1, maxLength: 3 }), fc.array(op, { minLength: 2, maxLength: 10 }))
  .map(([a, b]) => [...a, ...b]);

interface Row {
  d: string;
  dim: string;
  value: string;
  n: number;
}
const sorted = (rows: Row[]) => [...rows].sort((a, b) => (`${a.d}|${a.dim}|${a.value}` < `${b.d}|${b.dim}|${b.value}` ? -1 : 1));

describe.each(DATABASES)('statistics consistency on %s', (kind) => {
  let t: TestApp;
  let entries: string[];
  beforeAll(async () => {
    t = await TestApp.start(kind, { ingressToken: TOKEN });
    // National entries, which every service's records may refer to (written once: the runs stay quick).
    entries = [
      await directoryEntry(t, null, { name: 'Кризисный центр', terms: ['crisis.children', 'crisis.violence'] }),
      await directoryEntry(t, null, { name: 'Опека', terms: ['opeka'] }),
    ];
  });
  afterAll(() => t.close());

  /** The rollups recomputed from the service's records. */
  async function recompute(serviceId: string) {
    const records = await t.db.selectFrom('contact_records').selectAll().where('service_id', '=', serviceId).execute();
    const codes = new Map(
      (await t.db.selectFrom('reason_codes').select(['code', 'national_row']).execute()).map((r) => [r.code, r.national_row]),
    );
    const daily = new Map<string, StatKey[]>();
    const add = (day: string, keys: StatKey[]) => daily.set(day, [...(daily.get(day) ?? []), ...keys]);
    for (const r of records) {
      if (r.status === 'final') {
        const reasons = await t.db
          .selectFrom('contact_record_reasons')
          .select('code')
          .where('record_id', '=', r.id)
          .orderBy('position')
          .execute();
        const referrals = await t.db
          .selectFrom('record_referrals')
          .select('term_ids')
          .where('record_id', '=', r.id)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        const c = classify(
          r,
          reasons.map((x) => ({ code: x.code, nationalRow: codes.get(x.code)! })),
          'Europe/Moscow',
          referrals.map((x) => x.term_ids),
        );
        expect(storedKeys(r)).toEqual(c.keys);
        add(c.day, c.keys);
      }
      if (r.routing_counted) add(localParts(r.arrived_at, 'Europe/Moscow').day, routedKeys(r, true));
    }
    const rows = (byMonth: boolean) => {
      const out = new Map<string, StatKey[]>();
      for (const [day, keys] of daily) {
        const k = byMonth ? `${day.slice(0, 7)}-01` : day;
        out.set(k, [...(out.get(k) ?? []), ...keys]);
      }
      return sorted([...out.entries()].flatMap(([d, keys]) => mergeKeys(keys).map(([dim, value, n]) => ({ d, dim, value, n }))));
    };
    return { daily: rows(false), monthly: rows(true) };
  }

  it('after random finalizes and corrections the rollups equal a recomputation from the records', async () => {
    await fc.assert(
      fc.asyncProperty(script, async (ops) => {
        const { serviceId, counsellor, supervisor } = await team(t);
        const ids: string[] = [];
        for (const o of ops) {
          if (o.kind === 'create') {
            const arrivedAt = new Date(t.clock.now().getTime() - o.daysAgo * 86_400_000).toISOString();
            const res = await t.request(counsellor, 'POST', '/api/records', { id: randomUUID(), serviceId, channel: o.channel, arrivedAt });
            expect(res.statusCode, res.body).toBe(201);
            ids.push(res.json().id);
            continue;
          }
          if (o.kind === 'missed') {
            await callerLeft(t, await arrive(t, serviceId));
            continue;
          }
          if (ids.length === 0) continue;
          const id = ids[o.i % ids.length]!;
          if (o.kind === 'refer' || o.kind === 'unrefer') {
            const held = await t.db.selectFrom('record_referrals').select('id').where('record_id', '=', id).execute();
            const res =
              o.kind === 'refer'
                ? await t.request(supervisor, 'POST', `/api/records/${id}/referrals`, {
                    directoryServiceId: entries[o.entry % entries.length],
                  })
                : held.length > 0
                  ? await t.request(supervisor, 'DELETE', `/api/records/${id}/referrals/${held[0]!.id}`)
                  : null;
            if (res) expect(res.statusCode, res.body).toBeLessThan(500);
            continue;
          }
          const { version } = await t.db.selectFrom('contact_records').select('version').where('id', '=', id).executeTakeFirstOrThrow();
          const res =
            o.kind === 'risk'
              ? await assessRisk(t, supervisor, id, version, o.answers)
              : o.kind === 'finalize'
                ? await t.request(counsellor, 'POST', `/api/records/${id}/finalize`, { version, fields: o.fields })
                : await t.request(supervisor, 'PATCH', `/api/records/${id}`, { version, fields: o.fields });
          expect(res.statusCode, res.body).toBeLessThan(500);
        }
        await sync(t);
        const { daily, monthly } = await rollups(t, serviceId);
        const expected = await recompute(serviceId);
        // Sorted here: the database's collation may order '.' and '_' differently.
        expect(sorted(daily.map((r) => ({ d: r.day, dim: r.dim, value: r.value, n: r.n })))).toEqual(expected.daily);
        expect(sorted(monthly.map((r) => ({ d: r.month, dim: r.dim, value: r.value, n: r.n })))).toEqual(expected.monthly);
      }),
      { numRuns: 12 },
    );
  });
});
