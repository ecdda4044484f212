// The staff SPA end to end in Chromium against the real built server: sign in as the demo admin,
// add a counsellor through the UI, sign in as that counsellor, replace the temporary password, and
// check what a counsellor sees. Every page passes axe-core; no request leaves the origin.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, recordRequests, startHarness, type Harness } from './browserHarness.js';

const COUNSELLOR = { login: 'test.counsellor', pseudonym: 'Ника', fullName: 'Тестова Ника Сергеевна' };
const NEW_PASSWORD = 'звёздное-небо-2024';

let harness: Harness | undefined;

beforeAll(async () => {
  harness = await startHarness();
}, 90_000);

afterAll(async () => {
  await harness?.close();
}, 30_000);

/** A form field by its label; Mantine appends an aria-hidden " *" to labels of required fields. */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await heading(page, 'Вход в систему').waitFor();
  await field(page, 'Логин').fill(login);
  await field(page, 'Пароль').fill(password);
  await field(page, 'Пароль').press('Enter');
}

describe('staff SPA', () => {
  it('admin adds a counsellor, who signs in and replaces the temporary password', async () => {
    const { url, browser } = harness!;
    // Less motion: dialogs open without fading, so axe never sees one half-transparent.
    const context = await browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const requested = recordRequests(page);
    try {
      // The login page, in Russian by default.
      await page.goto(url);
      await heading(page, 'Вход в систему').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');
      expect(await page.title()).toBe('Вход в систему — Доверие');
      await expectNoAxeViolations(page, 'the login page');

      // English once, then back to Russian.
      await page.getByRole('button', { name: 'English' }).click();
      await heading(page, 'Sign in').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await field(page, 'Password').waitFor();
      await page.getByRole('button', { name: 'Русский' }).click();
      await heading(page, 'Вход в систему').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');

      // A wrong password: the server's Russian message, announced.
      await signIn(page, 'admin', 'not-the-password-1');
      await page.getByRole('alert').filter({ hasText: 'Неверный логин или пароль.' }).waitFor();

      // The admin signs in and sees the home page.
      await signIn(page, 'admin', harness!.passwordOf('admin'));
      await heading(page, 'Здравствуйте, Администратор!').waitFor();
      await expectNoAxeViolations(page, 'the admin home page');

      // Services, then staff.
      const nav = page.getByRole('navigation', { name: 'Основные разделы' });
      await nav.getByRole('link', { name: 'Службы' }).click();
      await heading(page, 'Службы').waitFor();
      await page.getByRole('table', { name: 'Список служб' }).getByText('Ковровский СРЦН').waitFor();
      await expectNoAxeViolations(page, 'the services page');

      await nav.getByRole('link', { name: 'Сотрудники' }).click();
      await heading(page, 'Сотрудники').waitFor();
      const table = page.getByRole('table', { name: 'Список сотрудников' });
      await table.getByText('kovrov.counsellor').waitFor();
      await expectNoAxeViolations(page, 'the staff page');

      // Add a counsellor to the Kovrov service, leaving the password to be generated.
      await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
      const form = page.getByRole('dialog', { name: 'Новый сотрудник' });
      await field(form, 'Логин').waitFor();
      await form.locator('input:focus').and(field(form, 'Логин')).waitFor();
      await page.keyboard.type(COUNSELLOR.login);
      await page.keyboard.press('Tab');
      await page.keyboard.type(COUNSELLOR.pseudonym);
      await page.keyboard.press('Tab');
      await page.keyboard.type(COUNSELLOR.fullName);
      await field(form, 'Служба').selectOption({ label: 'Ковровский СРЦН' });
      await field(form, 'Роль').selectOption({ label: 'Психолог-консультант' });
      await expectNoAxeViolations(page, 'the new staff member form');
      await form.getByRole('button', { name: 'Создать' }).click();

      await form.waitFor({ state: 'detached' });
      const shown = page.getByRole('dialog', { name: 'Временный пароль' });
      const temporaryPassword = await field(shown, 'Временный пароль').inputValue();
      expect(temporaryPassword).toMatch(/^\S{12,}$/);
      await expectNoAxeViolations(page, 'the temporary password dialog');
      await shown.getByRole('button', { name: 'Пароль передан, закрыть' }).click();
      await shown.waitFor({ state: 'hidden' });
      const row = table.getByRole('row').filter({ hasText: COUNSELLOR.login });
      await row.getByText('Психолог-консультант · Ковровский СРЦН').waitFor();
      await row.getByText('Ждёт смены пароля').waitFor();

      // Sign out, sign in as the counsellor: the password change comes first.
      await page.getByRole('button', { name: 'Выйти' }).click();
      await signIn(page, COUNSELLOR.login, temporaryPassword);
      await heading(page, 'Смена пароля').waitFor();
      expect(new URL(page.url()).pathname).toBe('/password');
      expect(await page.getByRole('navigation').count()).toBe(0);
      await expectNoAxeViolations(page, 'the forced password change page');

      await field(page, 'Текущий пароль').fill(temporaryPassword);
      await field(page, 'Новый пароль').fill(NEW_PASSWORD);
      await field(page, 'Повторите новый пароль').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Сменить пароль' }).click();

      // The counsellor's home page: their pseudonym, their workstation, and no admin sections.
      await heading(page, `Здравствуйте, ${COUNSELLOR.pseudonym}!`).waitFor();
      await page.getByText(COUNSELLOR.fullName).first().waitFor();
      const counsellorNav = page.getByRole('navigation', { name: 'Основные разделы' });
      await counsellorNav.getByRole('link', { name: 'Главная' }).waitFor();
      expect(await counsellorNav.getByRole('link').allInnerTexts()).toEqual([
        'Главная',
        'Рабочее место',
        'Журнал обращений',
        'Случаи',
        'Сигналы',
        'Справочник',
      ]);
      expect(await page.getByRole('link', { name: 'Сотрудники' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Службы' }).count()).toBe(0);
      await expectNoAxeViolations(page, 'the counsellor home page');

      const outside = requested.filter((u) => !u.startsWith(url) && !u.startsWith(url.replace(/^http/, 'ws')));
      expect(outside, `requests that left ${url}`).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
