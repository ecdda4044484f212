// The HSDS API's routes in the route catalogue (test/helpers/routeCatalogue.ts): the staff's under
// /api/hsds, the same without a session under /api/hsds/public/:serviceId (404 unless that helpline's
// directory is public: test/directory/hsds-public.test.ts), and the setting that opens it.
import {
  directorySettingsSchema,
  hsdsOrganizationQuerySchema,
  hsdsOrganizationsQuerySchema,
  hsdsServiceAtLocationsQuerySchema,
  hsdsServicesQuerySchema,
  hsdsTaxonomiesQuerySchema,
  hsdsTaxonomyTermsQuerySchema,
} from '../../src/domain/directory/hsdsSchemas.js';
import type { z } from 'zod';
import type { Param, RouteEntry } from '../helpers/routeCatalogue.js';

function side(prefix: string, access: 'staff' | 'public', params: Param[]): RouteEntry[] {
  const list = (path: string, query?: z.ZodType): RouteEntry => ({
    method: 'GET',
    url: `${prefix}${path}`,
    access,
    ...(params.length ? { params } : {}),
    ...(query ? { query } : {}),
  });
  const item = (path: string, query?: z.ZodType): RouteEntry => ({ ...list(`${path}/:id`, query), params: [...params, 'id'] });
  return [
    list('/'),
    list('/services', hsdsServicesQuerySchema),
    item('/services'),
    list('/organizations', hsdsOrganizationsQuerySchema),
    item('/organizations', hsdsOrganizationQuerySchema),
    list('/service_at_locations', hsdsServiceAtLocationsQuerySchema),
    item('/service_at_locations'),
    list('/taxonomies', hsdsTaxonomiesQuerySchema),
    item('/taxonomies'),
    list('/taxonomy_terms', hsdsTaxonomyTermsQuerySchema),
    item('/taxonomy_terms'),
  ];
}

export const HSDS_ROUTES: readonly RouteEntry[] = [
  ...side('/api/hsds', 'staff', []),
  ...side('/api/hsds/public/:serviceId', 'public', ['serviceId']),
  { method: 'GET', url: '/api/services/:serviceId/directory/settings', access: 'staff', params: ['serviceId'] },
  {
    method: 'PUT',
    url: '/api/services/:serviceId/directory/settings',
    access: 'staff',
    params: ['serviceId'],
    body: directorySettingsSchema,
  },
];

/** The HSDS API without a session (the unauthorised suite names every public route). */
export const HSDS_PUBLIC_ROUTES = HSDS_ROUTES.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
