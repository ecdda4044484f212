// The HSDS API's requests and answers as the standard's OpenAPI (vendor/hsds-3.0/schema/openapi.json)
// names them: snake_case query parameters, `page`/`per_page`, and the page shape (total_items …
// contents). The objects inside are built from the compiled schemas (hsdsShape.ts), field by field,
// so their declared shape here is an open object.
import { z } from 'zod';
import { idInput } from '../ids.js';
import { SEARCH_MAX } from './tsQuery.js';

export const HSDS_PER_PAGE_DEFAULT = 50;
export const HSDS_PER_PAGE_MAX = 100;
/** Deeper pages than this are refused (400): nobody pages through a million rows one by one. */
const PAGE_MAX = 100_000;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const paging = {
  page: z.coerce.number().int().min(1).max(PAGE_MAX).default(1),
  per_page: z.coerce.number().int().min(1).max(HSDS_PER_PAGE_MAX).default(HSDS_PER_PAGE_DEFAULT),
  /** Only JSON (the spec's `ndjson` stream is not offered). */
  format: z.literal('json').optional(),
};
/** Blank means no search. */
const search = z
  .string()
  .max(SEARCH_MAX)
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
/** "on or after this datetime": an ISO date-time with its offset, or a date (its UTC midnight). */
const modifiedAfter = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .optional()
  .transform((v) => (v === undefined ? undefined : new Date(v)));
const serviceFilters = {
  search,
  taxonomy_term_id: idInput().optional(),
  taxonomy_id: idInput().optional(),
  organization_id: idInput().optional(),
  modified_after: modifiedAfter,
};

export const hsdsServicesQuerySchema = z.object({ ...serviceFilters, ...paging, minimal: bool.optional(), full: bool.optional() }).strict();
export const hsdsServiceAtLocationsQuerySchema = z.object({ ...serviceFilters, ...paging, full: bool.optional() }).strict();
export const hsdsOrganizationsQuerySchema = z.object({ search, ...paging, full: bool.optional(), full_service: bool.optional() }).strict();
export const hsdsOrganizationQuerySchema = z.object({ full_service: bool.optional() }).strict();
export const hsdsTaxonomiesQuerySchema = z.object({ search, ...paging }).strict();
export const hsdsTaxonomyTermsQuerySchema = z
  .object({ search, ...paging, taxonomy_id: idInput().optional(), parent_id: idInput().optional(), top_only: bool.optional() })
  .strict();

export type HsdsServicesQuery = z.infer<typeof hsdsServicesQuerySchema>;
export type HsdsServiceAtLocationsQuery = z.infer<typeof hsdsServiceAtLocationsQuerySchema>;
export type HsdsOrganizationsQuery = z.infer<typeof hsdsOrganizationsQuerySchema>;
export type HsdsTaxonomiesQuery = z.infer<typeof hsdsTaxonomiesQuerySchema>;
export type HsdsTaxonomyTermsQuery = z.infer<typeof hsdsTaxonomyTermsQuerySchema>;

const COMPILED = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema';
export const hsdsObjectSchema = (what: string) =>
  z.record(z.string(), z.unknown()).meta({ description: `HSDS 3.0 ${what}: ${COMPILED}/${what}.json` });

export const hsdsPageSchema = (what: string) =>
  z.object({
    total_items: z.number().int(),
    total_pages: z.number().int(),
    page_number: z.number().int(),
    size: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(hsdsObjectSchema(what)),
  });
export type HsdsPage = z.infer<ReturnType<typeof hsdsPageSchema>>;

export const hsdsMetaSchema = z.object({ version: z.string(), profile: z.string(), openapi_url: z.string() });

export const directorySettingsSchema = z.object({ public: z.boolean() }).strict();
export type DirectorySettings = z.infer<typeof directorySettingsSchema>;
