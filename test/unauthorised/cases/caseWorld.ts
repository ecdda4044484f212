// The little world of the case and signal refusal cases: what each case prepares in service A (a
// record, a case of counsellorA's with the child's data and a task, an agency of A's list, a signal of
// the case drafted, approved, sent, sent urgently or with its outcome), the rows a refused call could
// change, and who is refused what.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/testApp.js';
import { forbidden, nf, type Case, type Refusal } from '../runCase.js';
import { call, type Who, type World } from '../world.js';
export interface Made {
  recordId: string;
  caseId: string;
  taskId: string;
  agencyId: string;
  signalId: string;
  addresseeId: string;
  otherRecordId: string;
}
export const made = new WeakMap<World, Partial<Made>>();
export const get = <K extends keyof Made>(w: World, k: K): string => {
  const v = made.get(w)?.[k];
  if (!v) throw new Error(`prepare made no ${k}`);
  return v;
};
export const remember = (w: World, m: Partial<Made>): void => void made.set(w, { ...made.get(w), ...m });

export async function must(t: TestApp, w: World, who: Who, method: string, url: string, payload?: unknown) {
  const res = await call(t, method, url, payload, w.people[who]);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

export const recordOfA = async (t: TestApp, w: World) =>
  remember(w, {
    recordId: (await must(t, w, 'counsellorA', 'POST', '/api/records', { id: randomUUID(), serviceId: w.A, channel: 'in_person' })).id,
  });

export const agencyOfA = async (t: TestApp, w: World) =>
  remember(w, {
    agencyId: (
      await must(t, w, 'supervisorA', 'POST', `/api/services/${w.A}/signal-agencies`, {
        name: 'Отдел опеки',
        agencyType: 'guardianship',
        email: 'opeka@example.ru',
      })
    ).id,
  });

/** A case of A opened by counsellorA with consent and the child's name. */
export async function caseOfA(t: TestApp, w: World): Promise<void> {
  await recordOfA(t, w);
  const basis = { kind: 'consent', by: 'child', at: new Date(t.clock.now().getTime() - 60_000).toISOString(), purposes: ['in_person'] };
  const c = await must(t, w, 'counsellorA', 'POST', '/api/cases', {
    id: randomUUID(),
    recordId: get(w, 'recordId'),
    basis,
    personal: { childName: 'Иванов Петя', school: 'Школа № 1' },
  });
  remember(w, { caseId: c.id });
}

export async function taskOfA(t: TestApp, w: World): Promise<void> {
  await caseOfA(t, w);
  remember(w, {
    taskId: (await must(t, w, 'counsellorA', 'POST', `/api/cases/${get(w, 'caseId')}/tasks`, { title: 'Позвонить', dueOn: '2030-01-01' }))
      .id,
  });
}

/** A drafted signal of A's case by counsellorA to A's agency (urgent when asked). */
export async function signalOfA(t: TestApp, w: World, urgency = 'normal'): Promise<void> {
  await caseOfA(t, w);
  await agencyOfA(t, w);
  const s = await must(t, w, 'counsellorA', 'POST', `/api/cases/${get(w, 'caseId')}/signals`, {
    id: randomUUID(),
    urgency,
    reason: 'neglect',
    facts: 'Ребёнок один дома',
    childFields: ['childName'],
    addressees: [{ source: 'list', agencyId: get(w, 'agencyId') }],
  });
  remember(w, { signalId: s.id, addresseeId: s.addressees[0].id });
}
export const approvedOfA = async (t: TestApp, w: World) => {
  await signalOfA(t, w);
  await must(t, w, 'supervisorA', 'POST', `/api/signals/${get(w, 'signalId')}/approve`, { version: 1 });
};
export const sentOfA = async (t: TestApp, w: World) => {
  await approvedOfA(t, w);
  await must(t, w, 'counsellorA', 'POST', `/api/signals/${get(w, 'signalId')}/send`, { version: 2 });
};
export const urgentSentOfA = async (t: TestApp, w: World) => {
  await signalOfA(t, w, 'imminent');
  await must(t, w, 'counsellorA', 'POST', `/api/signals/${get(w, 'signalId')}/send`, { version: 1 });
};
export const outcomeOfA = async (t: TestApp, w: World) => {
  await sentOfA(t, w);
  await must(t, w, 'counsellorA', 'POST', `/api/signals/${get(w, 'signalId')}/outcome`, { version: 3, outcome: 'measures_taken' });
};

/** Every row of A's and B's cases and signals a refused call could have changed. */
export async function caseRows(t: TestApp, w: World) {
  const services = [w.A, w.B];
  return {
    cases: await t.db.selectFrom('cases').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    notes: await t.db.selectFrom('case_notes').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    tasks: await t.db.selectFrom('case_tasks').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    contacts: await t.db
      .selectFrom('case_contacts')
      .selectAll()
      .where('service_id', 'in', services)
      .orderBy('case_id')
      .orderBy('record_id')
      .execute(),
    signals: await t.db.selectFrom('signals').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    addressees: await t.db.selectFrom('signal_addressees').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    agencies: await t.db.selectFrom('signal_agencies').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    counters: await t.db.selectFrom('signal_counters').selectAll().where('service_id', 'in', services).orderBy('service_id').execute(),
    settings: await t.db.selectFrom('case_settings').selectAll().where('service_id', 'in', services).orderBy('service_id').execute(),
    acts: await t.db.selectFrom('destruction_acts').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
    records: await t.db.selectFrom('contact_records').selectAll().where('service_id', 'in', services).orderBy('id').execute(),
  };
}

export const outsiders: Who[] = ['targetA', 'targetAB', 'headB', 'counsellorB', 'analyst', 'admin'];
export const notCase = outsiders.map((who) => nf(who, 'case.not_found'));
export const notSignal = outsiders.map((who) => nf(who, 'signal.not_found'));
export const notService = (...who: Who[]): Refusal[] => who.map((x) => nf(x));
export const caseUrl =
  (suffix = '') =>
  (w: World) =>
    `/api/cases/${get(w, 'caseId')}${suffix}`;
export const signalUrl =
  (suffix = '') =>
  (w: World) =>
    `/api/signals/${get(w, 'signalId')}${suffix}`;
export const settings = {
  retentionConsentDays: 100,
  retentionDutyDays: 200,
  retentionSignalDays: 300,
  ackWorkingDays: 2,
  outcomeWorkingDays: 9,
};
export const fourEyes: Refusal[] = [forbidden('counsellorA'), ...notSignal];

export const caseCase = (route: string, title: string, extra: Partial<Case>): Case => ({
  route,
  title,
  url: caseUrl(),
  prepare: caseOfA,
  watch: caseRows,
  refusals: notCase,
  allowed: 'counsellorA',
  okStatus: 200,
  ...extra,
});
export const signalCase = (route: string, title: string, extra: Partial<Case>): Case => ({
  route,
  title,
  url: signalUrl(),
  prepare: (t, w) => signalOfA(t, w),
  watch: caseRows,
  refusals: notSignal,
  allowed: 'counsellorA',
  okStatus: 200,
  ...extra,
});
