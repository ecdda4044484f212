// A bad file is reported row by row and nothing of it is saved (one transaction), unless the user
// chose to skip bad rows: then exactly the good rows are saved. CSV errors name the file and the line
// the record starts on; JSON errors the row's JSONPath. One helpline service cannot take over another's
// rows by importing their ids; its own rows are updated in place. Progress reaches the total.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory, type Progress } from '../../src/domain/directory/directoryImport.js';
import { rowsFromJson } from '../../src/domain/directory/hsdsJsonRows.js';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { clearDirectory, exampleCsv, exampleJson, exportAll, importAll, rowCount, zipOf, type Tables } from './transferApi.js';

const SERVICE = 'ac148810-d857-441c-9679-408f346de14b';
const ORG = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';

/** A CSV line for these values in the header's column order (quoted as RFC 4180 says). */
function csvLine(header: string, values: Record<string, string>): string {
  return header
    .split(',')
    .map((c) => {
      const v = values[c] ?? '';
      return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    })
    .join(',');
}

/** The examples with a broken organization (line 2) and broken and good services after the example one. */
function brokenPackage(): Record<string, string> {
  const files = exampleCsv();
  files['organizations.csv'] = files['organizations.csv']!.replace(',2011,', ',20x1,');
  const header = files['services.csv']!.split(/\r?\n/)[0]!;
  const service = (id: string, extra: Record<string, string> = {}) =>
    csvLine(header, { id, organization_id: ORG, name: 'Служба', status: 'active', ...extra });
  files['services.csv'] =
    files['services.csv']!.trimEnd() +
    '\r\n' +
    [
      service('not-a-uuid'), // line 3
      service('5d1c8a55-2a0b-4f0e-8a7e-0c7d3a1b2c01', { name: '', description: 'первая строка\nвторая строка' }), // lines 4–5
      '', // line 6
      service('5d1c8a55-2a0b-4f0e-8a7e-0c7d3a1b2c02', { minimum_age: 'twelve' }), // line 7
      service('5d1c8a55-2a0b-4f0e-8a7e-0c7d3a1b2c03', { name: 'Хорошая служба' }), // line 8
    ].join('\r\n') +
    '\r\n';
  return files;
}

const issue = (file: string | null, line: number | string | null, field: string | null, code: string) => ({
  file,
  line,
  field,
  code,
  message: expect.any(String),
});

