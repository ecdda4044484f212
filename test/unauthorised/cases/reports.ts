// Refusal cases for the journal and the statistics report: A's journal is its supervisors' and head's
// (a counsellor sees their own records only; admins, analysts and B get 404); A's report is its
// supervisors', head's and the national roles' (A's counsellors 403, B 404); region and network views
// are the national roles'; an export is seen only by the user who started it.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/testApp.js';
import { insertRecord } from '../../records/reportFixture.js';
import { forbidden, nf, type Case } from '../runCase.js';
import { call, type World } from '../world.js';

const PERIOD = 'from=2025-10-01&to=2025-10-31';
const body = (w: World) => ({ scope: 'service', serviceId: w.A, from: '2025-10-01', to: '2025-10-31' });

/** One silent record of A held by `who` (final, so it is counted in the rollups too). */
const recordOf = (t: TestApp, w: World, who: 'counsellorA' | 'targetA') =>
  insertRecord(t.db, {
    serviceId: w.A,
    timeZone: 'Europe/Moscow',
    at: '2025-10-10T10:00:00Z',
    staffId: w.people[who].userId,
    channel: 'voice',
    type: 'silent',
  });

const exportsMade = new WeakMap<World, string>();
/** headA starts an export of A's report (and, with `done`, waits for it). */
async function exportOfHeadA(t: TestApp, w: World, done: boolean): Promise<void> {
  const res = await call(t, 'POST', '/api/reports/contacts/exports', body(w), w.people.headA);
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  exportsMade.set(w, id);
  for (let i = 0; done && i < 200; i++) {
    if ((await call(t, 'GET', `/api/reports/exports/${id}`, undefined, w.people.headA)).json().status === 'done') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  if (done) throw new Error('the export did not finish');
}
const exportId = (w: World) => exportsMade.get(w)!;
const noExport = (who: Parameters<typeof nf>[0]) => nf(who, 'report.export_not_found');
const items = (res: LightMyRequestResponse) => (res.json() as { items: { staffId: string }[] }).items;

export const REPORT_CASES: Case[] = [
  {
    route: 'GET /api/records',
    title: "A's journal: its supervisors see every record",
    url: (w) => `/api/records?serviceId=${w.A}`,
    prepare: async (t, w) => {
      await recordOf(t, w, 'counsellorA');
      await recordOf(t, w, 'targetA');
    },
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), nf('admin')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res) => expect(items(res)).toHaveLength(2),
  },
  {
    route: 'GET /api/records',
    title: "A's journal: a counsellor sees only their own records",
    url: (w) => `/api/records?serviceId=${w.A}`,
    prepare: async (t, w) => {
      await recordOf(t, w, 'counsellorA');
      await recordOf(t, w, 'targetA');
    },
    refusals: [nf('headB'), nf('analyst'), nf('admin'), nf('counsellorB')],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res, w) => expect(items(res).map((i) => i.staffId)).toEqual([w.people.counsellorA.userId]),
  },
  {
    route: 'GET /api/reports/contacts',
    title: "A's report",
    url: (w) => `/api/reports/contacts?scope=service&serviceId=${w.A}&${PERIOD}`,
    prepare: async (t, w) => void (await recordOf(t, w, 'counsellorA')),
    refusals: [nf('headB'), nf('counsellorB'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ suppressed: false, totals: { all: 1 } }),
  },
  {
    route: 'GET /api/reports/contacts',
    title: 'the network report (national roles only)',
    url: () => `/api/reports/contacts?scope=network&${PERIOD}`,
    refusals: [forbidden('headA'), forbidden('supervisorA'), forbidden('counsellorA'), forbidden('headB')],
    allowed: 'analyst',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ scope: 'network', suppressed: true }),
  },
  {
    route: 'GET /api/reports/contacts',
    title: "a region's report (national roles only)",
    url: () => `/api/reports/contacts?scope=region&region=${encodeURIComponent('Владимирская область')}&${PERIOD}`,
    refusals: [forbidden('headA'), forbidden('supervisorA'), forbidden('headAcounsellorB')],
    allowed: 'admin',
    okStatus: 200,
  },
  {
    route: 'POST /api/reports/contacts/exports',
    title: "export A's report",
    url: () => '/api/reports/contacts/exports',
    payload: body,
    // A refused export starts no job; the allowed one does.
    watch: async (t, w) =>
      Object.fromEntries(
        (['headA', 'headB', 'counsellorA'] as const).map((who) => [who, t.app.reportExports.countOf(w.people[who].userId)]),
      ),
    refusals: [nf('headB'), nf('counsellorB'), forbidden('counsellorA'), forbidden('targetAB')],
    allowed: 'headA',
    okStatus: 202,
    verify: (res) => expect(res.json()).toMatchObject({ id: expect.any(String), status: 'running' }),
  },
  {
    route: 'GET /api/reports/exports/:exportId',
    title: "headA's export: only headA follows it",
    url: (w) => `/api/reports/exports/${exportId(w)}`,
    prepare: (t, w) => exportOfHeadA(t, w, false),
    refusals: [noExport('headB'), noExport('supervisorA'), noExport('admin'), noExport('analyst'), noExport('headAcounsellorB')],
    allowed: 'headA',
    okStatus: 200,
  },
  {
    route: 'GET /api/reports/exports/:exportId/file',
    title: "headA's export file: only headA downloads it",
    url: (w) => `/api/reports/exports/${exportId(w)}/file`,
    prepare: (t, w) => exportOfHeadA(t, w, true),
    refusals: [noExport('headB'), noExport('supervisorA'), noExport('admin'), noExport('analyst'), noExport('headAcounsellorB')],
    allowed: 'headA',
    okStatus: 200,
    verify: (res) => expect(res.headers['content-disposition']).toMatch(/^attachment; /),
  },
];
