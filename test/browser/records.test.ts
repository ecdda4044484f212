// Contact records in Chromium against the real built server, the form: a counsellor records a
// counselling contact taken in the workstation (two reasons, a moderate risk), reloads half-way and
// finds the draft kept, finalizes and corrects it; a silent contact made by hand needs one click
// and «Завершить запись»; finalizing a counselling contact without caller or reason shows Russian
// errors tied to the fields; a second tab's stale save is refused and explained. axe-core on the form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './browserHarness.js';
import { addReason, answer, description, heading, question, startRecordsFixture, type RecordsFixture } from './recordsFixture.js';

let f: RecordsFixture;

beforeAll(async () => {
  f = await startRecordsFixture();
}, 90_000);

afterAll(async () => {
  await f?.harness.close();
}, 30_000);

describe('contact records in the staff SPA', () => {
  it('records a counselling contact from the workstation: two reasons, moderate risk, a reload keeps the draft, finalize', async () => {
    const { context, page } = await f.openAs('anna', '/workstation');
    try {
      await heading(page, 'Рабочее место').waitFor();
      // A contact in the counsellor's hands (an offline call through the routing engine).
      const { contact } = await f.api.anna.call<{ contact: { id: string } }>(
        'POST',
        `/api/routing/services/${f.serviceId}/offline-contacts`,
        {
          commandId: crypto.randomUUID(),
          channel: 'voice',
        },
      );
      await page
        .getByTestId('contact-card')
        .getByRole('link', { name: /^Запись об обращении/ })
        .click();
      await heading(page, 'Запись об обращении').waitFor();
      expect(page.url()).toContain(`/records/${contact.id}`);
      await page.getByRole('radio', { name: 'По проблеме (консультация)' }).check();
      await page
        .getByRole('radiogroup', { name: /Кто обратился/ })
        .getByRole('radio', { name: 'Ребёнок, подросток' })
        .check();
      await page.getByRole('radio', { name: 'Девочка' }).check();
      await page.getByRole('textbox', { name: /Возраст ребёнка/ }).fill('13');
      await page.getByTestId('age-group').getByText('Возрастная группа: 10–14 лет').waitFor();
      await addReason(page, 'травля', 'Травля (буллинг) в школе');
      await addReason(page, 'тревог', 'Тревога');
      // The screener: passive wish and active thoughts, no method, intent or plan → moderate.
      await answer(page, 1, 'Да');
      await answer(page, 2, 'Да');
      for (const n of [3, 4, 5, 6]) await answer(page, n, 'Нет');
      await page.getByTestId('risk-level').getByText('средний').waitFor();
      await page.getByRole('textbox', { name: 'Краткое содержание' }).fill('Девочку травят одноклассники, тревожится перед школой.');
      await page
        .getByTestId('save-status')
        .getByText(/^Черновик сохранён \d{1,2}:\d{2}$/)
        .waitFor();
      await expectNoAxeViolations(page, 'the record form of a counselling contact');

      // Half-way: the browser reloads; everything typed is on the server.
      await page.reload();
      await heading(page, 'Запись об обращении').waitFor();
      expect(await page.getByRole('radio', { name: 'По проблеме (консультация)' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: 'Ребёнок, подросток' }).isChecked()).toBe(true);
      expect(await page.getByRole('textbox', { name: /Возраст ребёнка/ }).inputValue()).toBe('13');
      const chips = page.getByRole('list', { name: 'Выбранные причины' }).getByRole('listitem');
      await chips.first().waitFor();
      expect(await chips.allInnerTexts()).toEqual([
        expect.stringContaining('Травля (буллинг) в школе'),
        expect.stringContaining('Тревога'),
      ]);
      expect(await question(page, 3).getByRole('radio', { name: 'Нет', exact: true }).isChecked()).toBe(true);
      await page.getByTestId('risk-level').getByText('средний').waitFor();
      expect(await page.getByRole('textbox', { name: 'Краткое содержание' }).inputValue()).toContain('травят одноклассники');

      await page.getByRole('button', { name: 'Завершить запись' }).click();
      await page.getByRole('button', { name: 'Исправить' }).waitFor();
      await page.getByTestId('record-summary').getByText('Травля (буллинг) в школе', { exact: false }).waitFor();
      await expectNoAxeViolations(page, 'a finalized record');
      const saved = await f.readRecord(contact.id);
      expect(saved).toMatchObject({
        status: 'final',
        riskLevel: 'moderate',
        fields: { contactType: 'counselling', callerType: 'child', childAge: 13, reasons: [expect.any(String), expect.any(String)] },
      });
      expect(saved.fields.summary).toContain('травят одноклассники');

      // A correction within the counsellor's 24 hours: saved on request, not as one types.
      await page.getByRole('button', { name: 'Исправить' }).click();
      await page.getByRole('radio', { name: 'Мальчик' }).check();
      await page.getByRole('button', { name: 'Сохранить исправление' }).click();
      await page.getByTestId('record-summary').getByText('Мальчик').waitFor();
      expect(await f.readRecord(contact.id)).toMatchObject({ status: 'final', fields: { childGender: 'boy' } });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('records a silent contact made by hand with one click on its type and «Завершить запись»', async () => {
    const { context, page } = await f.openAs('anna', '/workstation');
    try {
      await page.getByRole('button', { name: 'Записать обращение вручную' }).click();
      const dialog = page.getByRole('dialog', { name: 'Обращение вручную' });
      await dialog.getByRole('combobox', { name: 'Как обратились' }).selectOption('voice');
      await dialog.getByRole('button', { name: 'Создать запись' }).click();
      await heading(page, 'Запись об обращении').waitFor();
      const id = page.url().split('/records/')[1]!.split('?')[0]!;

      await page.getByRole('radio', { name: 'Молчание' }).click();
      await page.getByRole('button', { name: 'Завершить запись' }).click();
      await page.getByTestId('record-summary').getByText('Молчание').waitFor();
      expect(await f.readRecord(id)).toMatchObject({ status: 'final', fields: { contactType: 'silent', reasons: [] } });
    } finally {
      await context.close();
    }
  }, 30_000);

  it('shows in Russian, by the fields, why a counselling contact without caller and reason cannot be finalized', async () => {
    const id = await f.manualRecord();
    const { context, page } = await f.openAs('anna', `/records/${id}`);
    try {
      await heading(page, 'Запись об обращении').waitFor();
      await page.getByRole('radio', { name: 'По проблеме (консультация)' }).check();
      await page.getByRole('button', { name: 'Завершить запись' }).click();
      await page.getByRole('alert').filter({ hasText: 'Запись не завершена: исправьте отмеченные поля.' }).waitFor();
      // Each message is tied to its field (aria-describedby), not only listed at the bottom.
      const callerType = page.getByRole('radiogroup', { name: /Кто обратился/ });
      await expect.poll(() => description(page, callerType)).toContain('Укажите, кто обратился');
      const reasons = page.getByRole('combobox', { name: /Причины обращения/ });
      await expect.poll(() => description(page, reasons)).toContain('Выберите хотя бы одну причину обращения');
      expect(await reasons.getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(page, 'the record form with validation errors');
      expect((await f.readRecord(id)).status).not.toBe('final');
    } finally {
      await context.close();
    }
  }, 30_000);

  it('tells, in Russian, that another tab changed the record, and reloads it on request', async () => {
    const id = await f.manualRecord();
    const { context, page: first } = await f.openAs('anna', `/records/${id}`);
    try {
      const second = await context.newPage();
      await second.goto(`${f.harness.url}/records/${id}`);
      await heading(second, 'Запись об обращении').waitFor();
      await heading(first, 'Запись об обращении').waitFor();
      await first.getByRole('radio', { name: 'По проблеме (консультация)' }).check();
      await first.getByRole('textbox', { name: 'Регион' }).fill('Тверская область');
      await first
        .getByTestId('save-status')
        .getByText(/^Черновик сохранён/)
        .waitFor();

      // The second tab still holds the first version: its save is refused, nothing is overwritten.
      await second.getByRole('radio', { name: 'Розыгрыш' }).check();
      const conflict = second.getByRole('alert').filter({ hasText: 'Запись изменена в другой вкладке' });
      await conflict.waitFor();
      expect(await f.readRecord(id)).toMatchObject({ fields: { contactType: 'counselling', region: 'Тверская область' } });
      await conflict.getByRole('button', { name: 'Загрузить заново' }).click();
      await conflict.waitFor({ state: 'detached' });
      expect(await second.getByRole('radio', { name: 'По проблеме (консультация)' }).isChecked()).toBe(true);
      expect(await second.getByRole('textbox', { name: 'Регион' }).inputValue()).toBe('Тверская область');
    } finally {
      await context.close();
    }
  }, 30_000);
});
