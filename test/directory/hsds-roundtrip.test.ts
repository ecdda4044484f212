// The standard's official examples go in and come back out equivalent (see transferApi.ts for what
// is normalised and why): the CSV folder (zipped) and tabular.json, each exported in both forms; the
// compiled objects (*_full.json, location, taxonomy, taxonomy_term) and list pages lose no value,
// their nesting becomes the links between rows, and their export imports again to the same data.
// The CSV package has the standard's columns in order and a Frictionless datapackage.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HSDS_TABLES } from '../../src/domain/directory/hsdsCatalogue.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import {
  clearDirectory,
  csvTables,
  exampleCsv,
  exampleJson,
  exportAll,
  importAll,
  normalTables,
  readPackage,
  rowCount,
  zipOf,
  type Tables,
} from './transferApi.js';

const ONE_OF_EACH = Object.fromEntries(HSDS_TABLES.map((t) => [t.kind, 1]));

/** Every object with an id in a compiled document, with its plain (non-nested, non-empty) values. */
function objectsIn(doc: unknown, out = new Map<string, Record<string, unknown>>()): Map<string, Record<string, unknown>> {
  if (Array.isArray(doc)) for (const d of doc) objectsIn(d, out);
  else if (doc && typeof doc === 'object') {
    const o = doc as Record<string, unknown>;
    if (typeof o.id === 'string') {
      const plain = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== '' && typeof v !== 'object'));
      out.set(o.id, { ...out.get(o.id), ...plain });
    }
    for (const v of Object.values(o)) if (v && typeof v === 'object') objectsIn(v, out);
  }
  return out;
}

/** The exported rows by id, with their table. */
const rowsById = (tables: Tables) =>
  new Map(Object.entries(tables).flatMap(([path, rows]) => (rows ?? []).map((r) => [String(r.id), { path, row: r }] as const)));

