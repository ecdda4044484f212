// «Настройки случаев и сигналов» in Chromium against the real built server and the demo network:
// Елена (the Kovrov helpline's head) finds the page from «Случаи», changes the acknowledgement
// deadline, adds an extra day off and an extra working day, saves, and after a reload the page (and
// the API) has them; a retention the server refuses and a day in both calendar lists are refused with
// the Russian message by the field, nothing saved. Ольга (the supervisor) reaches it from the signals
// register and sees it read-only; Анна (a counsellor) has no link and reads it at its address
// (policy.viewCaseSettings); the methodologist and another service's head get «not found». axe-core
// on each state; nothing leaves the server's origin.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, startHarness, untilInPage, type Harness } from './browserHarness.js';
import { staffBrowser, type StaffBrowser } from './caseSignalFixture.js';
import { expectOnlyOwnOrigin, h1 } from './chatChildFixture.js';

const TITLE = 'Настройки случаев и сигналов';
const DAY_OFF = '2026-12-31';
const WORKING_DAY = '2026-12-26';

interface Settings {
  retentionConsentDays: number;
  ackWorkingDays: number;
  outcomeWorkingDays: number;
  extraDaysOff: string[];
  extraWorkingDays: string[];
}

let harness: Harness | undefined;
let staff: StaffBrowser | undefined;
let head: ApiSession | undefined;
let serviceId = '';

beforeAll(async () => {
  harness = await startHarness();
  staff = staffBrowser(harness);
  head = await ApiSession.signIn(harness.url, 'kovrov.head', harness.passwordOf('kovrov.head'));
  const me = await head.call<{ user: { grants: { serviceId: string | null; role: string }[] } }>('GET', '/api/auth/me');
  serviceId = me.user.grants.find((g) => g.role === 'head')!.serviceId!;
}, 90_000);

afterAll(async () => {
  await staff?.close();
  await harness?.close();
}, 30_000);

const settingsPath = () => `/cases/settings/${serviceId}`;
const stored = () => head!.call<Settings>('GET', `/api/services/${serviceId}/case-settings`);
const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const daysOff = (page: Page) => page.getByTestId('days-off');
const workingDays = (page: Page) => page.getByTestId('working-days');

async function addDay(list: ReturnType<typeof daysOff>, label: string, button: string, day: string): Promise<void> {
  await list.getByLabel(label).fill(day);
  await list.getByRole('button', { name: button }).click();
  await list.locator(`li[data-day="${day}"]`).waitFor();
}

