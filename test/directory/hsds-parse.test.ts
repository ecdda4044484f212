// Reading HSDS files without a database: CSV line numbers (BOM, CRLF, LF, lone CR, blank lines,
// quoted values over several lines), what a package may hold (junk of archivers, not UTF-8, too big
// unpacked, duplicate columns and ids), values converted and checked as the standard's formats say,
// which JSON documents are HSDS and which table a compiled object is; and the job store.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { hsdsTable } from '../../src/domain/directory/hsdsCatalogue.js';
import { rowsFromCsvPackage } from '../../src/domain/directory/hsdsCsvPackage.js';
import { jsonFormOf, rowsFromJson } from '../../src/domain/directory/hsdsJsonRows.js';
import { convertValue } from '../../src/domain/directory/hsdsValues.js';
import { DirectoryJobs, MAX_JOBS, TTL_MS } from '../../src/domain/directory/transferJobs.js';
import type { AppError } from '../../src/errors.js';
import { TestClock } from '../helpers/testApp.js';

const ORG = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
const id = (n: number) => `5d1c8a55-2a0b-4f0e-8a7e-0c7d3a1b2c${String(n).padStart(2, '0')}`;
const pkg = (files: Record<string, string | Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([n, d]) => [n, typeof d === 'string' ? strToU8(d) : d])));
const where = (p: ReturnType<typeof rowsFromCsvPackage>) => p.issues.items.map((i) => [i.file, i.line, i.field, i.code]);

describe('CSV line numbers', () => {
  it('name the line a record starts on, whatever the line endings, blank lines or values spanning lines', () => {
    const text =
      '\uFEFFid,name,description\r\n' + // 1
      `${id(1)},,"одна\r\nдве\nтри"\r\n` + // 2–4 (name missing)
      '\r\n' + // 5
      `${id(2)},Б,x\n` + // 6
      `${id(3)},В,"a\rb"\r` + // 7–8, lone CR line ends
      `${id(4)},,y`; // 9, no final line break
    const p = rowsFromCsvPackage(pkg({ 'organizations.csv': text }), 'en');
    expect(where(p)).toEqual([
      ['organizations.csv', 2, 'name', 'required'],
      ['organizations.csv', 9, 'name', 'required'],
    ]);
    expect(p.rows.map((r) => [r.data.id, r.where.line, r.data.description])).toEqual([
      [id(2), 6, 'x'],
      [id(3), 7, 'a\rb'],
    ]);
    expect(p.total).toBe(4);
  });

  it('a repeated id is an error on the line that repeats it; a repeated column on the header', () => {
    const p = rowsFromCsvPackage(pkg({ 'organizations.csv': `id,name,name,description\n${id(1)},А,А,x\n${id(1)},Б,Б,y\n` }), 'en');
    expect(where(p)).toEqual([
      ['organizations.csv', 1, 'name', 'duplicate_column'],
      ['organizations.csv', 3, 'id', 'duplicate_id'],
    ]);
    expect(p.rows.map((r) => r.data.name)).toEqual(['А']);
  });
});

describe('the CSV package', () => {
  it('ignores archivers’ junk, refuses text that is not UTF-8 and archives too big unpacked', () => {
    const cp1251 = Uint8Array.from([...strToU8('id,name,description\n'), ...strToU8(`${id(1)},`), 0xcf, 0xf0, 0xe8, ...strToU8(',x\n')]);
    const p = rowsFromCsvPackage(pkg({ '__MACOSX/._services.csv': 'junk', 'x/._programs.csv': 'junk', 'organizations.csv': cp1251 }), 'en');
    expect(where(p)).toEqual([['organizations.csv', null, null, 'not_utf8']]);
    const big = rowsFromCsvPackage(
      pkg({ 'organizations.csv': `id,name,description\n${id(1)},${'я'.repeat(600_000)},x\n` }),
      'ru',
      1024 * 1024,
    );
    expect(where(big)).toEqual([[null, null, null, 'unpacked_too_large']]);
    expect(big.issues.items[0]!.message).toBe('Архив слишком большой в распакованном виде: больше 1 МБ.');
  });
});