describe.each(DATABASES)('HSDS examples round trip on %s', (kind) => {
  let t: TestApp;
  let tenant: string;
  let head: SignedIn;
  beforeAll(async () => {
    t = await TestApp.start(kind);
    tenant = (await t.service()).id;
    head = await t.as([{ role: 'head', serviceId: tenant }]);
  });
  afterAll(() => t.close());

  const exportJson = async () => (await exportAll(t, head, tenant, 'json')).json() as Tables;
  const exportCsv = async () => readPackage((await exportAll(t, head, tenant, 'csv')).rawPayload);

  it('the CSV folder, zipped: imported whole, exported as CSV and as JSON to the same rows', async () => {
    await clearDirectory(t, tenant);
    const files = exampleCsv();
    const view = await importAll(t, head, tenant, zipOf(files), { format: 'csv' });
    expect(view).toEqual({ status: 'done', total: 21, done: 21, errors: [], errorCount: 0, imported: ONE_OF_EACH });

    const original = normalTables(csvTables(files));
    const csv = await exportCsv();
    expect(normalTables(csv.tables)).toEqual(original);
    expect(normalTables(await exportJson())).toEqual(original);
    // The search index was rebuilt for the imported service, and the import is in the audit log with its counts.
    const indexed = await t.db.selectFrom('directory_services').select(['service_id', 'name']).where('tenant_id', '=', tenant).execute();
    expect(indexed).toEqual([{ service_id: 'ac148810-d857-441c-9679-408f346de14b', name: 'Community Counselling' }]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('chain', '=', tenant)
      .where('action', '=', 'directory.import')
      .execute();
    expect(audit).toEqual([
      {
        action: 'directory.import',
        actor_id: head.userId,
        details: { format: 'csv', skipBadRows: false, rowsRead: 21, rowsSaved: 21, issues: 0, tables: ONE_OF_EACH },
      },
    ]);
  });

  it('the CSV package has every table with the standard’s columns in order, and a datapackage.json describing them', async () => {
    const { headers, datapackage } = await exportCsv();
    expect(Object.keys(headers).sort()).toEqual(HSDS_TABLES.map((x) => x.path).sort());
    for (const table of HSDS_TABLES) expect(headers[table.path], table.path).toEqual(table.fields.map((f) => f.name));
    const dp = datapackage as {
      profile: string;
      resources: {
        name: string;
        path: string;
        profile: string;
        schema: { fields: { name: string; type: string; format?: string }[]; primaryKey: string };
      }[];
    };
    expect(dp.profile).toBe('tabular-data-package');
    expect(dp.resources.map((r) => [r.name, r.path, r.profile])).toEqual(HSDS_TABLES.map((x) => [x.kind, x.path, 'tabular-data-resource']));
    const services = dp.resources.find((r) => r.name === 'service')!.schema;
    expect(services.primaryKey).toBe('id');
    expect(services.fields.find((f) => f.name === 'id')).toEqual({
      name: 'id',
      type: 'string',
      format: 'uuid',
      constraints: { required: true },
    });
    expect(services.fields.find((f) => f.name === 'minimum_age')).toEqual({ name: 'minimum_age', type: 'number' });
    expect(services.fields.find((f) => f.name === 'assured_date')).toEqual({ name: 'assured_date', type: 'date' });
    expect(services.fields.find((f) => f.name === 'last_modified')).toEqual({ name: 'last_modified', type: 'datetime' });
    expect(services.fields.find((f) => f.name === 'email')).toEqual({ name: 'email', type: 'string', format: 'email' });
  });

  it('tabular.json: imported whole, exported as JSON (every table present) and as CSV to the same rows', async () => {
    await clearDirectory(t, tenant);
    const doc = exampleJson('tabular.json') as Tables;
    const view = await importAll(t, head, tenant, doc);
    expect(view).toMatchObject({ status: 'done', errors: [], imported: ONE_OF_EACH });
    const json = await exportJson();
    expect(Object.keys(json)).toEqual(HSDS_TABLES.map((x) => x.path));
    expect(normalTables(json)).toEqual(normalTables(doc));
    expect(normalTables((await exportCsv()).tables)).toEqual(normalTables(doc));
  });

  for (const name of [
    'service_full.json',
    'organization_full.json',
    'service_at_location_full.json',
    'location.json',
    'taxonomy.json',
    'taxonomy_term.json',
    'service_list.json',
    'organization_list.json',
    'service_at_location_list.json',
    'taxonomy_list.json',
    'taxonomy_term_list.json',
  ]) {
    it(`${name}: no value lost, and its export imports again to the same data`, async () => {
      await clearDirectory(t, tenant);
      const doc = exampleJson(name);
      const view = await importAll(t, head, tenant, doc);
      expect(view, JSON.stringify(view.errors)).toMatchObject({ status: 'done', errorCount: 0 });
      const exported = await exportJson();
      // Every object of the document is one row, holding every value the document gave it.
      const objects = objectsIn(doc instanceof Object && 'contents' in doc ? (doc as { contents: unknown }).contents : doc);
      const rows = rowsById(exported);
      expect([...rows.keys()].sort()).toEqual([...objects.keys()].sort());
      for (const [id, values] of objects) {
        const { path, row } = rows.get(id)!;
        expect(normalTables({ [path]: [row] })[path]![0], `${path} ${id}`).toMatchObject(normalTables({ [path]: [values] })[path]![0]!);
      }
      expect(await rowCount(t, tenant)).toBe(objects.size);
      // Its export is a fixed point: imported again (into an empty directory), it exports the same.
      await clearDirectory(t, tenant);
      expect(await importAll(t, head, tenant, exported)).toMatchObject({ status: 'done', errorCount: 0 });
      expect(normalTables(await exportJson())).toEqual(normalTables(exported));
    });
  }

  it('service_full.json: nesting becomes the links between rows', async () => {
    await clearDirectory(t, tenant);
    await importAll(t, head, tenant, exampleJson('service_full.json'));
    const rows = rowsById(await exportJson());
    const row = (id: string) => rows.get(id)!.row;
    const service = 'ac148810-d857-441c-9679-408f346de14b';
    // service.organization and service.program: the service points to them.
    expect(row(service)).toMatchObject({
      organization_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
      program_id: 'e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42',
    });
    // service_at_locations[0]: its service is the one it is nested in, its location the nested one.
    expect(row('e94c9f38-1e8f-4564-91d4-d53501ab1765')).toMatchObject({
      service_id: service,
      location_id: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
    });
    // attributes[0]: linked to the service, with its nested taxonomy term; the term with its nested taxonomy.
    expect(row('ae58cc39-8b70-4ab1-8aea-786882e5ac8e')).toMatchObject({
      link_id: service,
      link_entity: 'link_entity',
      taxonomy_term_id: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
    });
    expect(row('3f7b145d-84af-42d7-8fae-eaca714b02b2')).toMatchObject({ taxonomy_id: '5c4d79d7-cc55-470e-9f1f-8cad074e4892' });
    // metadata[0]: about the service (resource_type is given by the example).
    expect(row('6cd71e9f-1013-49d9-8370-26b8f59d3e5a')).toMatchObject({ resource_id: service, resource_type: 'location' });
    // The organization's programs point to it.
    expect(row('e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42')).toMatchObject({ organization_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610' });
  });

  it('text with quotes, commas, line breaks, edge spaces and Cyrillic survives the CSV package', async () => {
    await clearDirectory(t, tenant);
    const odd = 'Центр «Доверие», "кризисный"\nвторая строка\r\nтретья ';
    const doc = {
      'organizations.csv': [{ id: '0b0c7a38-52a4-4c0e-9a55-6c1b3c2a7e01', name: ' Организация', description: odd }],
      'services.csv': [
        {
          id: '0b0c7a38-52a4-4c0e-9a55-6c1b3c2a7e02',
          organization_id: '0b0c7a38-52a4-4c0e-9a55-6c1b3c2a7e01',
          name: odd,
          status: 'active',
          minimum_age: 7.5,
        },
      ],
    };
    expect(await importAll(t, head, tenant, doc)).toMatchObject({ status: 'done', errorCount: 0 });
    const csv = await exportAll(t, head, tenant, 'csv');
    await clearDirectory(t, tenant);
    expect(await importAll(t, head, tenant, csv.rawPayload, { format: 'csv' })).toMatchObject({ status: 'done', errorCount: 0 });
    const back = await exportJson();
    expect(back['organizations.csv']).toEqual(doc['organizations.csv']);
    expect(back['services.csv']).toEqual(doc['services.csv']);
  });
});
