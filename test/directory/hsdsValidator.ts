// Checks HSDS API answers with a JSON Schema validator (Ajv, draft 2020-12 as the standard's OpenAPI
// declares, with its formats: uuid, email, uri, date-time) against the standard's own schemas: each
// list and object route's 200 answer as schema/openapi.json gives it (its Page plus the compiled
// *_list.json items), the objects by id against the compiled schemas. The schemas are registered
// under the URLs the OpenAPI document refers to, so its $refs resolve to the vendored copies.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { hsdsDir } from '../../src/domain/directory/hsdsCatalogue.js';

const BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema';
const OPENAPI = 'https://example.org/hsds-openapi.json';
const load = (...p: string[]) => JSON.parse(readFileSync(join(hsdsDir, 'schema', ...p), 'utf8')) as Record<string, unknown>;

// strict: false — the standard's schemas carry their own annotations (name, constraints, example, core…).
// The compiled schemas are large (a service nests ~400 objects): without code optimisation, inlining and
// checking the schemas themselves, compiling them takes a second instead of six; validation is the same.
const ajv = new Ajv2020({ strict: false, validateSchema: false, inlineRefs: false, code: { optimize: false } });
addFormats.default(ajv); // the CommonJS module's default export
// Each under its URL as its $id, so that a relative $ref inside (taxonomy_term.json → taxonomy.json) resolves.
for (const f of readdirSync(join(hsdsDir, 'schema')).filter((f) => f.endsWith('.json') && f !== 'openapi.json'))
  ajv.addSchema({ ...load(f), $id: `${BASE}/${f}` });
for (const f of readdirSync(join(hsdsDir, 'schema', 'compiled')).filter((f) => f.endsWith('.json')))
  ajv.addSchema({ ...load('compiled', f), $id: `${BASE}/compiled/${f}` });
ajv.addSchema(load('openapi.json'), OPENAPI);

/** The 200 answer of a GET in the standard's OpenAPI document, e.g. '/services'. */
const responseOf = (path: string) =>
  `${OPENAPI}#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema`;

/** The standard's Page says what a page has; we give all of it. */
const fullPage = {
  type: 'object',
  required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
  properties: { contents: { type: 'array' } },
};

const validators = new Map<string, ValidateFunction>();
function validator(key: string, schema: () => object): ValidateFunction {
  let v = validators.get(key);
  if (!v) validators.set(key, (v = ajv.compile(schema())));
  return v;
}

/** Which schema answers an HSDS API path (after the /api/hsds or /api/hsds/public/:id prefix). */
function schemaFor(path: string): { key: string; schema: () => object } {
  const p = path.split('?')[0]!.replace(/\/$/, '') || '/';
  const item = /^\/(services|organizations|service_at_locations|taxonomies|taxonomy_terms)\/[^/]+$/.exec(p);
  if (item) {
    // The OpenAPI document names compiled/service.json for /service_at_locations/{id}, a slip: the
    // object there is a service_at_location (examples/service_at_location_full.json), so its compiled schema.
    if (item[1] === 'service_at_locations') return { key: 'sal', schema: () => ({ $ref: `${BASE}/compiled/service_at_location.json` }) };
    return { key: `/${item[1]}/{id}`, schema: () => ({ $ref: responseOf(`/${item[1]}/{id}`) }) };
  }
  if (p === '/') return { key: '/', schema: () => ({ $ref: responseOf('/'), required: ['version', 'profile', 'openapi_url'] }) };
  return { key: p, schema: () => ({ allOf: [{ $ref: responseOf(p) }, fullPage] }) };
}

/** A list asked for `full` (or `full_service`) nests its items as the route by id does: check them so too. */
const FULL_ITEMS: Record<string, string> = {
  '/services': 'service',
  '/organizations': 'organization',
  '/service_at_locations': 'service_at_location',
};

/** Fails the test unless `body` (the answer to GET `path`) validates; returns it. */
export function expectValidHsds<T = Record<string, unknown>>(path: string, body: unknown): T {
  const { key, schema } = schemaFor(path);
  const v = validator(key, schema);
  const ok = v(body);
  expect(ok ? [] : v.errors, `${path} does not validate`).toEqual([]);
  const [p, query] = path.split('?') as [string, string | undefined];
  const full = FULL_ITEMS[p.replace(/\/$/, '')];
  if (full && /(^|&)full(_service)?=true/.test(query ?? '')) {
    const item = compiledValidator(full);
    for (const c of (body as { contents: unknown[] }).contents) expect(item(c) ? [] : item.errors, `${path}: an item`).toEqual([]);
  }
  return body as T;
}

/** Compiles every validator the HSDS routes need (a few seconds: call it in beforeAll). */
export function prepareHsdsValidators(): void {
  const lists = ['/services', '/organizations', '/service_at_locations', '/taxonomies', '/taxonomy_terms'];
  for (const path of ['/', ...lists, ...lists.map((l) => `${l}/x`)]) validator(schemaFor(path).key, schemaFor(path).schema);
  for (const name of Object.values(FULL_ITEMS)) compiledValidator(name);
}

/** A bare compiled schema (for checks on the validator itself). */
export const compiledValidator = (name: string) => validator(`compiled:${name}`, () => ({ $ref: `${BASE}/compiled/${name}.json` }));