describe('values', () => {
  const f = (kind: Parameters<typeof hsdsTable>[0], name: string) => hsdsTable(kind).fields.find((x) => x.name === name)!;
  const ok = (kind: Parameters<typeof hsdsTable>[0], name: string, raw: unknown) => convertValue(f(kind, name), raw);

  it('convert CSV text and JSON values to the field’s type', () => {
    expect(ok('service', 'minimum_age', '12')).toEqual({ ok: true, value: 12 });
    expect(ok('service', 'minimum_age', ' 1e1 ')).toEqual({ ok: true, value: 10 });
    expect(ok('service', 'minimum_age', 7.5)).toEqual({ ok: true, value: 7.5 });
    expect(ok('service', 'minimum_age', '12 лет')).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(ok('service', 'minimum_age', true)).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(ok('organization', 'tax_id', 7701234567)).toEqual({ ok: true, value: '7701234567' });
    expect(ok('organization', 'tax_id', '')).toEqual({ ok: true, value: null });
    expect(ok('organization', 'tax_id', null)).toEqual({ ok: true, value: null });
    expect(ok('organization', 'tax_id', { a: 1 })).toMatchObject({ ok: false, code: 'wrong_type' });
    expect(ok('organization', 'tax_id', 'nul\u0000')).toMatchObject({ ok: false, code: 'invalid_text' });
    expect(ok('organization', 'id', 'D9D5E0F5-D3CE-4F73-9A2F-4DD0ECC6C610')).toEqual({ ok: true, value: ORG });
    expect(ok('organization', 'id', 'd9d5e0f5d3ce4f739a2f4dd0ecc6c610')).toMatchObject({ ok: false, code: 'invalid_uuid' });
  });

  it('check the formats as the standard’s schemas give them', () => {
    expect(ok('service', 'assured_date', '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(ok('service', 'assured_date', '2023-02-29')).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(ok('service', 'assured_date', '01.02.2024')).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(ok('service', 'last_modified', '2023-03-15T10:30:45.123Z')).toMatchObject({ ok: true });
    expect(ok('service', 'last_modified', '2023-03-15T10:30:45+03:00')).toMatchObject({ ok: true });
    expect(ok('service', 'last_modified', '2023-03-15T10:30:45')).toMatchObject({ ok: false, code: 'invalid_datetime' });
    expect(ok('schedule', 'opens_at', '09:00')).toMatchObject({ ok: true });
    expect(ok('schedule', 'opens_at', '10:00:00')).toMatchObject({ ok: true });
    expect(ok('schedule', 'opens_at', '24:00')).toMatchObject({ ok: false, code: 'invalid_time' });
    expect(ok('service', 'email', 'help@example.ru')).toMatchObject({ ok: true });
    expect(ok('service', 'email', 'help@пример.рф')).toMatchObject({ ok: false, code: 'invalid_email' });
    expect(ok('service', 'url', 'https://example.ru/путь')).toEqual({ ok: true, value: 'https://example.ru/%D0%BF%D1%83%D1%82%D1%8C' });
    expect(ok('service', 'url', 'https://xn--e1afmkfd.xn--p1ai/%D0%BF')).toMatchObject({ ok: true });
    expect(ok('service', 'url', 'www.example.ru')).toMatchObject({ ok: false, code: 'invalid_uri' });
    expect(ok('service', 'url', 'http://example.com/a b')).toMatchObject({ ok: false, code: 'invalid_uri' });
  });
});

describe('JSON documents', () => {
  it('are recognised by form', () => {
    expect(jsonFormOf({ 'services.csv': [] })).toBe('tabular');
    expect(jsonFormOf({ contents: [], total_items: 0 })).toBe('list');
    expect(jsonFormOf({ id: ORG })).toBe('object');
    expect(jsonFormOf([{ id: ORG }, { contents: [] }])).toBe('array');
    for (const doc of [{}, [], [[{ id: ORG }]], 'text', 12, null, { name: 'x' }, [{ id: ORG }, 5]]) expect(jsonFormOf(doc)).toBeNull();
  });

  it('an object that could be several tables, or none, is reported and not guessed', () => {
    const p = rowsFromJson(
      [
        { id: ORG, name: 'x', description: 'y' },
        { id: id(1), colour: 'red' },
      ],
      'en',
    );
    expect(p.rows).toEqual([]);
    expect(p.issues.items.map((i) => [i.line, i.code, i.message])).toEqual([
      ['$[0]', 'unknown_object', 'Cannot tell which HSDS table this is: it could be organization, taxonomy_term, taxonomy.'],
      ['$[1]', 'unknown_object', 'Cannot tell which HSDS table this is: no HSDS table has all these fields.'],
    ]);
  });

  it('a nested object whose id differs from the link field beside it is an error', () => {
    const doc = { id: id(1), name: 'S', status: 'active', organization_id: id(2), organization: { id: ORG, name: 'O', description: 'D' } };
    const p = rowsFromJson(doc, 'en');
    expect(p.issues.items.map((i) => [i.file, i.line, i.field, i.code])).toEqual([
      ['services.csv', '$', 'organization_id', 'link_mismatch'],
    ]);
    expect(p.rows.map((r) => r.kind)).toEqual(['organization']);
  });
});

describe('the job store', () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as AppError).code;
    }
    return 'no error';
  };
  const settle = () => new Promise((r) => setTimeout(r, 5));
  const owner = { userId: 'me', tenantId: 't1', locale: 'ru' as const };
  const yes = () => true;

  it('follows progress to the total; a job is seen by the user who started it while they may still see its service', async () => {
    const jobs = new DirectoryJobs(new TestClock().now, () => {});
    let finish!: () => void;
    let progress!: { total(n: number): void; advance(n: number): void };
    const id = jobs.startExport(owner, async (p) => {
      progress = p;
      await new Promise<void>((r) => (finish = r));
      return { name: 'hsds.json', contentType: 'application/json', data: Buffer.from('{}') };
    });
    await settle();
    progress.total(10);
    progress.advance(4);
    expect(jobs.exportView('me', id, yes)).toEqual({ status: 'running', total: 10, done: 4 });
    expect(codeOf(() => jobs.exportFile('me', id, yes))).toBe('directory.export_not_ready');
    expect(codeOf(() => jobs.exportView('someone else', id, yes))).toBe('directory.job_not_found');
    expect(codeOf(() => jobs.exportView('me', id, (t) => t !== 't1'))).toBe('directory.job_not_found');
    expect(codeOf(() => jobs.importView('me', id, yes))).toBe('directory.job_not_found');
    finish();
    await settle();
    expect(jobs.exportView('me', id, yes)).toEqual({ status: 'done', total: 10, done: 10 });
    expect(jobs.exportFile('me', id, yes).name).toBe('hsds.json');
    await jobs.close();
  });

  it('an import that throws fails with an internal error and saves nothing; jobs expire; the store is bounded', async () => {
    const clock = new TestClock();
    const errors: unknown[] = [];
    const jobs = new DirectoryJobs(clock.now, (e) => errors.push(e));
    const id = jobs.startImport(owner, () => Promise.reject(new Error('disk full')));
    await settle();
    expect(jobs.importView('me', id, yes)).toMatchObject({
      status: 'failed',
      errors: [
        { file: null, line: null, field: null, code: 'internal_error', message: 'Внутренняя ошибка при импорте; ничего не сохранено.' },
      ],
      imported: {},
    });
    expect(errors).toHaveLength(1);
    clock.advance(TTL_MS + 1);
    expect(codeOf(() => jobs.importView('me', id, yes))).toBe('directory.job_not_found');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    for (let i = 0; i < MAX_JOBS; i++)
      jobs.startExport(owner, () => gate.then(() => ({ name: 'x', contentType: 'x', data: Buffer.from('') })));
    expect(codeOf(() => jobs.startExport(owner, () => gate.then(() => ({ name: 'x', contentType: 'x', data: Buffer.from('') }))))).toBe(
      'directory.too_many_jobs',
    );
    release();
    await settle();
    expect(codeOf(() => jobs.startExport(owner, async () => ({ name: 'x', contentType: 'x', data: Buffer.from('') })))).toBe('no error');
    expect(jobs.countOf('me')).toBe(MAX_JOBS);
    await jobs.close();
  });
});
