// The search index only takes a service's own owner's rows: another helpline that imports a phone,
// an area, a schedule or a taxonomy attribute pointing at a service's id (HSDS ids are public)
// cannot change how that service is found.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putRows, type HsdsRow } from '../../src/domain/directory/directoryStore.js';
import { reindexServices } from '../../src/domain/directory/serviceIndex.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { entry, helpline, names, search, tag, termId } from './directoryApi.js';

describe.each(DATABASES)('directory index owners on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it("ignores rows another helpline attached to a service's id", async () => {
    const a = await helpline(t);
    const b = await helpline(t);
    const w = tag();
    const target = await entry(t, a.head, a.id, { name: `Центр ${w}`, areaCodes: ['RU-VLA'], minAge: 7, maxAge: 18 });
    const crisis = termId('crisis');
    const rows: HsdsRow[] = [
      { kind: 'service_area', data: { id: randomUUID(), service_id: target.id, name: 'Москва' } },
      {
        kind: 'attribute' as const,
        data: { id: randomUUID(), link_id: target.id, link_entity: 'service', link_type: 'service', taxonomy_term_id: crisis },
      },
      { kind: 'cost_option', data: { id: randomUUID(), service_id: target.id, amount: 500, currency: 'RUB' } },
    ];
    await t.db.transaction().execute(async (tx) => {
      expect((await putRows(tx, { tenantId: b.id, actorId: null, at: t.clock.now() }, rows)).refused).toEqual([]);
      await reindexServices(tx, [target.id], t.clock.now());
    });
    const row = await t.db
      .selectFrom('directory_services')
      .select(['area_codes', 'term_ids', 'free'])
      .where('service_id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ area_codes: ['RU-VLA'], term_ids: [], free: true });
    expect(names(await search(t, a.counsellor, { q: w, area: 'RU-MOW' }))).toEqual([]);
    expect(names(await search(t, a.counsellor, { q: w, area: 'RU-VLA', free: true }))).toEqual([`Центр ${w}`]);
    // Control: the same rows written by the owner do count.
    await t.db.transaction().execute(async (tx) => {
      const own = rows.map((r) => ({ ...r, data: { ...r.data, id: randomUUID() } }));
      await putRows(tx, { tenantId: a.id, actorId: null, at: t.clock.now() }, own);
      await reindexServices(tx, [target.id], t.clock.now());
    });
    expect(names(await search(t, a.counsellor, { q: w, area: 'RU-MOW', term: crisis }))).toEqual([`Центр ${w}`]);
  });
});
