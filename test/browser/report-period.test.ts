// A report's default period is "this month so far" in the service's days, not the browser's or
// UTC's: records and signals are filed by the service's local day, so at 00:30 in Moscow (21:30 UTC)
// a report ending on the UTC day would leave out everything filed since midnight. The browser runs
// in UTC with its clock fixed at 21:30 UTC today; the Kovrov helpline (Europe/Moscow) is already in
// tomorrow. Both the contacts report («Отчёты») and the signals report default to Moscow's days.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, startHarness, type Harness } from './browserHarness.js';
import { h1 } from './chatChildFixture.js';

let harness: Harness | undefined;

beforeAll(async () => {
  harness = await startHarness();
}, 90_000);

afterAll(async () => {
  await harness?.close();
}, 30_000);

/** Today at 21:30 UTC, and that instant's day in Moscow (UTC+3, so the next one). */
function lateEvening() {
  const now = new Date();
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 21, 30));
  const moscow = new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
  return { at, utcDay: at.toISOString().slice(0, 10), moscow };
}

async function openAt(login: string, path: string, at: Date): Promise<Page> {
  const context = await harness!.browser.newContext({ locale: 'ru-RU', timezoneId: 'UTC', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  const res = await context.request.post(`${harness!.url}/api/auth/login`, {
    data: { login, password: harness!.passwordOf(login) },
  });
  expect(res.status()).toBe(204);
  const page = await context.newPage();
  await page.clock.setFixedTime(at);
  await page.goto(harness!.url + path);
  return page;
}

const dateField = (page: Page, form: string, name: string) =>
  page.getByRole('form', { name: form }).getByRole('textbox', { name, exact: true });

describe('the default report period in the service’s time zone', () => {
  it('at 21:30 UTC the contacts report and the signals report end on Moscow’s day', async () => {
    const { at, utcDay, moscow } = lateEvening();
    expect(moscow).not.toBe(utcDay);
    const olga = await openAt('kovrov.supervisor', '/reports', at);
    try {
      await h1(olga, 'Отчёты').waitFor();
      await expect.poll(() => dateField(olga, 'Параметры отчёта', 'По дату').inputValue()).toBe(moscow);
      expect(await dateField(olga, 'Параметры отчёта', 'С даты').inputValue()).toBe(`${moscow.slice(0, 8)}01`);
      await expectNoAxeViolations(olga, 'the report page late in the evening');

      await olga.goto(`${harness!.url}/signals`);
      await olga.getByRole('tab', { name: 'Отчёт' }).click();
      const form = 'Период отчёта';
      await expect.poll(() => dateField(olga, form, 'По дату').inputValue()).toBe(moscow);
      expect(await dateField(olga, form, 'С даты').inputValue()).toBe(`${moscow.slice(0, 8)}01`);
    } finally {
      await olga.context().close();
    }
  }, 60_000);
});
