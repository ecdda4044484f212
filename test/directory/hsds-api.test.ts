// The HSDS 3.0 API (/api/hsds): every answer of every route validates against the standard's
// schemas (Ajv, not hand checks) — with the official examples loaded into a helpline and Russian
// entries of its own, another helpline's and national ones; pages; the filters combined with AND;
// modified_after; a helpline sees its entries and the national ones only; nothing Doverie keeps
// beside the HSDS fields leaks; unknown ids are 404 and bad queries 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termId, TAXONOMY_ID } from '../../src/domain/directory/taxonomySeed.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { entry, EXAMPLE, exampleJson, exampleRows, putAll, type Entry } from './hsdsFixture.js';
import { compiledValidator, expectValidHsds, prepareHsdsValidators } from './hsdsValidator.js';

type Page = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Record<string, unknown>[];
};

describe.each(DATABASES)('the HSDS API on %s', (kind) => {
  let t: TestApp;
  let A: string;
  let B: string;
  let counsellorA: SignedIn;
  let counsellorB: SignedIn;
  let admin: SignedIn;
  const e = {} as Record<'psych' | 'opeka' | 'crisis' | 'tver' | 'national', Entry>;
  let before: Date;

  const get = async (who: SignedIn | undefined, path: string) => {
    const res = await t.request(who, 'GET', `/api/hsds${path}`);
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  /** A 200 answer, validated against the standard's schemas. */
  const ok = async <T = Page>(who: SignedIn | undefined, path: string): Promise<T> => {
    const res = await get(who, path);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return expectValidHsds<T>(path, res.body);
  };
  const ids = (p: Page) => p.contents.map((c) => c.id as string);

  beforeAll(async () => {
    prepareHsdsValidators();
    t = await TestApp.start(kind);
    [A, B] = await Promise.all([t.service().then((s) => s.id), t.service().then((s) => s.id)]);
    [counsellorA, counsellorB, admin] = await Promise.all([
      t.as([{ role: 'counsellor', serviceId: A }]),
      t.as([{ role: 'counsellor', serviceId: B }]),
      t.as([{ role: 'admin' }]),
    ]);
    await putAll(t, A, exampleRows());
    e.psych = entry({
      name: 'Центр психологической помощи детям и подросткам',
      description: 'Психологическое консультирование детей, подростков и родителей.',
      organization: { name: 'ГБУ «Центр помощи семье и детям»' },
      termIds: [termId('ppms.children')],
      minAge: 7,
      maxAge: 18,
      extra: { referral_note: 'Секретная заметка для консультанта' },
    });
    e.crisis = entry({
      name: 'Кризисное отделение для подростков',
      description: 'Экстренная помощь подросткам в кризисе.',
      organization: { id: e.psych.organizationId },
      termIds: [termId('crisis.children')],
    });
    e.opeka = entry({
      name: 'Отдел опеки и попечительства администрации г. Владимира',
      organization: { name: 'Администрация г. Владимира' },
      termIds: [termId('opeka.placement')],
    });
    e.tver = entry({
      name: 'Психологическая служба Твери',
      organization: { name: 'Тверской центр' },
      termIds: [termId('ppms.children')],
      area: 'Тверская область',
    });
    e.national = entry({
      name: 'Детский телефон доверия',
      organization: { name: 'Фонд поддержки детей' },
      termIds: [termId('hotlines.children')],
      area: 'Россия',
    });
    await putAll(t, A, [...e.psych.rows, ...e.crisis.rows, ...e.opeka.rows]);
    await putAll(t, A, [
      {
        kind: 'metadata',
        data: {
          id: crypto.randomUUID(),
          resource_id: e.psych.serviceId,
          resource_type: 'service',
          last_action_date: '2026-11-01',
          last_action_type: 'update',
          field_name: 'name',
          previous_value: 'Центр',
          replacement_value: 'Центр психологической помощи',
          updated_by: 'Иванова',
        },
      },
    ]);
    await putAll(t, B, e.tver.rows);
    await putAll(t, null, e.national.rows);
    before = t.clock.now();
  });
  afterAll(() => t.close());

  it('checks with a validator that refuses what the standard refuses (so the checks below mean something)', () => {
    const service = compiledValidator('service');
    expect(service(exampleJson('service_full.json'))).toBe(true);
    expect(service({ id: EXAMPLE.service, name: 'x', status: 'open' })).toBe(false);
    expect(service({ id: EXAMPLE.service, name: 'x', status: 'active', description: null })).toBe(false);
    expect(service({ id: EXAMPLE.service, name: 'x', status: 'active', url: 'not a uri' })).toBe(false);
    expect(service({ id: EXAMPLE.service, name: 'x', status: 'active', phones: [{ id: EXAMPLE.service }] })).toBe(false);
    expect(() => expectValidHsds('/services', { contents: [] })).toThrow();
  });

  it('answers every route with what the compiled schemas describe', async () => {
    const meta = await ok<{ version: string; openapi_url: string }>(counsellorA, '/');
    expect(meta.version).toBe('3.0');
    expect(meta.openapi_url).toMatch(/\/api\/openapi\.json$/);
    for (const path of [
      '/services',
      '/services?full=true',
      '/services?minimal=true',
      '/organizations',
      '/organizations?full=true',
      '/organizations?full_service=true',
      '/service_at_locations',
      '/service_at_locations?full=true',
      '/taxonomies',
      '/taxonomy_terms?per_page=100',
      `/services/${EXAMPLE.service}`,
      `/services/${e.psych.serviceId}`,
      `/organizations/${EXAMPLE.organization}`,
      `/organizations/${e.psych.organizationId}?full_service=true`,
      `/service_at_locations/${EXAMPLE.serviceAtLocation}`,
      `/service_at_locations/${e.national.serviceAtLocationId}`,
      `/taxonomies/${TAXONOMY_ID}`,
      `/taxonomies/${EXAMPLE.taxonomy}`,
      `/taxonomy_terms/${termId('crisis.children')}`,
      `/taxonomy_terms/${EXAMPLE.taxonomyTerm}`,
    ])
      await ok(counsellorA, path);
  });

  it('is listed in the OpenAPI document like every other route', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json() as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    for (const path of [
      '/api/hsds/',
      '/api/hsds/services',
      '/api/hsds/services/{id}',
      '/api/hsds/taxonomy_terms/{id}',
      '/api/hsds/public/{serviceId}/services',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/hsds/services']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['search', 'page', 'per_page', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after']),
    );
    expect(Object.keys(doc.paths)).toContain('/api/services/{serviceId}/directory/settings');
  });

  it('nests a service as deep as the standard does: places with addresses and phones, the organization, terms, metadata', async () => {
    const example = await ok<Record<string, any>>(counsellorA, `/services/${EXAMPLE.service}`);
    expect(example.organization.id).toBe(EXAMPLE.organization);
    expect(example.organization.programs[0].id).toBeTruthy();
    expect(example.program.id).toBeTruthy();
    expect(example.service_at_locations[0].location.id).toBe(EXAMPLE.location);
    expect(example.service_at_locations[0].location.addresses[0].address_1).toBeTruthy();
    expect(example.service_at_locations[0].location.phones[0].languages[0].id).toBeTruthy();
    for (const key of ['phones', 'schedules', 'service_areas', 'languages', 'funding', 'cost_options', 'required_documents', 'contacts'])
      expect(example[key], key).toHaveLength(1);

    const psych = await ok<Record<string, any>>(counsellorA, `/services/${e.psych.serviceId}`);
    expect(psych.attributes[0].taxonomy_term).toMatchObject({ id: termId('ppms.children'), taxonomy_detail: { id: TAXONOMY_ID } });
    expect(psych.metadata[0]).toMatchObject({ updated_by: 'Иванова' });
    expect(psych.url).toBe('https://xn--80aswg.xn--p1ai/%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C');
    expect(psych.minimum_age).toBe(7);
    expect(psych.last_modified).toBe(before.toISOString());
    // What Doverie keeps beside the HSDS fields stays in Doverie.
    for (const path of [
      `/services/${e.psych.serviceId}`,
      '/services?full=true',
      '/service_at_locations?full=true',
      '/organizations?full_service=true',
    ]) {
      const text = JSON.stringify((await get(counsellorA, path)).body);
      expect(text).not.toContain('Секретная заметка');
      expect(text).not.toContain('не для API');
    }
  });

  it('pages through a list: every item once, with the counts of the standard', async () => {
    const all = await ok(counsellorA, '/services?per_page=100');
    expect(all.total_items).toBe(5); // the example, three of A, one national
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await ok(counsellorA, `/services?per_page=2&page=${page}`);
      expect(p).toMatchObject({
        total_items: 5,
        total_pages: 3,
        page_number: page,
        first_page: page === 1,
        last_page: page === 3,
        empty: false,
      });
      expect(p.size).toBe(page < 3 ? 2 : 1);
      seen.push(...ids(p));
    }
    expect(seen.sort()).toEqual(ids(all).sort());
    const past = await ok(counsellorA, '/services?per_page=2&page=4');
    expect(past).toMatchObject({ total_items: 5, total_pages: 3, page_number: 4, size: 0, last_page: true, empty: true, contents: [] });
    const none = await ok(counsellorA, `/services?organization_id=${crypto.randomUUID()}`);
    expect(none).toMatchObject({ total_items: 0, total_pages: 0, first_page: true, last_page: true, empty: true });
  });

  it('searches with Russian stemming and prefixes, and combines every filter with AND', async () => {
    const q = async (query: string) => ids(await ok(counsellorA, `/services?${query}`)).sort();
    const sal = async (query: string) =>
      (await ok(counsellorA, `/service_at_locations?${query}`)).contents.map((c) => c.service_id as string).sort();
    const sorted = (...x: Entry[]) => x.map((y) => y.serviceId).sort();
    expect(await q(`search=${encodeURIComponent('психолог')}`)).toEqual(sorted(e.psych));
    expect(await q(`search=${encodeURIComponent('опека')}`)).toEqual(sorted(e.opeka));
    expect(await q(`search=${encodeURIComponent('помощь подросткам')}`)).toEqual(sorted(e.psych, e.crisis));
    // A parent term finds the services under its sub-terms.
    expect(await q(`taxonomy_term_id=${termId('crisis')}`)).toEqual(sorted(e.crisis));
    expect(await q(`taxonomy_id=${TAXONOMY_ID}`)).toEqual(sorted(e.psych, e.crisis, e.opeka, e.national));
    expect(await q(`organization_id=${e.psych.organizationId}`)).toEqual(sorted(e.psych, e.crisis));
    expect(await q(`organization_id=${e.psych.organizationId}&search=${encodeURIComponent('кризис')}`)).toEqual(sorted(e.crisis));
    expect(await q(`organization_id=${e.psych.organizationId}&taxonomy_term_id=${termId('ppms')}`)).toEqual(sorted(e.psych));
    expect(await q(`organization_id=${e.opeka.organizationId}&taxonomy_term_id=${termId('ppms')}`)).toEqual([]);
    expect(await q(`taxonomy_id=${TAXONOMY_ID}&search=${encodeURIComponent('телефон')}`)).toEqual(sorted(e.national));
    // The same filters on service_at_locations pick the places of those services.
    expect(await sal(`search=${encodeURIComponent('психолог')}`)).toEqual(sorted(e.psych));
    expect(await sal(`organization_id=${e.psych.organizationId}&taxonomy_term_id=${termId('crisis')}`)).toEqual(sorted(e.crisis));
    // Organizations by their words or their services'; terms by theirs, their taxonomy and parent.
    const orgs = ids(await ok(counsellorA, `/organizations?search=${encodeURIComponent('кризис')}`));
    expect(orgs).toEqual([e.psych.organizationId]);
    const terms = await ok(counsellorA, `/taxonomy_terms?parent_id=${termId('crisis')}&search=${encodeURIComponent('подростк')}`);
    expect(ids(terms)).toEqual([termId('crisis.children')]);
    // Capitals fold as the index folds them, whatever the database's locale (rows' own words and the query alike).
    expect(await q(`search=${encodeURIComponent('ПСИХОЛОГ')}`)).toEqual(sorted(e.psych));
    const capital = await ok(counsellorA, `/taxonomy_terms?top_only=true&search=${encodeURIComponent('экстренная')}`);
    expect(ids(capital)).toEqual([termId('crisis')]);
    const top = await ok(counsellorA, `/taxonomy_terms?top_only=true&taxonomy_id=${TAXONOMY_ID}&per_page=100`);
    expect(top.contents.every((c) => c.parent_id === undefined)).toBe(true);
    expect(ids(top)).toContain(termId('crisis'));
  });

  it("modified_after: only what changed on or after the time, the service's parts included", async () => {
    t.clock.advance(60_000);
    const changed = t.clock.now();
    const phone = e.opeka.rows.find((r) => r.kind === 'phone')!;
    await putAll(t, A, [{ kind: 'phone', data: { ...phone.data, number: '+7 4922 00-00-00' } }]);
    expect(ids(await ok(counsellorA, `/services?modified_after=${encodeURIComponent(changed.toISOString())}`))).toEqual([
      e.opeka.serviceId,
    ]);
    expect(
      ids(await ok(counsellorA, `/services?modified_after=${encodeURIComponent(new Date(changed.getTime() + 1).toISOString())}`)),
    ).toEqual([]);
    const sals = await ok(counsellorA, `/service_at_locations?modified_after=${encodeURIComponent(changed.toISOString())}`);
    expect(ids(sals)).toEqual([e.opeka.serviceAtLocationId]);
    const full = await ok<Record<string, unknown>>(counsellorA, `/services/${e.opeka.serviceId}`);
    expect(full.last_modified).toBe(changed.toISOString());
  });

  it("shows a helpline its entries and the national ones, never another helpline's", async () => {
    const a = ids(await ok(counsellorA, '/services?per_page=100'));
    expect(a).toContain(e.national.serviceId);
    expect(a).not.toContain(e.tver.serviceId);
    const b = ids(await ok(counsellorB, '/services?per_page=100'));
    expect(b.sort()).toEqual([e.tver.serviceId, e.national.serviceId].sort());
    for (const path of [
      `/services/${e.psych.serviceId}`,
      `/organizations/${e.psych.organizationId}`,
      `/service_at_locations/${e.psych.serviceAtLocationId}`,
      `/taxonomies/${EXAMPLE.taxonomy}`,
      `/taxonomy_terms/${EXAMPLE.taxonomyTerm}`,
    ])
      expect(await get(counsellorB, path), path).toMatchObject({ status: 404, body: { code: 'directory.not_found' } });
    expect(ids(await ok(counsellorB, `/organizations?per_page=100`))).not.toContain(e.psych.organizationId);
    expect(ids(await ok(counsellorB, `/service_at_locations?per_page=100`))).not.toContain(e.psych.serviceAtLocationId);
    expect(ids(await ok(counsellorB, `/taxonomies`))).toEqual([TAXONOMY_ID]);
    const everything = ids(await ok(admin, '/services?per_page=100'));
    expect(everything).toEqual(expect.arrayContaining([e.psych.serviceId, e.tver.serviceId, e.national.serviceId, EXAMPLE.service]));
  });

  it('answers unknown ids with 404 and bad queries with 400 request.invalid', async () => {
    for (const path of ['/services', '/organizations', '/service_at_locations', '/taxonomies', '/taxonomy_terms'])
      expect(await get(counsellorA, `${path}/${crypto.randomUUID()}`), path).toMatchObject({
        status: 404,
        body: { code: 'directory.not_found' },
      });
    // An id of another kind is not found either.
    expect((await get(counsellorA, `/services/${e.psych.organizationId}`)).status).toBe(404);
    for (const path of [
      '/services/not-a-uuid',
      '/services?per_page=0',
      `/services?per_page=101`,
      '/services?page=0',
      '/services?page=1.5',
      '/services?taxonomy_term_id=crisis',
      '/services?modified_after=yesterday',
      '/services?full=yes',
      '/services?format=ndjson',
      '/services?postcode=600000',
      `/services?search=${'я'.repeat(201)}`,
      '/organizations?organization_id=x',
      '/taxonomy_terms?top_only=1',
    ])
      expect(await get(counsellorA, path), path).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
    expect((await get(undefined, '/services')).status).toBe(401);
  });
});
