// Refusal cases for the directory's staff routes: every staff member reads the directory (their
// helplines' entries and the national ones); A's entries and terms are edited by A's head alone —
// A's other staff get 403, B's staff and the analyst 404 (A's entries are not theirs to see).
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../helpers/testApp.js';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import { call, type World } from '../world.js';
import type { Who } from '../world.js';

interface Made {
  entryA: string;
  entryAUpdatedAt: string;
  entryB: string;
  termA: string;
  termB: string;
}
const made = new WeakMap<World, Made>();
const get = (w: World): Made => {
  const m = made.get(w);
  if (!m) throw new Error('prepare made nothing');
  return m;
};

/** An entry and a term in each of A and B, made by their heads. */
async function entries(t: TestApp, w: World): Promise<void> {
  const post = async (who: Who, url: string, body: unknown) => {
    const res = await call(t, 'POST', url, body, w.people[who]);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; updatedAt?: string };
  };
  const entryA = await post('headA', `/api/services/${w.A}/directory/entries`, { name: 'Кризисный центр А', areaCodes: ['RU-VLA'] });
  const entryB = await post('headB', `/api/services/${w.B}/directory/entries`, { name: 'Кризисный центр Б' });
  const termA = await post('headA', `/api/services/${w.A}/directory/terms`, { name: 'Рубрика А', parentId: null });
  const termB = await post('headB', `/api/services/${w.B}/directory/terms`, { name: 'Рубрика Б', parentId: null });
  made.set(w, { entryA: entryA.id, entryAUpdatedAt: entryA.updatedAt!, entryB: entryB.id, termA: termA.id, termB: termB.id });
}

/** Every directory row and index row of A and B. */
const watch = async (t: TestApp, w: World) => ({
  rows: await t.db.selectFrom('directory_rows').selectAll().where('tenant_id', 'in', [w.A, w.B]).orderBy('id').execute(),
  index: await t.db.selectFrom('directory_services').selectAll().where('tenant_id', 'in', [w.A, w.B]).orderBy('service_id').execute(),
});

const ids = (res: LightMyRequestResponse) => (res.json() as { items: { id: string }[] }).items.map((i) => i.id);
const noEntry = (who: Who) => nf(who, 'directory.not_found');
const noTerm = (who: Who) => nf(who, 'directory.term_not_found');
/** Everyone but A's head and the admin, when editing A's directory. */
const notEditors = (none: (who: Who) => ReturnType<typeof nf>) => [
  none('headB'),
  none('counsellorB'),
  none('analyst'),
  forbidden('counsellorA'),
  forbidden('supervisorA'),
  forbidden('targetAB'),
];
const creators = [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('counsellorA'), forbidden('supervisorA'), forbidden('targetAB')];

export const DIRECTORY_CASES: Case[] = [
  {
    route: 'GET /api/directory/services',
    title: "search: A's staff see A's entries, not B's",
    url: () => '/api/directory/services?q=кризисный&perPage=100',
    prepare: entries,
    watch,
    refusals: [],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => {
      expect(ids(res)).toContain(get(w).entryA);
      expect(ids(res)).not.toContain(get(w).entryB);
    },
  },
  {
    route: 'GET /api/directory/services/:entryId',
    title: "A's entry's card",
    url: (w) => `/api/directory/services/${get(w).entryA}`,
    prepare: entries,
    watch,
    refusals: [noEntry('headB'), noEntry('counsellorB'), noEntry('analyst')],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ name: 'Кризисный центр А', editable: false }),
  },
  {
    route: 'GET /api/directory/terms',
    title: "the taxonomy: A's staff see A's terms, not B's",
    url: () => '/api/directory/terms',
    prepare: entries,
    watch,
    refusals: [],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => {
      expect(ids(res)).toContain(get(w).termA);
      expect(ids(res)).not.toContain(get(w).termB);
    },
  },
  {
    route: 'GET /api/directory/regions',
    title: 'the regions',
    url: () => '/api/directory/regions',
    refusals: [],
    allowed: 'counsellorA',
    okStatus: 200,
  },
  {
    route: 'POST /api/services/:serviceId/directory/entries',
    title: "add an entry to A's directory",
    url: (w) => `/api/services/${w.A}/directory/entries`,
    payload: stable('entry', () => ({ name: 'Новая запись', phones: [{ number: '112', description: null }] })),
    watch,
    refusals: creators,
    allowed: 'headA',
    okStatus: 201,
    verify: (res, w) => expect(res.json()).toMatchObject({ tenantId: w.A, name: 'Новая запись' }),
  },
  {
    route: 'GET /api/directory/entries/:entryId',
    title: "A's entry as the editor shows it",
    url: (w) => `/api/directory/entries/${get(w).entryA}`,
    prepare: entries,
    watch,
    refusals: notEditors(noEntry),
    allowed: 'headA',
    okStatus: 200,
  },
  {
    route: 'PUT /api/directory/entries/:entryId',
    title: "change A's entry",
    url: (w) => `/api/directory/entries/${get(w).entryA}`,
    payload: (w) => ({ name: 'Изменённая запись', updatedAt: get(w).entryAUpdatedAt }),
    prepare: entries,
    watch,
    refusals: notEditors(noEntry),
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ name: 'Изменённая запись' }),
  },
  {
    route: 'DELETE /api/directory/entries/:entryId',
    title: "delete A's entry",
    url: (w) => `/api/directory/entries/${get(w).entryA}`,
    prepare: entries,
    watch,
    refusals: notEditors(noEntry),
    allowed: 'headA',
    okStatus: 204,
  },
  {
    route: 'POST /api/directory/entries/:entryId/verify',
    title: "mark A's entry verified",
    url: (w) => `/api/directory/entries/${get(w).entryA}/verify`,
    prepare: entries,
    watch,
    refusals: notEditors(noEntry),
    allowed: 'headA',
    okStatus: 200,
  },
  {
    route: 'POST /api/services/:serviceId/directory/terms',
    title: "add a term to A's taxonomy",
    url: (w) => `/api/services/${w.A}/directory/terms`,
    payload: () => ({ name: 'Новая рубрика', parentId: null }),
    watch,
    refusals: creators,
    allowed: 'headA',
    okStatus: 201,
  },
  {
    route: 'PUT /api/directory/terms/:termId',
    title: "rename A's term",
    url: (w) => `/api/directory/terms/${get(w).termA}`,
    payload: () => ({ name: 'Переименованная рубрика' }),
    prepare: entries,
    watch,
    refusals: notEditors(noTerm),
    allowed: 'headA',
    okStatus: 200,
  },
  {
    route: 'DELETE /api/directory/terms/:termId',
    title: "delete A's term",
    url: (w) => `/api/directory/terms/${get(w).termA}`,
    prepare: entries,
    watch,
    refusals: notEditors(noTerm),
    allowed: 'headA',
    okStatus: 204,
  },
];
