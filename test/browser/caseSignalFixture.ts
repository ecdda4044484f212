// What the browser tests of cases and signals share: staff of the demo network signed in in their
// own browser contexts (every URL their pages request kept, to prove nothing left the origin), and
// Анна's contact about physical abuse recorded by hand and finalized.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Harness } from './browserHarness.js';
import { h1 } from './chatChildFixture.js';
import { addReason } from './recordsFixture.js';

/** The region's agencies in the demo directory (with their organisations' names). */
export const OPEKA = 'Отдел опеки и попечительства администрации города Коврова';
export const PDN = 'Отделение по делам несовершеннолетних ОМВД России по г. Коврову';

export interface StaffBrowser {
  /** A staff member signed in (a demo login's password unless given), on `path`. */
  open(login: string, path: string, password?: string): Promise<Page>;
  /** Every URL the pages requested or connected to. */
  readonly requested: string[];
  close(): Promise<void>;
}

export function staffBrowser(harness: Harness): StaffBrowser {
  const contexts: BrowserContext[] = [];
  const requested: string[] = [];
  return {
    requested,
    async open(login, path, password = harness.passwordOf(login)) {
      const context = await harness.browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce', acceptDownloads: true });
      contexts.push(context);
      context.setDefaultTimeout(10_000);
      const res = await context.request.post(`${harness.url}/api/auth/login`, { data: { login, password } });
      expect(res.status()).toBe(204);
      const page = await context.newPage();
      page.on('request', (r) => requested.push(r.url()));
      page.on('websocket', (ws) => requested.push(ws.url()));
      await page.goto(harness.url + path);
      return page;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    },
  };
}

/** Анна's contact about physical abuse, recorded by hand and finalized; the page stays on the record. */
export async function recordAbuse(anna: Page): Promise<void> {
  await h1(anna, 'Рабочее место').waitFor();
  await anna.getByRole('button', { name: 'Записать обращение вручную' }).click();
  const dialog = anna.getByRole('dialog', { name: 'Обращение вручную' });
  await dialog.getByRole('combobox', { name: 'Как обратились' }).selectOption('voice');
  await dialog.getByRole('button', { name: 'Создать запись' }).click();
  await h1(anna, 'Запись об обращении').waitFor();
  await anna.getByRole('radio', { name: 'По проблеме (консультация)' }).check();
  await anna
    .getByRole('radiogroup', { name: /Кто обратился/ })
    .getByRole('radio', { name: 'Ребёнок, подросток' })
    .check();
  await anna.getByRole('radio', { name: 'Мальчик' }).check();
  await anna.getByRole('textbox', { name: /Возраст ребёнка/ }).fill('12');
  await addReason(anna, 'физич', 'Физическое насилие');
  await anna
    .getByRole('textbox', { name: 'Краткое содержание' })
    .fill('Отчим бьёт, синяки на руках. Согласен, чтобы служба сообщила в опеку.');
  await anna
    .getByTestId('save-status')
    .getByText(/^Черновик сохранён/)
    .waitFor();
  await anna.getByRole('button', { name: 'Завершить запись' }).click();
  await anna.getByRole('button', { name: 'Исправить' }).waitFor();
}
