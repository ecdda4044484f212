// The bad-input suite's bodies and baselines for the contact record routes (called as the head of
// `svc`, who may read and change its records): bodies of about the right shape, and harmless
// baselines that name what does not exist.
import fc from 'fast-check';
import type { Fixture } from './fixture.js';
import { CURRENT, shaped } from './generators.js';
import type { Baseline } from './oracle.js';

type Mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) => fc.Arbitrary<T | U>;

export function recordShapes(fx: Fixture, mostly: Mostly, text: (max: number) => fc.Arbitrary<string>) {
  const version = mostly(fc.constant(CURRENT), fc.integer({ min: -2, max: 4 }));
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const fields = fc.record(
    {
      contactType: mostly(fc.constantFrom('counselling', 'silent', 'prank'), fc.constantFrom('missed', 'Counselling', '')),
      callerType: maybe(mostly(fc.constantFrom('child', 'parent', 'other_adult'), fc.constantFrom('kid', ''))),
      childGender: maybe(fc.constantFrom('boy', 'girl', 'unknown', 'other')),
      childAge: maybe(mostly(fc.integer({ min: 0, max: 120 }), fc.constantFrom(-1, 121, 7.5, 1e9))),
      localityType: maybe(fc.constantFrom('city', 'town', 'rural', 'village')),
      region: maybe(mostly(fc.constantFrom('Тверская область'), text(120))),
      vulnerable: fc.array(fc.constantFrom('orphan', 'disability', 'orphan', 'alien'), { maxLength: 3 }),
      heardFrom: maybe(fc.constantFrom('school', 'internet', 'radio')),
      language: maybe(mostly(fc.constantFrom('ru', 'en'), fc.constantFrom('RU', 'rus', ''))),
      reasons: fc.array(mostly(fc.constantFrom('school.performance', 'peers.friendship'), fc.constantFrom('school.nope', 'x', '', 'A.B')), {
        maxLength: 3,
      }),
      riskAnswers: maybe(fc.record({ q1: fc.constantFrom('yes', 'no', 'maybe') }, { requiredKeys: [] })),
      actions: fc.array(fc.constantFrom('support', 'referred', 'hug'), { maxLength: 3 }),
      referral: maybe(text(60)),
      summary: maybe(mostly(text(200), fc.constantFrom('я'.repeat(20_001), 'nul\u0000byte'))),
    },
    { requiredKeys: [] },
  );
  const answers = fc.record(
    {
      q1: fc.constantFrom('yes', 'no', 'unknown', 'YES'),
      q2: fc.constantFrom('yes', 'no'),
      q6: fc.constantFrom('yes', 'no'),
      q6_now: fc.constantFrom('yes', 'no'),
      q7: fc.constant('yes'),
    },
    { requiredKeys: [] },
  );
  const id = mostly(fc.oneof(fc.uuid(), fc.constant(fx.contact)), fc.constantFrom('', 'not-a-uuid'));
  const serviceId = mostly(fc.oneof(fc.constant(fx.svc), fc.uuid()), fc.constantFrom('', 'not-a-uuid'));
  return {
    'POST /api/records': shaped({
      id,
      serviceId,
      channel: mostly(fc.constantFrom('voice', 'letter', 'in_person'), fc.constantFrom('sms', '')),
      arrivedAt: mostly(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom('yesterday', '2025-13-01T00:00:00Z'),
      ),
    }),
    'PATCH /api/records/:recordId': shaped({ version, fields }),
    'POST /api/records/:recordId/finalize': shaped({ version, fields }),
    'POST /api/records/:recordId/risk': shaped({ version, answers }),
    'POST /api/records/classification/codes': shaped({
      serviceId,
      categoryCode: mostly(fc.constantFrom('school', 'peers', 'no_such_category'), fc.constantFrom('School', '', 'a.b')),
      labelRu: mostly(text(40), fc.constantFrom('', ' ', 'я'.repeat(201))),
      labelEn: text(40),
      nationalRow: mostly(fc.constantFrom('school', 'other'), fc.constantFrom('nowhere', '')),
    }),
  };
}

export function recordBaselines(fx: Fixture): Record<string, Baseline> {
  const noRecord = { status: 404, code: 'record.not_found' } as const;
  const record = (suffix = '') => `/api/records/${fx.missing}${suffix}`;
  return {
    'POST /api/records': {
      url: '/api/records',
      body: { id: fx.missing, serviceId: fx.missing, channel: 'voice' },
      status: 404,
      code: 'service.not_found',
    },
    'GET /api/records/:recordId': { url: record(), ...noRecord },
    'PATCH /api/records/:recordId': { url: record(), body: { version: 1, fields: {} }, ...noRecord },
    'POST /api/records/:recordId/finalize': { url: record('/finalize'), body: { version: 1 }, ...noRecord },
    'POST /api/records/:recordId/risk': { url: record('/risk'), body: { version: 1, answers: {} }, ...noRecord },
    'GET /api/records/alerts': { url: '/api/records/alerts', status: 200 },
    'POST /api/records/alerts/:alertId/acknowledge': {
      url: `/api/records/alerts/${fx.missing}/acknowledge`,
      status: 404,
      code: 'risk_alert.not_found',
    },
    'GET /api/records/classification': { url: '/api/records/classification', status: 200 },
    'POST /api/records/classification/codes': {
      url: '/api/records/classification/codes',
      body: { serviceId: fx.missing, categoryCode: 'school', labelRu: 'Причина', labelEn: 'Reason' },
      status: 404,
      code: 'service.not_found',
    },
  };
}
