// The directory's taxonomy: the seeded national terms (same ids everywhere, seeding idempotent), a
// head's own terms (seen by their helpline only), renaming (search follows), moving (no cycles),
// deleting (not while used), who may change which terms; and the regions list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { TermView } from '../../src/domain/directory/entrySchemas.js';
import { areaCodesOf, REGIONS } from '../../src/domain/directory/regions.js';
import { NATIONAL_TERMS, seedDirectoryTaxonomy, TAXONOMY_ID } from '../../src/domain/directory/taxonomySeed.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { entry, helpline, ok, outcome, search, tag, termId } from './directoryApi.js';

const terms = async (t: TestApp, who: Parameters<TestApp['request']>[0]) =>
  ok<{ items: TermView[] }>(await t.request(who, 'GET', '/api/directory/terms')).items;

describe.each(DATABASES)('directory taxonomy on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  it('the national taxonomy is seeded once, with the same ids on every install', async () => {
    // Pinned (RFC 9562 UUIDv5 of the code in Doverie's namespace, as Python's uuid.uuid5 gives):
    // exports from two installs must agree on these ids.
    expect(TAXONOMY_ID).toBe('0534d5e1-231e-5806-9d6d-aac677f23471');
    expect(termId('opeka')).toBe('61f39c8c-6436-50a1-884f-6363fc461423');
    expect(termId('crisis.children')).toBe('434382ad-ee3b-5c1a-8a43-f6b41e2eccb8');
    await seedDirectoryTaxonomy(t.db);
    await Promise.all([seedDirectoryTaxonomy(t.db), seedDirectoryTaxonomy(t.db)]);
    const rows = await t.db
      .selectFrom('directory_rows')
      .select(['id', 'kind', 'tenant_id', 'data'])
      .where('tenant_id', 'is', null)
      .where('kind', 'in', ['taxonomy', 'taxonomy_term'])
      .execute();
    const seeded = rows.filter((r) => r.kind === 'taxonomy' || NATIONAL_TERMS.some((n) => n.id === r.id));
    expect(seeded).toHaveLength(NATIONAL_TERMS.length + 1);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const n of NATIONAL_TERMS) {
      const row = byId.get(n.id)!;
      expect(row.data).toMatchObject({ code: n.code, name: n.name, taxonomy_id: TAXONOMY_ID, parent_id: n.parentId });
      expect(typeof row.data.description).toBe('string');
      if (n.parentId) expect(byId.has(n.parentId)).toBe(true);
    }
    const codes = NATIONAL_TERMS.map((n) => n.code);
    for (const c of [
      'opeka',
      'kdn',
      'pdn',
      'ppms',
      'crisis',
      'crisis.children',
      'crisis.women_children',
      'psychiatry',
      'narcology',
      'shelter',
      'legal',
      'medical',
      'education',
      'hotlines',
    ])
      expect(codes).toContain(c);
    // Every top-level term has sub-terms.
    for (const top of NATIONAL_TERMS.filter((n) => n.parentId === null))
      expect(NATIONAL_TERMS.some((n) => n.parentId === top.id)).toBe(true);
  });

  it("a head's own terms are their helpline's; everyone sees the national ones first, in the seeded order", async () => {
    const a = await helpline(t);
    const b = await helpline(t);
    const made = ok<TermView>(
      await t.request(a.head, 'POST', `/api/services/${a.id}/directory/terms`, { name: 'Центры «Семья»', parentId: termId('social') }),
      201,
    );
    expect(made).toMatchObject({ name: 'Центры «Семья»', parentId: termId('social'), tenantId: a.id });
    expect(made.code).toMatch(/^svc\.[0-9a-f]{8}$/);
    const seenByA = await terms(t, a.counsellor);
    expect(seenByA.slice(0, NATIONAL_TERMS.length).map((x) => x.id)).toEqual(NATIONAL_TERMS.map((n) => n.id));
    expect(seenByA.map((x) => x.id)).toContain(made.id);
    expect((await terms(t, b.counsellor)).map((x) => x.id)).not.toContain(made.id);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'chain']).where('target_id', '=', made.id).execute();
    expect(audit).toEqual([{ action: 'directory_term.create', chain: a.id }]);
  });

  it('renaming a term reindexes its entries; a parent may not be the term itself or below it', async () => {
    const h = await helpline(t);
    const w = tag();
    const parent = ok<TermView>(
      await t.request(h.head, 'POST', `/api/services/${h.id}/directory/terms`, { name: 'Родительская', parentId: null, code: `p-${w}` }),
      201,
    );
    const child = ok<TermView>(
      await t.request(h.head, 'POST', `/api/services/${h.id}/directory/terms`, { name: 'Дочерняя', parentId: parent.id }),
      201,
    );
    await entry(t, h.head, h.id, { name: `Запись ${w}`, termIds: [child.id] });
    expect((await search(t, h.counsellor, { q: `волонтерский ${w}` })).total).toBe(0);
    const renamed = ok<TermView>(await t.request(h.head, 'PUT', `/api/directory/terms/${child.id}`, { name: 'Волонтёрские центры' }));
    expect(renamed).toMatchObject({ name: 'Волонтёрские центры', parentId: parent.id });
    expect((await search(t, h.counsellor, { q: `волонтерский ${w}` })).total).toBe(1);
    expect((await search(t, h.counsellor, { q: w, term: parent.id })).total).toBe(1);
    for (const parentId of [child.id, parent.id]) {
      const res = await t.request(h.head, 'PUT', `/api/directory/terms/${parent.id}`, { name: 'Родительская', parentId });
      expect(outcome(res)).toEqual({ status: 422, code: 'directory.term_parent_invalid' });
    }
    expect(outcome(await t.request(h.head, 'PUT', `/api/directory/terms/${child.id}`, { name: 'x', parentId: randomUUID() }))).toEqual({
      status: 422,
      code: 'directory.term_parent_invalid',
    });
    // Moved to the top: entries under it no longer fall under the old parent.
    ok(await t.request(h.head, 'PUT', `/api/directory/terms/${child.id}`, { name: 'Волонтёрские центры', parentId: null }));
    expect((await search(t, h.counsellor, { q: w, term: parent.id })).total).toBe(0);
    // A sibling of the same name, or a code already used, is 409 directory.term_exists.
    const dup = await t.request(h.head, 'POST', `/api/services/${h.id}/directory/terms`, { name: 'волонтёрские Центры', parentId: null });
    expect(outcome(dup)).toEqual({ status: 409, code: 'directory.term_exists' });
    const code = await t.request(h.head, 'POST', `/api/services/${h.id}/directory/terms`, {
      name: 'Другое',
      parentId: null,
      code: 'crisis',
    });
    expect(outcome(code)).toEqual({ status: 409, code: 'directory.term_exists' });
  });

  it('a term in use cannot be deleted; an unused one can', async () => {
    const h = await helpline(t);
    const used = ok<TermView>(
      await t.request(h.head, 'POST', `/api/services/${h.id}/directory/terms`, { name: 'Используется', parentId: null }),
      201,
    );
    const withChild = ok<TermView>(
      await t.request(h.head, 'POST', `/api/services/${h.id}/directory/terms`, { name: 'С подрубрикой', parentId: null }),
      201,
    );
    ok(await t.request(h.head, 'POST', `/api/services/${h.id}/directory/terms`, { name: 'Подрубрика', parentId: withChild.id }), 201);
    const unused = ok<TermView>(
      await t.request(h.head, 'POST', `/api/services/${h.id}/directory/terms`, { name: 'Свободна', parentId: null }),
      201,
    );
    await entry(t, h.head, h.id, { name: 'Запись', termIds: [used.id] });
    for (const id of [used.id, withChild.id]) {
      expect(outcome(await t.request(h.head, 'DELETE', `/api/directory/terms/${id}`))).toEqual({
        status: 409,
        code: 'directory.term_in_use',
      });
    }
    const admin = await t.as([{ role: 'admin' }]);
    expect(outcome(await t.request(admin, 'DELETE', `/api/directory/terms/${termId('crisis')}`))).toEqual({
      status: 409,
      code: 'directory.term_in_use',
    });
    ok(await t.request(h.head, 'DELETE', `/api/directory/terms/${unused.id}`), 204);
    expect((await terms(t, h.counsellor)).map((x) => x.id)).not.toContain(unused.id);
  });

  it("who may change terms: the owner's head, the admin for national ones; others are refused", async () => {
    const a = await helpline(t);
    const b = await helpline(t);
    const own = ok<TermView>(
      await t.request(a.head, 'POST', `/api/services/${a.id}/directory/terms`, { name: 'Своя', parentId: null }),
      201,
    );
    const ofB = ok<TermView>(
      await t.request(b.head, 'POST', `/api/services/${b.id}/directory/terms`, { name: 'Рубрика Б', parentId: null }),
      201,
    );
    const cases: [string, Promise<Parameters<typeof outcome>[0]>, { status: number; code: string }][] = [
      [
        'B head renames A term',
        t.request(b.head, 'PUT', `/api/directory/terms/${own.id}`, { name: 'x' }),
        { status: 404, code: 'directory.term_not_found' },
      ],
      [
        'B head deletes A term',
        t.request(b.head, 'DELETE', `/api/directory/terms/${own.id}`),
        { status: 404, code: 'directory.term_not_found' },
      ],
      [
        'A counsellor renames',
        t.request(a.counsellor, 'PUT', `/api/directory/terms/${own.id}`, { name: 'x' }),
        { status: 403, code: 'auth.forbidden' },
      ],
      [
        'A counsellor creates',
        t.request(a.counsellor, 'POST', `/api/services/${a.id}/directory/terms`, { name: 'x', parentId: null }),
        { status: 403, code: 'auth.forbidden' },
      ],
      [
        'B head creates in A',
        t.request(b.head, 'POST', `/api/services/${a.id}/directory/terms`, { name: 'x', parentId: null }),
        { status: 404, code: 'service.not_found' },
      ],
      [
        'A head renames a national term',
        t.request(a.head, 'PUT', `/api/directory/terms/${termId('opeka')}`, { name: 'x' }),
        { status: 403, code: 'auth.forbidden' },
      ],
      [
        'A head names B term as parent',
        t.request(a.head, 'POST', `/api/services/${a.id}/directory/terms`, { name: 'x', parentId: ofB.id }),
        { status: 422, code: 'directory.term_parent_invalid' },
      ],
    ];
    for (const [label, res, expected] of cases) expect({ label, ...outcome(await res) }).toEqual({ label, ...expected });
    expect((await terms(t, a.counsellor)).find((x) => x.id === own.id)?.name).toBe('Своя');
    expect((await terms(t, a.counsellor)).find((x) => x.id === termId('opeka'))?.name).toBe('Органы опеки и попечительства');
  });

  it('regions: every subject of the federation, the usual ways of writing them', async () => {
    const h = await helpline(t);
    const list = ok<{ items: { code: string; name: string }[] }>(await t.request(h.counsellor, 'GET', '/api/directory/regions')).items;
    expect(list[0]).toEqual({ code: 'RU', name: 'Вся Россия' });
    expect(list).toHaveLength(REGIONS.length + 1);
    expect(REGIONS).toHaveLength(89);
    expect(REGIONS.filter((r) => r.iso !== false)).toHaveLength(83);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(REGIONS.length);
    expect(list).toEqual(
      expect.arrayContaining([
        { code: 'RU-VLA', name: 'Владимирская область' },
        { code: 'RU-MOW', name: 'Москва' },
        { code: 'RU-SPE', name: 'Санкт-Петербург' },
      ]),
    );
    const cases: [string, string[]][] = [
      ['г. Москва', ['RU-MOW']],
      ['Москва г.', ['RU-MOW']],
      ['Владимирская обл.', ['RU-VLA']],
      ['владимирская  область', ['RU-VLA']],
      ['Краснодарский кр.', ['RU-KDA']],
      ['Якутия', ['RU-SA']],
      ['Республика Саха (Якутия)', ['RU-SA']],
      ['ХМАО', ['RU-KHM']],
      ['Ханты-Мансийский автономный округ - Югра', ['RU-KHM']],
      ['Чувашская Республика – Чувашия', ['RU-CU']],
      ['Кемеровская область', ['RU-KEM']],
      ['Татарстан', ['RU-TA']],
      ['RU-YAR', ['RU-YAR']],
      ['Россия', ['RU']],
      ['Российская Федерация', ['RU']],
      ['MyCity', []],
    ];
    for (const [text, codes] of cases) expect({ text, codes: areaCodesOf(text) }).toEqual({ text, codes });
  });
});
