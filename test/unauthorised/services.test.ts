// Unauthorised access to the service routes: every case's refusals (status, code, no change to the
// data) and its positive control; and the service list shows outsiders and analysts nothing of A.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { SERVICE_CASES } from './cases/services.js';
import { runCase } from './runCase.js';
import { call, ids, makeWorld } from './world.js';

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of SERVICE_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));

  it('GET /api/services shows outsiders and analysts nothing of service A', async () => {
    const w = await makeWorld(t);
    for (const who of ['headB', 'counsellorB', 'analyst'] as const) {
      const res = await call(t, 'GET', '/api/services', undefined, w.people[who]);
      expect(res.statusCode).toBe(200);
      expect(ids(res), who).not.toContain(w.A);
    }
    const me = await call(t, 'GET', '/api/auth/me', undefined, w.people.headB);
    expect(me.json().services.map((s: { id: string }) => s.id)).toEqual([w.B]);
  });
});
