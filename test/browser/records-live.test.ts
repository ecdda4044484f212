// Contact records in Chromium against the real built server, live and lists: an imminent risk
// answer in the counsellor's form reaches the supervisor's live board (another browser) within a
// second and «Принято» clears it; the supervisor's journal filters and opens records with the
// keyboard; the report shows the summary line and tables and exports an XLSX. axe-core on the
// board, the journal and the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './browserHarness.js';
import { answer, heading, startRecordsFixture, type RecordsFixture } from './recordsFixture.js';

let f: RecordsFixture;

beforeAll(async () => {
  f = await startRecordsFixture();
  // Something for the journal and the report: a silent contact, finalized.
  const id = await f.manualRecord();
  const { version } = await f.readRecord(id);
  await f.api.anna.call('POST', `/api/records/${id}/finalize`, { version, fields: { contactType: 'silent' } });
}, 90_000);

afterAll(async () => {
  await f?.harness.close();
}, 30_000);

describe('risk alerts, the journal and the report in the staff SPA', () => {
  it("alerts the supervisor's live board within a second of an imminent risk answer; «Принято» clears it", async () => {
    const id = await f.manualRecord();
    const vera = await f.openAs('vera', `/board/${f.serviceId}`);
    const anna = await f.openAs('anna', `/records/${id}`);
    try {
      await heading(vera.page, 'Мониторинг: Служба З').waitFor();
      const alerts = vera.page.getByTestId('risk-alerts');
      await alerts.getByText('Открытых оповещений о риске нет.').waitFor();

      const page = anna.page;
      await heading(page, 'Запись об обращении').waitFor();
      await page.getByRole('radio', { name: 'По проблеме (консультация)' }).check();
      await answer(page, 1, 'Да');
      await answer(page, 2, 'Да');
      await answer(page, 4, 'Да');
      await answer(page, 5, 'Да');
      await page.getByTestId('risk-level').getByText('высокий').waitFor();
      // Intent, a plan, and now the means at hand: imminent.
      const means = page.getByRole('radiogroup', { name: /есть под рукой/ });
      const started = Date.now();
      await means.getByRole('radio', { name: 'Да', exact: true }).check();
      await alerts.getByText(/Риск «угроза жизни» у обращения, которое ведёт Анна/).waitFor({ timeout: 5_000 });
      const elapsed = Date.now() - started;
      expect(elapsed, `the alert took ${elapsed} ms`).toBeLessThan(1_000);
      await page.getByRole('alert').filter({ hasText: 'Супервизор на смене получил оповещение' }).waitFor();
      await expectNoAxeViolations(vera.page, 'the live board with a risk alert');

      await alerts.getByRole('button', { name: /^Принято: риск «угроза жизни»/ }).click();
      await alerts.getByText('Открытых оповещений о риске нет.').waitFor();
    } finally {
      await Promise.all([vera.context.close(), anna.context.close()]);
    }
  }, 45_000);

  it('lists records in the journal, filtered and opened with the keyboard, and shows and exports the report', async () => {
    const { context, page } = await f.openAs('vera', '/records');
    try {
      await heading(page, 'Журнал обращений').waitFor();
      const table = page.getByRole('table', { name: 'Обращения' });
      await table.getByRole('row').filter({ hasText: 'Молчание' }).first().waitFor();
      await page.getByRole('combobox', { name: 'Тип обращения' }).selectOption('silent');
      await page.getByRole('button', { name: 'Показать', exact: true }).click();
      await expect.poll(async () => (await table.getByRole('row').allInnerTexts()).slice(1)).toEqual([expect.stringContaining('Молчание')]);
      await expectNoAxeViolations(page, 'the contact journal');
      const link = table.getByRole('link', { name: /^Открыть запись от / });
      await link.focus();
      await page.keyboard.press('Enter');
      await heading(page, 'Запись об обращении').waitFor();
      await page.getByTestId('record-summary').getByText('Молчание').waitFor();

      await page.goto(`${f.harness.url}/reports`);
      await heading(page, 'Отчёты').waitFor();
      const summary = page.getByTestId('report-summary');
      await summary.waitFor();
      expect(await summary.innerText()).toMatch(/обращени/);
      await page.getByTestId('report-table-contactType').waitFor();
      await expectNoAxeViolations(page, 'the report page');
      const download = page.waitForEvent('download', { timeout: 15_000 });
      await page.getByRole('button', { name: 'Выгрузить в Excel' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
      await page.getByText('Файл готов.').waitFor();
    } finally {
      await context.close();
    }
  }, 45_000);
});
