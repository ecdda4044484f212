// The bad-input suite's bodies and baselines for the directory's HSDS import and export (called as
// the admin): tabular HSDS JSON of about the right shape (some imports really run on `svc`, most rows
// are refused row by row inside the job), export formats; baselines name a service that does not exist.
import fc from 'fast-check';
import type { Fixture } from './fixture.js';
import { shaped } from './generators.js';
import type { Baseline } from './oracle.js';

type Mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) => fc.Arbitrary<T | U>;

export function directoryTransferShapes(_fx: Fixture, mostly: Mostly, text: (max: number) => fc.Arbitrary<string>) {
  const id = mostly(fc.uuid(), fc.constantFrom('', 'not-a-uuid', 'D9D5E0F5-D3CE-4F73-9A2F-4DD0ECC6C610'));
  const row = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.array(shaped({ id, ...fields }), { maxLength: 3 });
  return {
    'POST /api/services/:serviceId/directory/imports': shaped({
      'organizations.csv': row({ name: text(40), description: text(80), year_incorporated: mostly(fc.integer(), text(8)) }),
      'services.csv': row({
        name: text(40),
        status: mostly(fc.constantFrom('active', 'inactive'), text(10)),
        minimum_age: mostly(fc.integer({ min: 0, max: 120 }), fc.constantFrom('12 лет', -1, 1e308)),
        email: mostly(fc.constantFrom('help@example.ru'), text(20)),
        assured_date: mostly(fc.constantFrom('2025-01-31'), fc.constantFrom('2025-02-30', '31.01.2025')),
      }),
    }),
    'POST /api/services/:serviceId/directory/exports': shaped({
      format: mostly(fc.constantFrom('json', 'csv'), fc.constantFrom('xml', 'JSON', '', 'zip')),
    }),
  };
}

export function directoryTransferBaselines(fx: Fixture): Record<string, Baseline> {
  const noJob = { status: 404, code: 'directory.job_not_found' } as const;
  return {
    'POST /api/services/:serviceId/directory/imports': {
      url: `/api/services/${fx.missing}/directory/imports`,
      body: {},
      status: 404,
      code: 'service.not_found',
    },
    'GET /api/directory/imports/:jobId': { url: `/api/directory/imports/${fx.missing}`, ...noJob },
    'POST /api/services/:serviceId/directory/exports': {
      url: `/api/services/${fx.missing}/directory/exports`,
      body: { format: 'json' },
      status: 404,
      code: 'service.not_found',
    },
    'GET /api/directory/exports/:jobId': { url: `/api/directory/exports/${fx.missing}`, ...noJob },
    'GET /api/directory/exports/:jobId/file': { url: `/api/directory/exports/${fx.missing}/file`, ...noJob },
  };
}
