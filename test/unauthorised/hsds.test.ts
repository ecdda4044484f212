// Unauthorised access to the HSDS API and the directory's public-access setting: every case's
// refusals (status, code, no change to the data) and its positive control; and the lists show B's
// staff and analysts nothing of A.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, putAll } from '../directory/hsdsFixture.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { HSDS_CASES } from './cases/hsds.js';
import { runCase } from './runCase.js';
import { call, makeWorld } from './world.js';

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of HSDS_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));

  it("the HSDS lists show B's staff and analysts nothing of A", async () => {
    const w = await makeWorld(t);
    const e = entry({ name: 'Служба A', organization: { name: 'Организация A' } });
    await putAll(t, w.A, e.rows);
    const mine = [e.serviceId, e.organizationId, e.serviceAtLocationId];
    for (const who of ['headB', 'counsellorB', 'analyst', 'counsellorA'] as const)
      for (const list of ['services', 'organizations', 'service_at_locations']) {
        const res = await call(t, 'GET', `/api/hsds/${list}?per_page=100`, undefined, w.people[who]);
        expect(res.statusCode).toBe(200);
        const seen = (res.json() as { contents: { id: string }[] }).contents.map((c) => c.id).filter((id) => mine.includes(id));
        expect({ who, list, seen: seen.length }).toEqual({ who, list, seen: who === 'counsellorA' ? 1 : 0 });
      }
  });
});
