// Refusal cases for the HSDS API and the directory's public-access setting. Every staff member reads
// the HSDS API, in their scope: an object of helpline A is 404 to B's staff and to analysts (they see
// the national entries only). A's setting is read by A's staff, changed by A's head (A's other staff
// 403; B, analysts 404). The same API without a session is test/directory/hsds-public.test.ts.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/testApp.js';
import { entry, putAll } from '../../directory/hsdsFixture.js';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import type { World } from '../world.js';

/** An entry of A with a taxonomy and term of A's own, ids fresh per world. */
const ofA = stable('hsdsOfA', () => ({
  ...entry({ name: 'Кризисный центр службы A', organization: { name: 'Центр службы A' } }),
  taxonomyId: randomUUID(),
  termId: randomUUID(),
}));
const prepare = async (t: TestApp, w: World) => {
  const e = ofA(w);
  await putAll(t, w.A, [
    ...e.rows,
    { kind: 'taxonomy', data: { id: e.taxonomyId, name: 'Рубрикатор службы A', description: 'Свой рубрикатор.' } },
    { kind: 'taxonomy_term', data: { id: e.termId, name: 'Рубрика службы A', description: 'Своя рубрика.', taxonomy_id: e.taxonomyId } },
  ]);
};
const notFound = (...who: Parameters<typeof nf>[0][]) => who.map((x) => nf(x, 'directory.not_found'));
const listed = (id: (w: World) => string) => (res: LightMyRequestResponse, w: World) =>
  expect((res.json() as { contents: { id: string }[] }).contents.map((c) => c.id)).toContain(id(w));

type Kind = 'services' | 'organizations' | 'service_at_locations' | 'taxonomies' | 'taxonomy_terms';
const idOf: Record<Kind, (w: World) => string> = {
  services: (w) => ofA(w).serviceId,
  organizations: (w) => ofA(w).organizationId,
  service_at_locations: (w) => ofA(w).serviceAtLocationId,
  taxonomies: (w) => ofA(w).taxonomyId,
  taxonomy_terms: (w) => ofA(w).termId,
};

const settingsWatch = (t: TestApp, w: World) =>
  t.db.selectFrom('directory_settings').selectAll().where('tenant_id', 'in', [w.A, w.B]).execute();

export const HSDS_CASES: Case[] = [
  { route: 'GET /api/hsds/', title: 'the HSDS API root', url: () => '/api/hsds/', refusals: [], allowed: 'counsellorA', okStatus: 200 },
  ...(Object.keys(idOf) as Kind[]).flatMap((kind): Case[] => [
    {
      route: `GET /api/hsds/${kind}`,
      title: `list ${kind} (scoped: B's staff do not see A's)`,
      url: () => `/api/hsds/${kind}?per_page=100`,
      prepare,
      refusals: [],
      allowed: 'counsellorA',
      okStatus: 200,
      verify: listed(idOf[kind]),
    },
    {
      route: `GET /api/hsds/${kind}/:id`,
      title: `read one of A's ${kind}`,
      url: (w) => `/api/hsds/${kind}/${idOf[kind](w)}`,
      prepare,
      refusals: notFound('headB', 'counsellorB', 'analyst'),
      allowed: 'counsellorA',
      okStatus: 200,
      verify: (res, w) => expect(res.json()).toMatchObject({ id: idOf[kind](w) }),
    },
  ]),
  {
    route: 'GET /api/services/:serviceId/directory/settings',
    title: "read whether A's directory is public",
    url: (w) => `/api/services/${w.A}/directory/settings`,
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst')],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toEqual({ public: false }),
  },
  {
    route: 'PUT /api/services/:serviceId/directory/settings',
    title: "make A's directory public",
    url: (w) => `/api/services/${w.A}/directory/settings`,
    payload: () => ({ public: true }),
    watch: settingsWatch,
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('counsellorA'), forbidden('supervisorA'), forbidden('targetAB')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toEqual({ public: true }),
  },
];
