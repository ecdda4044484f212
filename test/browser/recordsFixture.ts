// What the records browser tests share: a server with one service, a counsellor (Анна) and a
// supervisor (Вера) with their own passwords, browser contexts signed in as either, API sessions
// for arranging records, and the form's page helpers (screener answers, reasons, field hints).
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ApiSession } from './apiSession.js';
import { startHarness, type Harness } from './browserHarness.js';

const FIRST_PASSWORD = 'первый-Пароль-4417';
const PASSWORD = 'рабочий-Пароль-9032';
const SERVICE = { name: 'Тестовая служба записей', shortName: 'Служба З', region: 'Тестовая область', timeZone: 'Europe/Moscow' };
const STAFF = {
  anna: { login: 'rec.anna', pseudonym: 'Анна', role: 'counsellor' },
  vera: { login: 'rec.vera', pseudonym: 'Вера', role: 'supervisor' },
} as const;
export type Who = keyof typeof STAFF;

export interface RecordView {
  id: string;
  status: string;
  version: number;
  riskLevel: string;
  fields: {
    contactType: string | null;
    callerType: string | null;
    childGender: string | null;
    reasons: string[];
    summary: string | null;
    childAge: number | null;
    region: string | null;
  };
}

export interface RecordsFixture {
  harness: Harness;
  serviceId: string;
  api: Record<Who, ApiSession>;
  /** Signed in as `who` on `path`; `beforeGoto` prepares the page first (e.g. holds its WebSocket). */
  openAs(who: Who, path: string, beforeGoto?: (page: Page) => Promise<void>): Promise<{ context: BrowserContext; page: Page }>;
  readRecord(id: string): Promise<RecordView>;
  /** A record made by hand (by Анна) through the API, for tests about the form itself. */
  manualRecord(): Promise<string>;
}

export async function startRecordsFixture(): Promise<RecordsFixture> {
  const harness = await startHarness();
  try {
    const { url } = harness;
    const admin = await ApiSession.signIn(url, 'admin', harness.passwordOf('admin'));
    const serviceId = (await admin.call<{ id: string }>('POST', '/api/services', SERVICE)).id;
    const sessions = await Promise.all(
      (Object.keys(STAFF) as Who[]).map(async (who) => {
        const s = STAFF[who];
        await admin.call('POST', '/api/staff', {
          login: s.login,
          pseudonym: s.pseudonym,
          fullName: `${s.pseudonym} Тестовая`,
          password: FIRST_PASSWORD,
          grants: [{ serviceId, role: s.role }],
        });
        const own = await ApiSession.signIn(url, s.login, FIRST_PASSWORD);
        await own.call('POST', '/api/auth/password', { currentPassword: FIRST_PASSWORD, newPassword: PASSWORD });
        return [who, await ApiSession.signIn(url, s.login, PASSWORD)] as const;
      }),
    );
    const api = Object.fromEntries(sessions) as Record<Who, ApiSession>;
    return {
      harness,
      serviceId,
      api,
      async openAs(who, path, beforeGoto) {
        // Less motion: dialogs appear without fading, so axe never sees one half-transparent.
        const context = await harness.browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce', acceptDownloads: true });
        context.setDefaultTimeout(10_000);
        const login = await context.request.post(`${url}/api/auth/login`, { data: { login: STAFF[who].login, password: PASSWORD } });
        expect(login.status()).toBe(204);
        const page = await context.newPage();
        await beforeGoto?.(page);
        await page.goto(url + path);
        return { context, page };
      },
      readRecord: (id) => api.anna.call<RecordView>('GET', `/api/records/${id}`),
      async manualRecord() {
        const id = crypto.randomUUID();
        await api.anna.call('POST', '/api/records', { id, serviceId, channel: 'voice' });
        return id;
      },
    };
  } catch (err) {
    await harness.close();
    throw err;
  }
}

export const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/** The screener's question numbered `n` on screen. */
export const question = (page: Page, n: number) => page.getByRole('radiogroup', { name: new RegExp(`^${n}\\. `) });

export async function answer(page: Page, n: number, value: 'Да' | 'Нет') {
  await question(page, n).getByRole('radio', { name: value, exact: true }).check();
}

/** The text a control's aria-describedby points to (its hint and error). */
export async function description(page: Page, control: Locator): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(
    ids.map((id) =>
      page
        .locator(`[id="${id}"]`)
        .innerText()
        .catch(() => ''),
    ),
  );
  return texts.join(' ');
}

export async function addReason(page: Page, search: string, option: string) {
  const picker = page.getByRole('combobox', { name: /Причины обращения/ });
  await picker.click();
  await picker.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('list', { name: 'Выбранные причины' }).getByText(option, { exact: false }).waitFor();
}
