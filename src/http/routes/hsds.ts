// The Open Referral HSDS 3.0 API of the directory (paths, parameters and answers as the standard's
// OpenAPI gives them): under /api/hsds for signed-in staff, in their scope; and the same under
// /api/hsds/public/:serviceId without signing in, only while that helpline's directory is public
// (its entries and the national ones). Plus the helpline's setting that opens it.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import { getDirectorySettings, publicScope, putDirectorySettings, staffScope } from '../../domain/directory/hsdsAccess.js';
import {
  getOrganization,
  getService,
  getServiceAtLocation,
  getTaxonomy,
  getTaxonomyTerm,
  HSDS_PROFILE,
  HSDS_VERSION,
  listOrganizations,
  listServiceAtLocations,
  listServices,
  listTaxonomies,
  listTaxonomyTerms,
  type HsdsReader,
} from '../../domain/directory/hsdsReads.js';
import {
  directorySettingsSchema,
  hsdsMetaSchema,
  hsdsObjectSchema,
  hsdsOrganizationQuerySchema,
  hsdsOrganizationsQuerySchema,
  hsdsPageSchema,
  hsdsServiceAtLocationsQuerySchema,
  hsdsServicesQuerySchema,
  hsdsTaxonomiesQuerySchema,
  hsdsTaxonomyTermsQuerySchema,
} from '../../domain/directory/hsdsSchemas.js';
import { unitDeps } from '../deps.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { Access, App, AppDeps } from '../types.js';

const tags = ['hsds'];

interface Side {
  prefix: string;
  access: Access;
  params: z.ZodObject;
  withId: z.ZodObject;
  reader(request: FastifyRequest): Promise<HsdsReader>;
}

export function hsdsRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  const staffParams = z.object({}).strict();
  const publicParams = z.object({ serviceId: idInput() }).strict();
  const sides: Side[] = [
    {
      prefix: '/api/hsds',
      access: 'staff',
      params: staffParams,
      withId: staffParams.extend({ id: idInput() }),
      reader: async (request) => ({ db, scope: await staffScope(db, actorOf(request)), anonymous: false }),
    },
    {
      prefix: '/api/hsds/public/:serviceId',
      access: 'public',
      params: publicParams,
      withId: publicParams.extend({ id: idInput() }),
      reader: async (request) => ({
        db,
        scope: await publicScope(db, (request.params as { serviceId: string }).serviceId),
        anonymous: true,
      }),
    },
  ];
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const openapiUrl = (request: FastifyRequest) => `${deps.config.publicUrl ?? `${request.protocol}://${request.host}`}/api/openapi.json`;

  for (const side of sides) {
    const at = (path: string) => `${side.prefix}${path}`;
    const config = { access: side.access };
    const list = <Q extends z.ZodType>(what: string, querystring: Q) => ({
      config,
      schema: { tags, params: side.params, querystring, response: withErrors({ 200: hsdsPageSchema(what) }) },
    });
    const item = (what: string) => ({
      config,
      schema: { tags, params: side.withId, response: withErrors({ 200: hsdsObjectSchema(what) }) },
    });

    app.get(at('/'), { config, schema: { tags, params: side.params, response: withErrors({ 200: hsdsMetaSchema }) } }, async (request) => {
      await side.reader(request);
      return { version: HSDS_VERSION, profile: HSDS_PROFILE, openapi_url: openapiUrl(request) };
    });
    app.get(at('/services'), list('compiled/service_list', hsdsServicesQuerySchema), async (request) =>
      listServices(await side.reader(request), request.query),
    );
    app.get(at('/services/:id'), item('compiled/service'), async (request) => getService(await side.reader(request), idOf(request)));
    app.get(at('/organizations'), list('compiled/organization_list', hsdsOrganizationsQuerySchema), async (request) =>
      listOrganizations(await side.reader(request), request.query),
    );
    app.get(
      at('/organizations/:id'),
      { ...item('compiled/organization'), schema: { ...item('compiled/organization').schema, querystring: hsdsOrganizationQuerySchema } },
      async (request) => getOrganization(await side.reader(request), idOf(request), request.query.full_service ?? false),
    );
    app.get(at('/service_at_locations'), list('compiled/service_at_location_list', hsdsServiceAtLocationsQuerySchema), async (request) =>
      listServiceAtLocations(await side.reader(request), request.query),
    );
    app.get(at('/service_at_locations/:id'), item('compiled/service_at_location'), async (request) =>
      getServiceAtLocation(await side.reader(request), idOf(request)),
    );
    app.get(at('/taxonomies'), list('taxonomy', hsdsTaxonomiesQuerySchema), async (request) =>
      listTaxonomies(await side.reader(request), request.query),
    );
    app.get(at('/taxonomies/:id'), item('taxonomy'), async (request) => getTaxonomy(await side.reader(request), idOf(request)));
    app.get(at('/taxonomy_terms'), list('taxonomy_term', hsdsTaxonomyTermsQuerySchema), async (request) =>
      listTaxonomyTerms(await side.reader(request), request.query),
    );
    app.get(at('/taxonomy_terms/:id'), item('taxonomy_term'), async (request) =>
      getTaxonomyTerm(await side.reader(request), idOf(request)),
    );
  }

  const settingsParams = z.object({ serviceId: idInput() }).strict();
  app.get(
    '/api/services/:serviceId/directory/settings',
    { schema: { tags: ['directory'], params: settingsParams, response: withErrors({ 200: directorySettingsSchema }) } },
    async (request) => getDirectorySettings(db, actorOf(request), request.params.serviceId),
  );
  app.put(
    '/api/services/:serviceId/directory/settings',
    {
      schema: {
        tags: ['directory'],
        params: settingsParams,
        body: directorySettingsSchema,
        response: withErrors({ 200: directorySettingsSchema }),
      },
    },
    async (request) => putDirectorySettings(unitDeps(deps), actorOf(request), request.params.serviceId, request.body),
  );
}
