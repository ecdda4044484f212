// Refusal cases for the directory's HSDS import and export: A's import is its head's (A's other staff
// 403; B, analysts 404), A's export its supervisors' and head's (A's counsellors 403; B 404); a job is
// followed and its file downloaded only by whoever started it (everyone else: 404, even A's head).
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/testApp.js';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import { call, type World } from '../world.js';
import type { Who } from '../world.js';

/** A small HSDS file with ids of its own per world (ids are unique across the whole directory). */
const hsds = stable('hsds', () => {
  const org = randomUUID();
  return {
    'organizations.csv': [{ id: org, name: 'Центр помощи', description: 'Кризисный центр' }],
    'services.csv': [{ id: randomUUID(), organization_id: org, name: 'Телефон доверия', status: 'active' }],
  };
});

/** Every directory row of A and B, and the import/export jobs of everyone in the world. */
const watch = async (t: TestApp, w: World) => ({
  rows: await t.db.selectFrom('directory_rows').selectAll().where('tenant_id', 'in', [w.A, w.B]).orderBy('id').execute(),
  jobs: Object.fromEntries(Object.entries(w.people).map(([who, p]) => [who, t.app.directoryJobs.countOf(p.userId)])),
});

const jobs = new WeakMap<World, string>();
/** `who` starts an import (or an export) of A and waits until it is over, so nothing changes under the snapshot. */
async function jobOf(t: TestApp, w: World, who: Who, kind: 'imports' | 'exports'): Promise<void> {
  const res = await call(
    t,
    'POST',
    `/api/services/${w.A}/directory/${kind}`,
    kind === 'imports' ? hsds(w) : { format: 'json' },
    w.people[who],
  );
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().jobId as string;
  jobs.set(w, id);
  for (let i = 0; i < 500; i++) {
    if ((await call(t, 'GET', `/api/directory/${kind}/${id}`, undefined, w.people[who])).json().status !== 'running') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the job did not finish');
}
const noJob = (who: Who) => nf(who, 'directory.job_not_found');

export const DIRECTORY_TRANSFER_CASES: Case[] = [
  {
    route: 'POST /api/services/:serviceId/directory/imports',
    title: "import into A's directory",
    url: (w) => `/api/services/${w.A}/directory/imports`,
    payload: hsds,
    watch,
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('supervisorA'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'headA',
    okStatus: 202,
  },
  {
    route: 'GET /api/directory/imports/:jobId',
    title: "headA's import: only headA follows it",
    url: (w) => `/api/directory/imports/${jobs.get(w)}`,
    prepare: (t, w) => jobOf(t, w, 'headA', 'imports'),
    watch,
    refusals: [noJob('headB'), noJob('supervisorA'), noJob('admin'), noJob('analyst'), noJob('headAcounsellorB')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ status: 'done', imported: { organization: 1, service: 1 } }),
  },
  {
    route: 'POST /api/services/:serviceId/directory/exports',
    title: "export A's directory",
    url: (w) => `/api/services/${w.A}/directory/exports`,
    payload: () => ({ format: 'csv' }),
    watch,
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'supervisorA',
    okStatus: 202,
  },
  {
    route: 'GET /api/directory/exports/:jobId',
    title: "supervisorA's export: only supervisorA follows it",
    url: (w) => `/api/directory/exports/${jobs.get(w)}`,
    prepare: (t, w) => jobOf(t, w, 'supervisorA', 'exports'),
    watch,
    refusals: [noJob('headA'), noJob('headB'), noJob('admin'), noJob('counsellorA'), noJob('headAcounsellorB')],
    allowed: 'supervisorA',
    okStatus: 200,
  },
  {
    route: 'GET /api/directory/exports/:jobId/file',
    title: "supervisorA's export file: only supervisorA downloads it",
    url: (w) => `/api/directory/exports/${jobs.get(w)}/file`,
    prepare: (t, w) => jobOf(t, w, 'supervisorA', 'exports'),
    watch,
    refusals: [noJob('headA'), noJob('headB'), noJob('admin'), noJob('counsellorA'), noJob('headAcounsellorB')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res) => expect(res.headers['content-disposition']).toMatch(/^attachment; /),
  },
];