describe.each(DATABASES)('HSDS import errors on %s', (kind) => {
  let t: TestApp;
  let a: string;
  let b: string;
  let headA: SignedIn;
  let headB: SignedIn;
  beforeAll(async () => {
    t = await TestApp.start(kind);
    [a, b] = [(await t.service()).id, (await t.service()).id];
    headA = await t.as([{ role: 'head', serviceId: a }]);
    headB = await t.as([{ role: 'head', serviceId: b }]);
  });
  afterAll(() => t.close());

  const auditCount = async (tenant: string) =>
    (await t.db.selectFrom('audit_log').select('id').where('chain', '=', tenant).where('action', '=', 'directory.import').execute()).length;

  it('a broken CSV package is refused with file and line of each error, and nothing is saved', async () => {
    await clearDirectory(t, a);
    const audits = await auditCount(a);
    const view = await importAll(t, headA, a, zipOf(brokenPackage()), { format: 'csv' });
    expect(view).toEqual({
      status: 'failed',
      total: 25,
      done: 25,
      errors: [
        issue('organizations.csv', 2, 'year_incorporated', 'invalid_number'),
        issue('services.csv', 3, 'id', 'invalid_uuid'),
        issue('services.csv', 4, 'name', 'required'),
        issue('services.csv', 7, 'minimum_age', 'invalid_number'),
      ],
      errorCount: 4,
      imported: {},
    });
    expect(view.errors[0]!.message).toBe('Поле «year_incorporated»: «20x1» — не число.');
    expect(await rowCount(t, a)).toBe(0);
    expect(await t.db.selectFrom('directory_services').select('service_id').where('tenant_id', '=', a).execute()).toEqual([]);
    expect(await auditCount(a)).toBe(audits);
  });

  it('with skipBadRows the good rows are saved and the bad ones listed', async () => {
    await clearDirectory(t, a);
    const view = await importAll(t, headA, a, zipOf(brokenPackage()), { format: 'csv', skipBadRows: true });
    expect(view).toMatchObject({ status: 'done', total: 25, done: 25, errorCount: 4 });
    expect(view.imported).toMatchObject({ service: 2, phone: 1 });
    expect(view.imported.organization).toBeUndefined();
    const services = await t.db
      .selectFrom('directory_rows')
      .select('id')
      .where('tenant_id', '=', a)
      .where('kind', '=', 'service')
      .orderBy('id')
      .execute();
    expect(services.map((s) => s.id)).toEqual(['5d1c8a55-2a0b-4f0e-8a7e-0c7d3a1b2c03', SERVICE]);
    expect(await rowCount(t, a)).toBe(21); // 21 examples − the organization + the good extra service
    const indexed = await t.db.selectFrom('directory_services').select('name').where('tenant_id', '=', a).orderBy('name').execute();
    expect(indexed.map((s) => s.name)).toEqual(['Community Counselling', 'Хорошая служба']);
  });

  it('CSV syntax: an unknown column, a record with too many values and an unclosed quote, each on its line', async () => {
    await clearDirectory(t, a);
    const files = {
      'organizations.csv': `id,name,description,colour\r\n${ORG},Org,Desc,red\r\n`,
      'services.csv': `id,name,status\n${SERVICE},A,active,extra\n\n5d1c8a55-2a0b-4f0e-8a7e-0c7d3a1b2c04,"B\nB",active\n5d1c8a55-2a0b-4f0e-8a7e-0c7d3a1b2c05,"C,active\n`,
      'notes.csv': 'a,b\n',
    };
    const view = await importAll(t, headA, a, zipOf(files), { format: 'csv' });
    expect(view.status).toBe('failed');
    expect(view.errors).toEqual([
      issue('notes.csv', null, null, 'unknown_table'),
      issue('organizations.csv', 1, 'colour', 'unknown_field'),
      issue('services.csv', 2, null, 'wrong_column_count'),
      issue('services.csv', 6, null, 'csv_malformed'),
    ]);
    expect(await rowCount(t, a)).toBe(0);
  });

  it('JSON errors name the row by its JSONPath and its table', async () => {
    await clearDirectory(t, a);
    const doc = exampleJson('service_full.json') as Record<string, any>;
    delete doc.phones[0].number;
    doc.service_at_locations[0].location.addresses[0].postal_code = '';
    doc.service_at_locations[0].location.latitude = 'north';
    doc.languages[0].colour = 'red';
    const view = await importAll(t, headA, a, doc);
    expect(view).toMatchObject({ status: 'failed', imported: {} });
    expect(view.errors).toEqual([
      issue('phones.csv', '$.phones[0]', 'number', 'required'),
      issue('locations.csv', '$.service_at_locations[0].location', 'latitude', 'invalid_number'),
      issue('addresses.csv', '$.service_at_locations[0].location.addresses[0]', 'postal_code', 'required'),
      issue('languages.csv', '$.languages[0]', 'colour', 'unknown_field'),
    ]);
    const tabular = exampleJson('tabular.json') as Tables;
    tabular['services.csv']![0]!.assured_date = '2005-02-30';
    tabular['hotlines.csv'] = [];
    expect((await importAll(t, headA, a, tabular)).errors).toEqual([
      issue('services.csv', '$["services.csv"][0]', 'assured_date', 'invalid_date'),
      issue('hotlines.csv', '$["hotlines.csv"]', null, 'unknown_table'),
    ]);
    expect(await rowCount(t, a)).toBe(0);
  });

  it('the same object nested twice with different values is an error; an id reused by another table too', async () => {
    await clearDirectory(t, a);
    const doc = exampleJson('service_full.json') as Record<string, any>;
    doc.organization.locations[0].name = 'Другое название';
    doc.funding[0].id = SERVICE;
    const view = await importAll(t, headA, a, doc);
    expect(view.errors).toEqual([
      issue('locations.csv', '$.service_at_locations[0].location', 'name', 'conflicting_duplicate'),
      issue('funding.csv', '$.funding[0]', 'id', 'duplicate_id'),
    ]);
  });

  it('another helpline service cannot overwrite the first one’s ids; the owner updates its rows in place', async () => {
    await clearDirectory(t, a);
    await clearDirectory(t, b);
    const doc = exampleJson('tabular.json') as Tables;
    expect(await importAll(t, headA, a, doc)).toMatchObject({ status: 'done', errorCount: 0 });
    const before = await t.db.selectFrom('directory_rows').selectAll().where('tenant_id', '=', a).orderBy('id').execute();

    const changed = structuredClone(doc);
    changed['services.csv']![0]!.name = 'Перехваченная служба';
    const refused = await importAll(t, headB, b, changed);
    expect(refused).toMatchObject({ status: 'failed', errorCount: 21, imported: {} });
    expect(refused.errors.every((e) => e.code === 'id_taken' && e.field === 'id')).toBe(true);
    expect(refused.errors[0]).toEqual(issue('organizations.csv', '$["organizations.csv"][0]', 'id', 'id_taken'));
    const skipped = await importAll(t, headB, b, changed, { skipBadRows: true });
    expect(skipped).toMatchObject({ status: 'done', errorCount: 21, imported: {} });
    expect(await rowCount(t, b)).toBe(0);
    expect(await t.db.selectFrom('directory_rows').selectAll().where('tenant_id', '=', a).orderBy('id').execute()).toEqual(before);
    expect((await exportAll(t, headB, b, 'json')).json()['services.csv']).toEqual([]);

    t.clock.advance(1000);
    expect(await importAll(t, headA, a, changed)).toMatchObject({ status: 'done', imported: { service: 1 } });
    expect(await rowCount(t, a)).toBe(21);
    const name = await t.db.selectFrom('directory_services').select('name').where('service_id', '=', SERVICE).executeTakeFirstOrThrow();
    expect(name.name).toBe('Перехваченная служба');
  });

  it('a package that is not a zip inside, or has no HSDS table, fails with a file-level error', async () => {
    const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 7)]);
    expect(await importAll(t, headA, a, corrupt, { format: 'csv' })).toMatchObject({
      status: 'failed',
      errors: [issue(null, null, null, 'file_unreadable')],
    });
    expect(await importAll(t, headA, a, zipOf({ 'README.md': 'hello' }), { format: 'csv' })).toMatchObject({
      status: 'failed',
      errors: [issue(null, null, null, 'no_tables')],
    });
  });

  it('a datapackage.json may give the tables other file names', async () => {
    await clearDirectory(t, a);
    const files = {
      'datapackage.json': JSON.stringify({
        resources: [
          { name: 'organization', path: 'data/orgs.csv' },
          { name: 'service', path: 'data/svc.csv' },
        ],
      }),
      'data/orgs.csv': `id,name,description\n${ORG},Org,Desc\n`,
      'data/svc.csv': `id,organization_id,name,status\n${SERVICE},${ORG},Служба,active\n`,
    };
    const view = await importAll(t, headA, a, zipOf(files, ''), { format: 'csv' });
    expect(view).toMatchObject({ status: 'done', errorCount: 0, imported: { organization: 1, service: 1 } });
  });

  describe('one transaction', () => {
    /** 600 organizations: written in two statements of 500. */
    const bigFile = () => {
      const rows = Array.from({ length: 600 }, (_, i) => ({ id: randomUUID(), name: `Организация ${i}`, description: 'x' }));
      return { doc: { 'organizations.csv': rows }, ids: rows.map((r) => r.id) };
    };
    const deps = () => ({ db: t.db, publish: () => {}, clock: t.clock.now });
    const req = () => ({ tenantId: a, actorId: headA.userId, format: 'json' as const, skipBadRows: false });

    it('a failure after the first rows were written takes them back', async () => {
      await clearDirectory(t, a);
      const progress: Progress = {
        total: () => {},
        advance: (n) => {
          if (n > 0) throw new Error('the server fell over after the first 500 rows');
        },
      };
      await expect(importDirectory(deps(), req(), rowsFromJson(bigFile().doc, 'ru'), progress)).rejects.toThrow('fell over');
      expect(await rowCount(t, a)).toBe(0);
    });

    // A row taken by another service between the check and the write (another connection: PostgreSQL only).
    if (kind === 'postgres')
      it('a row another service took meanwhile refuses the whole file (nothing of it is saved)', async () => {
        await clearDirectory(t, a);
        const { doc, ids } = bigFile();
        const progress: Progress = {
          total: () => {},
          advance: async (n) => {
            if (n === 0) return;
            const row = { id: ids[550]!, name: 'Чужая', description: 'x' };
            await t.db
              .insertInto('directory_rows')
              .values({
                id: row.id,
                kind: 'organization',
                tenant_id: b,
                data: JSON.stringify(row),
                created_at: t.clock.now(),
                updated_at: t.clock.now(),
              })
              .execute();
          },
        };
        const outcome = await importDirectory(deps(), req(), rowsFromJson(doc, 'ru'), progress);
        expect(outcome).toMatchObject({ status: 'failed', issueCount: 1, imported: {} });
        expect(outcome.issues).toEqual([issue('organizations.csv', '$["organizations.csv"][550]', 'id', 'id_taken')]);
        expect(await rowCount(t, a)).toBe(0);
        await clearDirectory(t, b);
      });
  });
});