describe('case and signal settings: the head sets them, the staff read them', () => {
  it('Елена changes the acknowledgement deadline and the calendar; after a reload the page and the API have them', async () => {
    const elena = await staff!.open('kovrov.head', '/cases');
    await h1(elena, 'Случаи').waitFor();
    await elena.getByRole('link', { name: TITLE }).click();
    await h1(elena, /^Настройки случаев и сигналов: /).waitFor();
    // The defaults, with what they mean.
    await expect.poll(() => field(elena, 'Подтверждение получения').inputValue()).toBe('1');
    expect(await field(elena, 'Сообщение о принятых мерах').inputValue()).toBe('10');
    expect(await field(elena, 'Случаи, открытые с согласия').inputValue()).toBe('365');
    await elena.getByText(/Об уничтожении составляется акт/).waitFor();
    await elena.getByText(/Праздники из статьи 112 Трудового кодекса уже учтены/).waitFor();
    expect(await daysOff(elena).getByText('Дней нет.').count()).toBe(1);
    await expectNoAxeViolations(elena, 'the case settings page');

    // A retention the server does not take is refused by its field, in Russian, and nothing is saved.
    const consent = field(elena, 'Случаи, открытые с согласия');
    await consent.fill('10');
    await elena.getByRole('button', { name: 'Сохранить' }).click();
    await elena.getByText('Введите целое число от 30 до 36500').waitFor();
    await expect.poll(() => consent.getAttribute('aria-invalid')).toBe('true');
    expect((await stored()).retentionConsentDays).toBe(365);
    await expectNoAxeViolations(elena, "the case settings page with the server's refusal");
    await consent.fill('400');

    await field(elena, 'Подтверждение получения').fill('2');
    // A day added twice is refused at once; Enter in the date field adds the day, it does not save the form.
    await addDay(daysOff(elena), 'Новый выходной день', 'Добавить выходной', DAY_OFF);
    await daysOff(elena).getByLabel('Новый выходной день').fill(DAY_OFF);
    await daysOff(elena).getByLabel('Новый выходной день').press('Enter');
    await daysOff(elena).getByText('Этот день уже в списке').waitFor();
    await daysOff(elena).getByLabel('Новый выходной день').fill('2026-11-05');
    await daysOff(elena).getByLabel('Новый выходной день').press('Enter');
    await daysOff(elena).locator('li[data-day="2026-11-05"]').waitFor();
    expect((await stored()).extraDaysOff).toEqual([]);
    await addDay(workingDays(elena), 'Новый рабочий день', 'Добавить рабочий день', WORKING_DAY);
    // The list says the day with its weekday; removing one takes it off.
    await daysOff(elena).getByText('чт, 31 декабря 2026 г.').waitFor();
    await daysOff(elena).getByRole('button', { name: 'Удалить: чт, 5 ноября 2026 г.' }).click();
    await daysOff(elena).locator('li[data-day="2026-11-05"]').waitFor({ state: 'detached' });
    await expectNoAxeViolations(elena, 'the case settings page with calendar days');
    await elena.getByRole('button', { name: 'Сохранить' }).click();
    await elena.getByText('Изменения сохранены').waitFor();

    expect(await stored()).toMatchObject({
      retentionConsentDays: 400,
      ackWorkingDays: 2,
      outcomeWorkingDays: 10,
      extraDaysOff: [DAY_OFF],
      extraWorkingDays: [WORKING_DAY],
    });
    await elena.reload();
    await h1(elena, /^Настройки случаев и сигналов: /).waitFor();
    await expect.poll(() => field(elena, 'Подтверждение получения').inputValue()).toBe('2');
    expect(await field(elena, 'Случаи, открытые с согласия').inputValue()).toBe('400');
    await daysOff(elena).locator(`li[data-day="${DAY_OFF}"]`).waitFor();
    await workingDays(elena).locator(`li[data-day="${WORKING_DAY}"]`).waitFor();
    expect(await daysOff(elena).locator('li').count()).toBe(1);

    // Meanwhile someone else saves: Елена's page is a version behind, and her save is refused, not lost over theirs.
    await head!.call('PUT', `/api/services/${serviceId}/case-settings`, { ...(await stored()), outcomeWorkingDays: 11 });
    await field(elena, 'Сообщение о принятых мерах').fill('9');
    await elena.getByRole('button', { name: 'Сохранить' }).click();
    await elena.getByRole('alert').getByText('Данные уже изменил кто-то другой', { exact: false }).waitFor();
    expect((await stored()).outcomeWorkingDays).toBe(11);
  }, 120_000);

  it('a day in both lists is refused with the Russian message by the field; nothing is saved', async () => {
    const before = await stored();
    const elena = await staff!.open('kovrov.head', settingsPath());
    await daysOff(elena).locator(`li[data-day="${DAY_OFF}"]`).waitFor();
    await field(elena, 'Сообщение о принятых мерах').fill('12');
    await addDay(workingDays(elena), 'Новый рабочий день', 'Добавить рабочий день', DAY_OFF);
    await elena.getByRole('button', { name: 'Сохранить' }).click();
    const message = 'Один и тот же день не может быть одновременно выходным и рабочим: чт, 31 декабря 2026 г.';
    await daysOff(elena).getByText(message).waitFor();
    await workingDays(elena).getByText(message).waitFor();
    const dateField = daysOff(elena).getByLabel('Новый выходной день');
    await expect.poll(() => dateField.getAttribute('aria-invalid')).toBe('true');
    // The keyboard is put on the first field to fix.
    await untilInPage(
      elena,
      `document.activeElement?.closest('[data-testid="days-off"]') != null && document.activeElement.type === 'date'`,
    );
    expect(await stored()).toEqual(before);
    await expectNoAxeViolations(elena, 'the case settings page with a calendar conflict');

    // Taking the day off one list settles it: the message goes and the save goes through.
    await workingDays(elena).getByRole('button', { name: 'Удалить: чт, 31 декабря 2026 г.' }).click();
    expect(await elena.getByText(message).count()).toBe(0);
    await elena.getByRole('button', { name: 'Сохранить' }).click();
    await elena.getByText('Изменения сохранены').waitFor();
    expect(await stored()).toMatchObject({ outcomeWorkingDays: 12, extraDaysOff: [DAY_OFF], extraWorkingDays: [WORKING_DAY] });
  }, 90_000);

  it('Ольга reads them from the register, Анна at the address only, both read-only; outsiders get «not found»', async () => {
    const olga = await staff!.open('kovrov.supervisor', '/signals');
    await h1(olga, 'Сигналы').waitFor();
    await olga.getByRole('link', { name: TITLE }).click();
    await h1(olga, /^Настройки случаев и сигналов: /).waitFor();
    await olga.getByText('Эти настройки меняет руководитель службы; здесь они показаны для справки.').waitFor();
    await expect.poll(() => field(olga, 'Подтверждение получения').inputValue()).toBe('2');
    expect(await field(olga, 'Подтверждение получения').getAttribute('readonly')).not.toBeNull();
    await workingDays(olga).locator(`li[data-day="${WORKING_DAY}"]`).waitFor();
    expect(await olga.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
    expect(await olga.getByRole('button', { name: /^Удалить: / }).count()).toBe(0);
    expect(await olga.getByLabel('Новый выходной день').count()).toBe(0);
    await expectNoAxeViolations(olga, 'the case settings page, read-only');

    // Анна: no link on «Случаи» nor on the register; the address shows the settings read-only.
    const anna = await staff!.open('kovrov.counsellor', '/cases');
    await anna.getByText('Показаны случаи, которые ведёте вы.').waitFor();
    expect(await anna.getByRole('link', { name: TITLE }).count()).toBe(0);
    await anna.goto(`${harness!.url}/signals`);
    await anna.getByText('Показаны ваши сигналы и сигналы по вашим случаям.').waitFor();
    expect(await anna.getByRole('link', { name: TITLE }).count()).toBe(0);
    await anna.goto(harness!.url + settingsPath());
    await h1(anna, /^Настройки случаев и сигналов: /).waitFor();
    await expect.poll(() => field(anna, 'Сообщение о принятых мерах').inputValue()).toBe('12');
    expect(await anna.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
    // Nor would the server take a change from her.
    const annaApi = await ApiSession.signIn(harness!.url, 'kovrov.counsellor', harness!.passwordOf('kovrov.counsellor'));
    await expect(
      annaApi.call('PUT', `/api/services/${serviceId}/case-settings`, { ...(await stored()), ackWorkingDays: 5 }),
    ).rejects.toThrow(/: 403 .*auth\.forbidden/);

    for (const login of ['kovrov.methodologist', 'lenobl.head']) {
      const outsider = await staff!.open(login, settingsPath());
      await h1(outsider, 'Страница не найдена').waitFor();
      expect(await outsider.getByRole('textbox').count()).toBe(0);
    }
    expect((await stored()).ackWorkingDays).toBe(2);
    expectOnlyOwnOrigin(harness!, staff!.requested);
  }, 120_000);
});
