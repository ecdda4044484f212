// The XLSX export: the job store on its own (progress, not ready, only the starter sees it, expiry,
// the bound), and over HTTP: started, followed to done, downloaded and read back with exceljs —
// the same numbers as the JSON report, '<5' as text where suppressed, Russian headers and file name.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { EXPORT_TTL_MS, ExportJobs, MAX_JOBS, type ExportFile } from '../../src/domain/records/exportJobs.js';
import type { ContactReport } from '../../src/domain/records/reportSchemas.js';
import { SHEET_NAMES, SUPPRESSION_NOTE } from '../../src/domain/records/xlsxReport.js';
import { TestApp, TestClock, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { PERIOD, twoServices } from './reportFixture.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'no error';
};
const settle = () => new Promise((r) => setTimeout(r, 5));

describe('export jobs', () => {
  const file: ExportFile = { name: 'отчёт.xlsx', asciiName: 'report.xlsx', data: Buffer.from('x') };

  it('a job runs with progress, is not ready until done, and is seen only by the user who started it', async () => {
    const jobs = new ExportJobs(new TestClock().now, () => {});
    let finish!: () => void;
    let report!: (f: number) => void;
    const job = jobs.start('me', async (progress) => {
      report = progress;
      await new Promise<void>((r) => (finish = r));
      return file;
    });
    expect(job).toEqual({ id: expect.any(String), status: 'running', progress: 0 });
    await settle();
    report(0.42);
    expect(jobs.get('me', job.id)).toEqual({ id: job.id, status: 'running', progress: 0.42 });
    expect(codeOf(() => jobs.file('me', job.id))).toBe('report.export_not_ready');
    expect(codeOf(() => jobs.get('someone else', job.id))).toBe('report.export_not_found');
    expect(codeOf(() => jobs.file('someone else', job.id))).toBe('report.export_not_found');
    finish();
    await settle();
    expect(jobs.get('me', job.id)).toEqual({ id: job.id, status: 'done', progress: 1 });
    expect(jobs.file('me', job.id)).toBe(file);
    await jobs.close();
  });

  it('a failed export says so and has no file; jobs are forgotten after 15 minutes; the store keeps at most MAX_JOBS', async () => {
    const clock = new TestClock();
    const errors: unknown[] = [];
    const jobs = new ExportJobs(clock.now, (e) => errors.push(e));
    const failed = jobs.start('me', () => Promise.reject(new Error('disk full')));
    await settle();
    expect(jobs.get('me', failed.id).status).toBe('failed');
    expect(codeOf(() => jobs.file('me', failed.id))).toBe('report.export_not_ready');
    expect(errors).toHaveLength(1);
    clock.advance(EXPORT_TTL_MS + 1);
    expect(codeOf(() => jobs.get('me', failed.id))).toBe('report.export_not_found');

    const ids = Array.from({ length: MAX_JOBS + 1 }, () => jobs.start('me', async () => file).id);
    await settle();
    expect(codeOf(() => jobs.get('me', ids[0]!))).toBe('report.export_not_found');
    expect(jobs.get('me', ids[MAX_JOBS]!).status).toBe('done');
    await jobs.close();
  });
});

