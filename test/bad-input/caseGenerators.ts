// The bad-input suite's bodies, baselines and live objects for cases and signals (called as the head
// of `svc`, who sees its cases and signals): a case of the fixture's contact with a task, an agency of
// the service's list, and an imminent signal of the case to it (the head drafted it, so may send it
// at once but not approve it). Baselines name what does not exist.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { SignedIn, TestApp } from '../helpers/testApp.js';
import type { Fixture } from './fixture.js';
import { CURRENT, shaped } from './generators.js';
import type { Baseline } from './oracle.js';

type Mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) => fc.Arbitrary<T | U>;

/** Case and signal routes are the head's (the admin sees no case); so are a service's case settings and agencies. */
export const isCaseUrl = (url: string) =>
  /^\/api\/(cases|signals)(\/|$|\?)/.test(url) || /^\/api\/services\/[^/]+\/(case-settings|signal-agencies)/.test(url);

export interface CaseFixture {
  caseId: string;
  taskId: string;
  agencyId: string;
  signalId: string;
  addresseeId: string;
}

export async function makeCaseFixture(t: TestApp, head: SignedIn, svc: string, recordId: string): Promise<CaseFixture> {
  const must = async (method: 'POST', url: string, body: unknown) => {
    const res = await t.request(head, method, url, body);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const c = await must('POST', '/api/cases', {
    id: randomUUID(),
    recordId,
    basis: { kind: 'legal_duty', reason: 'imminent_risk' },
    personal: { childName: 'Фикстура', childAge: 10 },
  });
  const task = await must('POST', `/api/cases/${c.id}/tasks`, { title: 'Задача фикстуры', dueOn: '2030-01-01' });
  const agency = await must('POST', `/api/services/${svc}/signal-agencies`, {
    name: 'Опека',
    agencyType: 'guardianship',
    email: 'o@example.ru',
  });
  const signal = await must('POST', `/api/cases/${c.id}/signals`, {
    id: randomUUID(),
    urgency: 'imminent',
    reason: 'suicide_risk',
    facts: 'Фикстура',
    childFields: ['childName'],
    addressees: [{ source: 'list', agencyId: agency.id }],
  });
  return { caseId: c.id, taskId: task.id, agencyId: agency.id, signalId: signal.id, addresseeId: signal.addressees[0].id };
}

export function caseShapes(fx: Fixture, mostly: Mostly, text: (max: number) => fc.Arbitrary<string>) {
  const version = mostly(fc.constant(CURRENT), fc.integer({ min: -2, max: 4 }));
  const id = (...live: string[]) =>
    mostly(live.length > 0 ? fc.oneof(fc.constantFrom(...live), fc.uuid()) : fc.uuid(), fc.constantFrom('', 'not-a-uuid', `${fx.svc}0`));
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const instant = mostly(
    fc.integer({ min: -400, max: 2 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString()),
    fc.constantFrom('yesterday', '2025-13-01T00:00:00Z', ''),
  );
  const basis = fc.oneof(
    fc.record(
      {
        kind: fc.constant('consent'),
        by: mostly(fc.constantFrom('child', 'caller', 'parent'), fc.constantFrom('mother', '')),
        at: maybe(instant),
        purposes: fc.array(mostly(fc.constantFrom('callback', 'in_person', 'pass_to_agencies', 'referral'), fc.constant('spam')), {
          maxLength: 5,
        }),
      },
      { requiredKeys: ['kind'] },
    ),
    fc.record({
      kind: fc.constant('legal_duty'),
      reason: mostly(fc.constantFrom('imminent_risk', 'abuse'), fc.constantFrom('boredom', '')),
    }),
    fc.record({ kind: fc.constantFrom('whim', '') }),
  );
  const personal = fc.record(
    {
      childName: maybe(mostly(text(40), fc.constantFrom('', 'я'.repeat(201)))),
      childAge: maybe(mostly(fc.integer({ min: 0, max: 25 }), fc.constantFrom(-1, 26, 7.5))),
      address: maybe(text(60)),
      school: maybe(text(60)),
      family: maybe(mostly(text(60), fc.constantFrom('я'.repeat(2001)))),
    },
    { requiredKeys: [] },
  );
  const fields = fc.array(mostly(fc.constantFrom('childName', 'childAge', 'address', 'school', 'family'), fc.constantFrom('ssn', '')), {
    maxLength: 4,
  });
  const addressee = fc.oneof(
    fc.record(
      {
        source: fc.constant('list'),
        agencyId: id(fx.agencyId),
        channel: mostly(fc.constantFrom('email', 'phone', 'post'), fc.constant('pigeon')),
      },
      { requiredKeys: ['source', 'agencyId'] },
    ),
    fc.record({ source: fc.constant('directory'), directoryServiceId: id() }),
    fc.record({ source: fc.constantFrom('list', 'nowhere'), name: text(20) }),
  );
  const draft = {
    urgency: mostly(fc.constantFrom('normal', 'imminent'), fc.constantFrom('urgent', '')),
    reason: mostly(fc.constantFrom('physical_abuse', 'neglect', 'other'), fc.constantFrom('bad', '')),
    facts: mostly(text(200), fc.constantFrom('', 'я'.repeat(10_001))),
    addressees: fc.array(addressee, { maxLength: 3 }),
  };
  const day = mostly(fc.constantFrom('2026-01-15', '2030-12-31'), fc.constantFrom('2026-02-30', '15.01.2026', ''));
  const days = (min: number, max: number) => mostly(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1, 1.5));
  /** A service's calendar additions: days, sometimes repeated or not days (or a day in both lists: case.calendar_conflict). */
  const calendar = fc.array(mostly(fc.constantFrom('2027-03-13', '2027-11-05', '2028-01-10'), fc.constantFrom('2027-02-30', '')), {
    maxLength: 3,
  });
  const agency = {
    name: mostly(text(40), fc.constantFrom('', 'я'.repeat(301))),
    agencyType: mostly(fc.constantFrom('guardianship', 'police', 'kdn', 'other'), fc.constantFrom('army', '')),
    email: maybe(mostly(fc.constantFrom('a@example.ru'), fc.constantFrom('not-an-email', ''))),
    fax: maybe(text(20)),
    phone: maybe(mostly(text(20), fc.constantFrom('9'.repeat(51)))),
  };
  return {
    'POST /api/cases': shaped({ id: id(fx.caseId), recordId: id(fx.contact), basis, personal, assignedTo: id(fx.head.userId, fx.target) }),
    'PATCH /api/cases/:caseId': shaped({
      version,
      personal,
      assignedTo: id(fx.head.userId, fx.target),
      status: mostly(fc.constantFrom('open', 'in_work'), fc.constant('closed')),
    }),
    'POST /api/cases/:caseId/close': shaped({ version, reason: mostly(fc.constantFrom('resolved', 'other'), fc.constant('bored')) }),
    'POST /api/cases/:caseId/notes': shaped({ text: mostly(text(100), fc.constantFrom('', 'я'.repeat(10_001))) }),
    'POST /api/cases/:caseId/tasks': shaped({ title: mostly(text(60), fc.constantFrom('', 'я'.repeat(501))), dueOn: day }),
    'PATCH /api/cases/:caseId/tasks/:taskId': shaped({ done: fc.boolean() }),
    'POST /api/cases/:caseId/contacts': shaped({ recordId: id(fx.contact) }),
    'PUT /api/services/:serviceId/case-settings': shaped({
      retentionConsentDays: days(30, 36_500),
      retentionDutyDays: days(30, 36_500),
      retentionSignalDays: days(30, 36_500),
      ackWorkingDays: days(1, 30),
      outcomeWorkingDays: days(1, 120),
      extraDaysOff: calendar,
      extraWorkingDays: calendar,
    }),
    'POST /api/cases/:caseId/signals': shaped({ id: id(fx.signalId), ...draft, childFields: fields }),
    'POST /api/records/:recordId/signals': shaped({ id: id(fx.signalId), ...draft, child: personal }),
    'PATCH /api/signals/:signalId': shaped({ version, ...draft, childFields: fields, child: personal }),
    'POST /api/signals/:signalId/approve': shaped({ version }),
    'POST /api/signals/:signalId/send': shaped({ version }),
    'POST /api/signals/:signalId/review': shaped({ version }),
    'POST /api/signals/:signalId/addressees/:addresseeId/acknowledge': shaped({
      incomingNumber: mostly(text(20), fc.constantFrom('', 'я'.repeat(101))),
      incomingDate: day,
    }),
    'POST /api/signals/:signalId/outcome': shaped({
      version,
      outcome: mostly(fc.constantFrom('measures_taken', 'no_response'), fc.constantFrom('solved', '')),
      note: mostly(text(60), fc.constantFrom('', 'я'.repeat(5001))),
    }),
    'POST /api/signals/:signalId/close': shaped({ version }),
    'POST /api/services/:serviceId/signal-agencies': shaped(agency),
    'PATCH /api/services/:serviceId/signal-agencies/:agencyId': shaped({ version, ...agency, active: fc.boolean() }),
  };
}

export function caseBaselines(fx: Fixture): Record<string, Baseline> {
  const m = fx.missing;
  const noCase = { status: 404, code: 'case.not_found' } as const;
  const noSignal = { status: 404, code: 'signal.not_found' } as const;
  const signal = (action: string) => ({ url: `/api/signals/${m}/${action}`, body: { version: 1 }, ...noSignal });
  const draft = { id: m, urgency: 'normal', reason: 'other', facts: 'x', addressees: [] };
  const settings = { retentionConsentDays: 30, retentionDutyDays: 30, retentionSignalDays: 30, ackWorkingDays: 1, outcomeWorkingDays: 1 };
  return {
    'POST /api/cases': {
      url: '/api/cases',
      body: { id: m, recordId: m, basis: { kind: 'legal_duty', reason: 'abuse' } },
      status: 404,
      code: 'record.not_found',
    },
    'GET /api/cases': { url: '/api/cases', status: 400, code: 'request.invalid' },
    // An audited read of the live case (a valid query reads it).
    'GET /api/cases/:caseId': { url: `/api/cases/${fx.caseId}`, status: 200 },
    'PATCH /api/cases/:caseId': { url: `/api/cases/${m}`, body: { version: 1 }, ...noCase },
    'POST /api/cases/:caseId/close': { url: `/api/cases/${m}/close`, body: { version: 1, reason: 'resolved' }, ...noCase },
    'POST /api/cases/:caseId/notes': { url: `/api/cases/${m}/notes`, body: { text: 'x' }, ...noCase },
    'POST /api/cases/:caseId/tasks': { url: `/api/cases/${m}/tasks`, body: { title: 'x', dueOn: '2030-01-01' }, ...noCase },
    'PATCH /api/cases/:caseId/tasks/:taskId': {
      url: `/api/cases/${fx.caseId}/tasks/${m}`,
      body: { done: true },
      status: 404,
      code: 'case.task_not_found',
    },
    'GET /api/cases/:caseId/candidates': { url: `/api/cases/${m}/candidates`, ...noCase },
    'GET /api/cases/:caseId/assignees': { url: `/api/cases/${m}/assignees`, ...noCase },
    'POST /api/cases/:caseId/contacts': { url: `/api/cases/${m}/contacts`, body: { recordId: m }, ...noCase },
    'GET /api/services/:serviceId/case-settings': { url: `/api/services/${fx.svc}/case-settings`, status: 200 },
    'PUT /api/services/:serviceId/case-settings': {
      url: `/api/services/${m}/case-settings`,
      body: settings,
      status: 404,
      code: 'service.not_found',
    },
    'POST /api/cases/:caseId/signals': { url: `/api/cases/${m}/signals`, body: draft, ...noCase },
    'POST /api/records/:recordId/signals': { url: `/api/records/${m}/signals`, body: draft, status: 404, code: 'record.not_found' },
    'GET /api/signals': { url: '/api/signals', status: 400, code: 'request.invalid' },
    'GET /api/signals/overdue': { url: '/api/signals/overdue', status: 200 },
    'GET /api/signals/:signalId': { url: `/api/signals/${m}`, ...noSignal },
    'GET /api/signals/:signalId/letter': { url: `/api/signals/${m}/letter`, ...noSignal },
    'GET /api/signals/:signalId/letter.pdf': { url: `/api/signals/${m}/letter.pdf`, ...noSignal },
    'GET /api/signals/channels': { url: '/api/signals/channels', status: 200 },
    'PATCH /api/signals/:signalId': { url: `/api/signals/${m}`, body: { version: 1 }, ...noSignal },
    'POST /api/signals/:signalId/approve': signal('approve'),
    'POST /api/signals/:signalId/send': signal('send'),
    'POST /api/signals/:signalId/review': signal('review'),
    'POST /api/signals/:signalId/addressees/:addresseeId/acknowledge': {
      url: `/api/signals/${fx.signalId}/addressees/${m}/acknowledge`,
      body: { incomingNumber: '1', incomingDate: '2026-01-01' },
      status: 404,
      code: 'signal.addressee_not_found',
    },
    'POST /api/signals/:signalId/outcome': { url: `/api/signals/${m}/outcome`, body: { version: 1, outcome: 'other' }, ...noSignal },
    'POST /api/signals/:signalId/close': signal('close'),
    'GET /api/services/:serviceId/signal-agencies': { url: `/api/services/${fx.svc}/signal-agencies`, status: 200 },
    'POST /api/services/:serviceId/signal-agencies': {
      url: `/api/services/${m}/signal-agencies`,
      body: { name: 'x', agencyType: 'other' },
      status: 404,
      code: 'service.not_found',
    },
    'PATCH /api/services/:serviceId/signal-agencies/:agencyId': {
      url: `/api/services/${fx.svc}/signal-agencies/${m}`,
      body: { version: 1 },
      status: 404,
      code: 'signal.agency_not_found',
    },
    'GET /api/reports/signals': { url: '/api/reports/signals', status: 400, code: 'request.invalid' },
  };
}
