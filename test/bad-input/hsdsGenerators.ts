// The bad-input suite's bodies and baselines for the HSDS API (as the admin, who reads every
// helpline's entries; the public routes without a session, on `svc`, whose directory the fixture
// makes public) and the directory's public-access setting. Objects by id name what does not exist,
// but for the organization (its route reads a query).
import fc from 'fast-check';
import type { Fixture } from './fixture.js';
import { shaped } from './generators.js';
import type { Baseline } from './oracle.js';

type Mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) => fc.Arbitrary<T | U>;

export function hsdsShapes(_fx: Fixture, mostly: Mostly) {
  return {
    // Only ever `true` when valid: the public routes' baselines need `svc` to stay public.
    'PUT /api/services/:serviceId/directory/settings': shaped({
      public: mostly(fc.constant(true), fc.constantFrom('true', 1, 0, null, 'public')),
    }),
  };
}

export function hsdsBaselines(fx: Fixture): Record<string, Baseline> {
  const out: Record<string, Baseline> = {};
  for (const [prefix, url] of [
    ['/api/hsds', '/api/hsds'],
    ['/api/hsds/public/:serviceId', `/api/hsds/public/${fx.svc}`],
  ] as const) {
    out[`GET ${prefix}/`] = { url: `${url}/`, status: 200 };
    for (const list of ['services', 'organizations', 'service_at_locations', 'taxonomies', 'taxonomy_terms']) {
      out[`GET ${prefix}/${list}`] = { url: `${url}/${list}`, status: 200 };
      out[`GET ${prefix}/${list}/:id`] = { url: `${url}/${list}/${fx.missing}`, status: 404, code: 'directory.not_found' };
    }
    // The one object route with a query (full_service): a valid query reads what exists.
    out[`GET ${prefix}/organizations/:id`] = { url: `${url}/organizations/${fx.organization}`, status: 200 };
  }
  out['GET /api/services/:serviceId/directory/settings'] = { url: `/api/services/${fx.svc}/directory/settings`, status: 200 };
  out['PUT /api/services/:serviceId/directory/settings'] = {
    url: `/api/services/${fx.missing}/directory/settings`,
    body: { public: true },
    status: 404,
    code: 'service.not_found',
  };
  return out;
}
