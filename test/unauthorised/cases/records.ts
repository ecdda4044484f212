// Refusal cases for the contact records: a record of service A is its counsellor's and A's
// supervisors' and head's alone — another counsellor of A, B's staff, the analyst and the admin get
// 404 record.not_found and change nothing. Records are made in A by those who take contacts there;
// A's risk alerts are its supervisors'; A's own reason codes are added by its head.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/testApp.js';
import { forbidden, nf, stable, type Case } from '../runCase.js';
import { call, type World } from '../world.js';

const made = new WeakMap<World, { recordId?: string; alertId?: string }>();
const get = (w: World, k: 'recordId' | 'alertId'): string => {
  const v = made.get(w)?.[k];
  if (!v) throw new Error(`prepare made no ${k}`);
  return v;
};

/** A record of A made by counsellorA. */
async function recordOfA(t: TestApp, w: World): Promise<void> {
  const res = await call(t, 'POST', '/api/records', { id: randomUUID(), serviceId: w.A, channel: 'in_person' }, w.people.counsellorA);
  expect(res.statusCode, res.body).toBe(201);
  made.set(w, { ...made.get(w), recordId: res.json().id });
}

/** …with imminent risk assessed: an open alert of A. */
async function alertOfA(t: TestApp, w: World): Promise<void> {
  await recordOfA(t, w);
  const res = await call(
    t,
    'POST',
    `/api/records/${get(w, 'recordId')}/risk`,
    { version: 1, answers: { q6: 'yes', q6_now: 'yes' } },
    w.people.counsellorA,
  );
  expect(res.statusCode, res.body).toBe(200);
  const alert = await t.db.selectFrom('risk_alerts').select('id').where('record_id', '=', get(w, 'recordId')).executeTakeFirstOrThrow();
  made.set(w, { ...made.get(w), alertId: alert.id });
}

/** Every row of A's and B's records a refused call could have changed. */
async function recordRows(t: TestApp, w: World) {
  const services = [w.A, w.B];
  return {
    records: await t.db.selectFrom('contact_records').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    reasons: await t.db
      .selectFrom('contact_record_reasons')
      .selectAll()
      .where('service_id', 'in', services)
      .orderBy('record_id')
      .orderBy('code')
      .execute(),
    alerts: await t.db.selectFrom('risk_alerts').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    codes: await t.db.selectFrom('reason_codes').selectAll().where('service_id', 'in', services).orderBy('code').execute(),
    rollups: await t.db
      .selectFrom('record_stats_daily')
      .selectAll()
      .where('service_id', 'in', services)
      .orderBy('day')
      .orderBy('dim')
      .orderBy('value')
      .execute(),
  };
}

const notRecord = (who: Parameters<typeof nf>[0]) => nf(who, 'record.not_found');
/** Everyone but counsellorA and A's supervisors and head. */
const notTheirs = [
  notRecord('targetA'),
  notRecord('targetAB'),
  notRecord('headB'),
  notRecord('counsellorB'),
  notRecord('analyst'),
  notRecord('admin'),
];
const recordUrl =
  (suffix = '') =>
  (w: World) =>
    `/api/records/${get(w, 'recordId')}${suffix}`;

export const RECORD_CASES: Case[] = [
  {
    route: 'POST /api/records',
    title: 'make a record by hand in A',
    url: () => '/api/records',
    payload: stable('record', (w) => ({ id: randomUUID(), serviceId: w.A, channel: 'letter' })),
    watch: recordRows,
    refusals: [nf('headB'), nf('counsellorB'), nf('analyst'), nf('admin')],
    allowed: 'counsellorA',
    okStatus: 201,
    verify: (res, w) => expect(res.json()).toMatchObject({ serviceId: w.A, status: 'draft', origin: 'manual' }),
  },
  {
    route: 'GET /api/records/:recordId',
    title: "read counsellorA's record (the read is audited)",
    url: recordUrl(),
    prepare: recordOfA,
    watch: recordRows,
    refusals: notTheirs,
    allowed: 'counsellorA',
    okStatus: 200,
    auditedRead: true,
  },
  {
    route: 'PATCH /api/records/:recordId',
    title: "save counsellorA's draft",
    url: recordUrl(),
    payload: () => ({ version: 1, fields: { region: 'Владимирская область', childAge: 11 } }),
    prepare: recordOfA,
    watch: recordRows,
    refusals: notTheirs,
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ version: 2, fields: { childAge: 11, ageGroup: '10_14' } }),
  },
  {
    route: 'POST /api/records/:recordId/finalize',
    title: "finalize counsellorA's record",
    url: recordUrl('/finalize'),
    payload: () => ({ version: 1, fields: { contactType: 'silent' } }),
    prepare: recordOfA,
    watch: recordRows,
    refusals: notTheirs,
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ status: 'final' }),
  },
  {
    route: 'POST /api/records/:recordId/risk',
    title: "assess risk on counsellorA's record",
    url: recordUrl('/risk'),
    payload: () => ({ version: 1, answers: { q1: 'yes', q2: 'no', q6: 'no' } }),
    prepare: recordOfA,
    watch: recordRows,
    refusals: notTheirs,
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json()).toMatchObject({ riskLevel: 'low' }),
  },
  {
    route: 'GET /api/records/alerts',
    title: "A's open risk alerts (a list: others see none of them)",
    url: (w) => `/api/records/alerts?serviceId=${w.A}`,
    prepare: alertOfA,
    watch: recordRows,
    refusals: [],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res, w) => expect(res.json().items).toMatchObject([{ id: get(w, 'alertId'), serviceId: w.A }]),
  },
  {
    route: 'POST /api/records/alerts/:alertId/acknowledge',
    title: "acknowledge A's risk alert",
    url: (w) => `/api/records/alerts/${get(w, 'alertId')}/acknowledge`,
    prepare: alertOfA,
    watch: recordRows,
    refusals: [
      forbidden('counsellorA'),
      forbidden('targetAB'),
      nf('headB', 'risk_alert.not_found'),
      nf('counsellorB', 'risk_alert.not_found'),
      nf('analyst', 'risk_alert.not_found'),
      nf('admin', 'risk_alert.not_found'),
    ],
    allowed: 'supervisorA',
    okStatus: 200,
    verify: (res) => expect(res.json().acknowledgedAt).not.toBeNull(),
  },
  {
    route: 'GET /api/records/classification',
    title: 'the classification of reasons (national and A’s own)',
    url: (w) => `/api/records/classification?serviceId=${w.A}`,
    refusals: [],
    allowed: 'counsellorA',
    okStatus: 200,
    verify: (res) => expect(res.json().categories.length).toBeGreaterThan(5),
  },
  {
    route: 'POST /api/records/classification/codes',
    title: "add a reason subcategory of A's own",
    url: () => '/api/records/classification/codes',
    payload: stable('code', (w) => ({
      serviceId: w.A,
      categoryCode: 'school',
      labelRu: `Своя причина ${w.A.slice(0, 8)}`,
      labelEn: 'Own reason',
    })),
    watch: recordRows,
    refusals: [
      forbidden('counsellorA'),
      forbidden('supervisorA'),
      forbidden('targetAB'),
      nf('headB'),
      nf('counsellorB'),
      nf('analyst'),
      nf('admin'),
    ],
    allowed: 'headA',
    okStatus: 201,
    verify: (res) => expect(res.json().code).toMatch(/^school\.svc_[0-9a-f]{8}$/),
  },
];