describe.each(DATABASES)('XLSX export of the report on %s', (kind) => {
  let t: TestApp;
  let s1: string;
  let analyst: SignedIn;
  let supervisor1: SignedIn;
  beforeAll(async () => {
    t = await TestApp.start(kind);
    ({ s1 } = await twoServices(t.db));
    [analyst, supervisor1] = await Promise.all([t.as([{ role: 'analyst' }]), t.as([{ role: 'supervisor', serviceId: s1 }])]);
  });
  afterAll(() => t.close());

  /** Starts an export, follows it to done (checking progress only grows), downloads and opens it. */
  async function exported(who: SignedIn, params: Record<string, string>) {
    const started = await t.request(who, 'POST', '/api/reports/contacts/exports', { ...PERIOD, ...params });
    expect(started.statusCode, started.body).toBe(202);
    const id = started.json().id as string;
    let state = started.json();
    const seen: number[] = [state.progress];
    for (let i = 0; i < 200 && state.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = (await t.request(who, 'GET', `/api/reports/exports/${id}`)).json();
      seen.push(state.progress);
    }
    expect(state).toEqual({ id, status: 'done', progress: 1 });
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const res = await t.request(who, 'GET', `/api/reports/exports/${id}/file`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const json: ContactReport = (
      await t.request(who, 'GET', `/api/reports/contacts?${new URLSearchParams({ ...PERIOD, ...params })}`)
    ).json();
    return { id, res, wb, json };
  }

  /** Each table's sheet holds the JSON's rows: code, (category), Russian label, count, share. */
  function expectSheetsMatch(wb: ExcelJS.Workbook, json: ContactReport) {
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_NAMES.summary, ...json.tables.map((x) => SHEET_NAMES[x.id])]);
    for (const table of json.tables) {
      const ws = wb.getWorksheet(SHEET_NAMES[table.id])!;
      expect(ws.getCell('A1').value).toBe(json.title.ru);
      let h = 1;
      while (ws.getCell(h, 1).value !== 'Код') h++;
      const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
      const counselling = table.rows.some((x) => x.counselling !== undefined);
      expect(values(h)).toEqual([
        'Код',
        ...(table.id === 'reason' ? ['Категория'] : []),
        'Наименование',
        'Количество',
        table.base === 'all'
          ? 'Доля от всех обращений'
          : table.base === 'referrals'
            ? 'Доля от всех направлений'
            : 'Доля от обращений по проблеме',
        ...(counselling ? ['Из них по проблеме'] : []),
      ]);
      table.rows.forEach((row, i) => {
        const share = row.share === null ? [] : [row.share];
        expect(values(h + 1 + i), `${table.id} ${row.key}`).toEqual([
          row.key,
          ...(table.id === 'reason' ? [row.category!.label.ru] : []),
          row.label.ru,
          row.n,
          ...(counselling ? [row.share ?? undefined, row.counselling] : share),
        ]);
      });
      expect(ws.getRow(h + 1 + table.rows.length).values).toEqual([]);
    }
  }

  it('a network export has the JSON numbers, "<5" as text, a title with scope and period, and a Russian file name', async () => {
    const { res, wb, json } = await exported(analyst, { scope: 'network' });
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="contacts-report_2025-09-25_2025-11-05.xlsx"; filename*=UTF-8''${encodeURIComponent('Статистика обращений — сеть — 2025-09-25_2025-11-05.xlsx')}`,
    );
    const summary = wb.getWorksheet('Сводка')!;
    expect(summary.getCell('A1').value).toBe('Статистика обращений: вся сеть, с 25.09.2025 по 05.11.2025');
    expect(summary.getCell('A2').value).toBe(SUPPRESSION_NOTE);
    expect(summary.getCell('A3').value).toBe('С 25.09.2025 по 05.11.2025 поступило 14 обращений, из них 8 по проблеме.');
    const byLabel = new Map<unknown, unknown>();
    summary.eachRow((r) => byLabel.set(r.getCell(1).value, r.getCell(2).value));
    expect(
      Object.fromEntries(
        [
          'Всего обращений',
          'Обращения по проблеме',
          'Не дождались ответа',
          'Принято',
          'Пропущено (абонент не дождался)',
          'Уровень обслуживания (20 с)',
          'Среднее время ответа, с',
          'Среднее время обработки, с',
        ].map((k) => [k, byLabel.get(k)]),
      ),
    ).toEqual({
      'Всего обращений': 14,
      'Обращения по проблеме': 8,
      'Не дождались ответа': '<5',
      Принято: 10,
      'Пропущено (абонент не дождался)': '<5',
      'Уровень обслуживания (20 с)': '<5',
      'Среднее время ответа, с': 16,
      'Среднее время обработки, с': 507,
    });
    expectSheetsMatch(wb, json);
    expect(wb.getWorksheet('Пол')!.getCell('C5').value).toBe('<5'); // boys: below the title, table name, note and header
  });

  it("a service's own export is exact and has no suppression note", async () => {
    const { wb, json } = await exported(supervisor1, { scope: 'service', serviceId: s1 });
    expect(json.suppressed).toBe(false);
    const summary = wb.getWorksheet('Сводка')!;
    expect(summary.getCell('A2').value).toBe('С 25.09.2025 по 05.11.2025 поступило 8 обращений, из них 4 по проблеме.');
    let sl: unknown;
    summary.eachRow((r) => {
      if (r.getCell(1).value === 'Уровень обслуживания (20 с)') sl = r.getCell(2).value;
    });
    expect(sl).toBe(0.625);
    expectSheetsMatch(wb, json);
  });

  it('only the user who started an export sees it; a refused or invalid export starts nothing', async () => {
    const { id } = await exported(analyst, { scope: 'network' });
    const other = await t.as([{ role: 'analyst' }]);
    for (const url of [`/api/reports/exports/${id}`, `/api/reports/exports/${id}/file`]) {
      const res = await t.request(other, 'GET', url);
      expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 404, code: 'report.export_not_found' });
    }
    const bad = await t.request(analyst, 'POST', '/api/reports/contacts/exports', {
      scope: 'network',
      from: '2025-11-05',
      to: '2025-09-25',
    });
    expect({ status: bad.statusCode, code: bad.json().code }).toEqual({ status: 400, code: 'report.period_invalid' });
    const refused = await t.request(supervisor1, 'POST', '/api/reports/contacts/exports', { scope: 'network', ...PERIOD });
    expect({ status: refused.statusCode, code: refused.json().code }).toEqual({ status: 403, code: 'auth.forbidden' });
  });
});
