// The bad-input suite's bodies and baselines for the directory's staff routes (called as the admin,
// who may edit every helpline's directory): entries and terms of about the right shape, with values
// the schemas accept and values just outside them (phones, HH:MM times, ages 0–25, region codes);
// fuzzed PUTs change the fixture's entry and term; baselines name what does not exist.
import fc from 'fast-check';
import { termId } from '../../src/domain/directory/taxonomySeed.js';
import type { Fixture } from './fixture.js';
import { shaped } from './generators.js';
import type { Baseline } from './oracle.js';

type Mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) => fc.Arbitrary<T | U>;

export function directoryShapes(fx: Fixture, mostly: Mostly, text: (max: number) => fc.Arbitrary<string>) {
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const time = mostly(fc.constantFrom('00:00', '09:00', '18:30', '23:59'), fc.constantFrom('9:00', '24:01', '12:60', 'noon', ''));
  const age = mostly(fc.integer({ min: 0, max: 25 }), fc.constantFrom(-1, 26, 7.5, 1e9));
  const fields = {
    organizationName: maybe(text(60)),
    name: mostly(text(60), fc.constantFrom('', '   ', 'я'.repeat(301))),
    description: maybe(text(200)),
    phones: fc.array(
      fc.record({
        number: mostly(
          fc.constantFrom('8-800-2000-122', '+7 (4922) 12-34-56', '112'),
          fc.constantFrom('1', 'звоните', '+7'.repeat(20), ''),
        ),
        description: maybe(text(40)),
      }),
      { maxLength: 3 },
    ),
    address: maybe(
      fc.record({
        address1: text(60),
        city: mostly(text(30), fc.constant('')),
        region: maybe(text(40)),
        postalCode: maybe(mostly(fc.constant('600000'), fc.constantFrom('6000', 'abcdef', ''))),
      }),
    ),
    schedules: fc.array(
      fc.record({
        days: mostly(fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], { minLength: 1 }), fc.constantFrom([], ['XX'], ['MO', 'MO'])),
        opens: time,
        closes: mostly(time, fc.constant('24:00')),
      }),
      { maxLength: 3 },
    ),
    closedDates: fc.array(mostly(fc.constantFrom('2026-01-01', '2027-05-09'), fc.constantFrom('2026-02-30', '01.01.2026', '')), {
      maxLength: 3,
    }),
    areaCodes: fc.array(mostly(fc.constantFrom('RU', 'RU-VLA', 'RU-SPE'), fc.constantFrom('RU-XXX', 'ru-vla', 'VLA', '')), {
      maxLength: 3,
    }),
    termIds: fc.array(mostly(fc.oneof(fc.constant(termId('crisis')), fc.constant(fx.term), fc.uuid()), fc.constantFrom('', 'crisis')), {
      maxLength: 3,
    }),
    minAge: maybe(age),
    maxAge: maybe(age),
    free: fc.boolean(),
    feesDescription: maybe(text(40)),
    email: maybe(mostly(fc.constant('help@example.org'), fc.constantFrom('not-an-email', '@'))),
    url: maybe(mostly(fc.constant('https://example.org/help'), fc.constantFrom('ftp://example.org', 'javascript:alert(1)', 'example'))),
    referralNote: maybe(text(100)),
    assuredDate: maybe(mostly(fc.constant('2026-01-15'), fc.constantFrom('2026-13-01', 'вчера'))),
  };
  const updatedAt = mostly(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('', 'yesterday', '2026-01-01'),
  );
  const name = mostly(text(40), fc.constantFrom('', ' ', 'я'.repeat(201)));
  const parentId = maybe(mostly(fc.oneof(fc.constant(termId('crisis')), fc.constant(fx.term), fc.uuid()), fc.constantFrom('', 'nope')));
  return {
    'POST /api/services/:serviceId/directory/entries': shaped(fields),
    'PUT /api/directory/entries/:entryId': shaped({ ...fields, updatedAt }),
    'POST /api/services/:serviceId/directory/terms': shaped({
      name,
      parentId,
      code: mostly(fc.stringMatching(/^[a-z][a-z0-9.]{2,10}$/), fc.constantFrom('Crisis', '', 'a b', '.x')),
    }),
    'PUT /api/directory/terms/:termId': shaped({ name, parentId }),
  };
}

export function directoryBaselines(fx: Fixture): Record<string, Baseline> {
  const noEntry = { status: 404, code: 'directory.not_found' } as const;
  const noTerm = { status: 404, code: 'directory.term_not_found' } as const;
  const noService = { status: 404, code: 'service.not_found' } as const;
  const entry = (suffix = '') => `/api/directory/entries/${fx.missing}${suffix}`;
  return {
    'GET /api/directory/services': { url: '/api/directory/services', status: 200 },
    'GET /api/directory/services/:entryId': { url: `/api/directory/services/${fx.missing}`, ...noEntry },
    'GET /api/directory/terms': { url: '/api/directory/terms', status: 200 },
    'GET /api/directory/regions': { url: '/api/directory/regions', status: 200 },
    'POST /api/services/:serviceId/directory/entries': {
      url: `/api/services/${fx.missing}/directory/entries`,
      body: { name: 'Проверка' },
      ...noService,
    },
    'GET /api/directory/entries/:entryId': { url: entry(), ...noEntry },
    'PUT /api/directory/entries/:entryId': { url: entry(), body: { name: 'Проверка', updatedAt: '2026-01-01T00:00:00Z' }, ...noEntry },
    'DELETE /api/directory/entries/:entryId': { url: entry(), ...noEntry },
    'POST /api/directory/entries/:entryId/verify': { url: entry('/verify'), ...noEntry },
    'POST /api/services/:serviceId/directory/terms': {
      url: `/api/services/${fx.missing}/directory/terms`,
      body: { name: 'Проверка', parentId: null },
      ...noService,
    },
    'PUT /api/directory/terms/:termId': { url: `/api/directory/terms/${fx.missing}`, body: { name: 'Проверка' }, ...noTerm },
    'DELETE /api/directory/terms/:termId': { url: `/api/directory/terms/${fx.missing}`, ...noTerm },
  };
}
