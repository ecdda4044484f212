// Referrals in Chromium against the real built server and the demo network: a 14-year-old writes to
// the Kovrov helpline's chat; the counsellor (Анна) finds a crisis centre for a 14-year-old in the
// Vladimir region in the directory (words, region and age filters), attaches it to the contact's
// record (name and phone kept; «Перенаправлен в другую службу» ticked), goes back to the chat and
// sends the centre's card — the child's page shows it. axe-core on the record's «Направления», the
// directory dialog and the workstation with the chat.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, focusedText, goOnLine, openSignedIn, startHarness, type Harness } from './browserHarness.js';
import { chatServices, h1, openChild, startChat, type ChildPage } from './chatChildFixture.js';

const CENTRE = 'Кризисный центр для детей и подростков «Маяк»';
const CENTRE_PHONE = '+7 (4922) 00-11-01';

let harness: Harness | undefined;
let kovrov = '';
const contexts: BrowserContext[] = [];
/** Every URL the counsellor's page requested. */
let requested: string[] = [];

beforeAll(async () => {
  harness = await startHarness();
  kovrov = (await chatServices(harness.url)).services.find((s) => s.region === 'Владимирская область')!.id;
}, 60_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await harness?.close();
}, 30_000);

/** Анна, the demo counsellor of the Kovrov helpline, signed in, on the workstation. */
async function counsellorPage(): Promise<Page> {
  const signedIn = await openSignedIn(harness!, 'kovrov.counsellor', '/workstation', { contexts });
  requested = signedIn.requested;
  await h1(signedIn.page, 'Рабочее место').waitFor();
  return signedIn.page;
}

/** In the open directory dialog: words, region and age, then the crisis centre among the results. */
async function findCentre(page: Page, requested: string[]): Promise<void> {
  const dialog = page.getByRole('dialog');
  const form = dialog.getByRole('search', { name: 'Поиск по справочнику' });
  await form.getByLabel('Что ищем').fill('кризисный центр');
  await form.getByLabel('Регион').selectOption({ label: 'Владимирская область' });
  await form.getByLabel('Возраст ребёнка').fill('14');
  await dialog.getByRole('article', { name: CENTRE }).waitFor();
  await expect.poll(() => dialog.getByTestId('directory-found').innerText()).toMatch(/^Найдено: \d+$/);
  // The three filters went to the server together (the search itself is the directory's tests' subject).
  const searched = () =>
    requested
      .filter((u) => u.includes('/api/directory/services?'))
      .map((u) => new URL(u).searchParams)
      .some((q) => q.get('q') === 'кризисный центр' && q.get('area') === 'RU-VLA' && q.get('age') === '14');
  await expect.poll(searched).toBe(true);
  await dialog.getByRole('article', { name: CENTRE }).waitFor();
}

describe('referrals to the directory in the staff SPA', () => {
  it('a counsellor finds a crisis centre for a 14-year-old in the Vladimir region, attaches it to the record and sends its card in the chat', async () => {
    const anna = await counsellorPage();
    await goOnLine(anna);

    const child: ChildPage = await openChild(harness!, `/chat?service=${kovrov}`);
    contexts.push(child.context);
    const chatId = await startChat(child.page, 'Мне 14, дома бьют, я боюсь туда возвращаться');
    const offer = anna.getByTestId('offer-card').filter({ hasText: 'дома бьют' });
    await offer.getByRole('button', { name: 'Принять' }).click();
    await offer.waitFor({ state: 'detached' });
    await anna.getByTestId(`chat-panel-${chatId}`).waitFor();

    // The contact's record: its type, then «Найти службу в справочнике».
    await anna.getByRole('link', { name: /^Запись об обращении/ }).click();
    await h1(anna, 'Запись об обращении').waitFor();
    await anna.getByRole('radio', { name: 'По проблеме (консультация)' }).check();
    const block = anna.getByTestId('record-referrals');
    await block.getByText('Направлений нет.').waitFor();
    await block.getByRole('button', { name: 'Найти службу в справочнике' }).click();
    await anna.getByRole('dialog', { name: 'Направить в службу' }).waitFor();
    await findCentre(anna, requested);
    await expectNoAxeViolations(anna, 'the directory dialog of the record');
    // With the keyboard: «Направить» on the centre's card; the dialog closes and focus returns to the block's button.
    await anna
      .getByRole('dialog')
      .getByRole('button', { name: `Направить: ${CENTRE}` })
      .focus();
    await anna.keyboard.press('Enter');
    await anna.getByRole('dialog').waitFor({ state: 'detached' });
    await focusedText(anna, 'Найти службу в справочнике');

    const attached = block.getByRole('list', { name: 'Направления в записи' }).getByRole('listitem');
    await expect.poll(() => attached.allInnerTexts()).toEqual([expect.stringContaining(CENTRE)]);
    expect(await attached.first().getByRole('link', { name: CENTRE_PHONE }).getAttribute('href')).toBe('tel:+74922001101');
    // Attaching ticked «referred»: the free text is now optional.
    await expect.poll(() => anna.getByRole('checkbox', { name: 'Перенаправлен в другую службу' }).isChecked()).toBe(true);
    await expectNoAxeViolations(anna, 'the record with a referral');
    // The draft goes on saving with the version attaching gave (no conflict with itself).
    await anna.getByRole('textbox', { name: 'Краткое содержание' }).fill('Направлена в кризисный центр «Маяк».');
    await anna
      .getByTestId('save-status')
      .filter({ hasText: /^Черновик сохранён/ })
      .waitFor();

    // Back to the chat: the card of the same centre.
    await anna.getByRole('link', { name: 'К рабочему месту' }).click();
    const panel = anna.getByTestId(`chat-panel-${chatId}`);
    await panel.getByRole('button', { name: 'Отправить карточку службы' }).click();
    await anna.getByRole('dialog', { name: 'Карточка службы в чат' }).waitFor();
    await findCentre(anna, requested);
    await anna
      .getByRole('dialog')
      .getByRole('button', { name: `Отправить: ${CENTRE}` })
      .click();
    await anna.getByRole('dialog').waitFor({ state: 'detached' });
    await anna.getByRole('log', { name: 'Переписка' }).getByText(CENTRE_PHONE, { exact: false }).waitFor();
    await expectNoAxeViolations(anna, 'the workstation after sending a card');

    // The child's page shows the card: name, phone, address, hours and what to say.
    const card = child.page.locator('li.msg').filter({ hasText: CENTRE });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain(`Телефоны: ${CENTRE_PHONE} (дежурный психолог)`);
    expect(text).toContain('Адрес:');
    expect(text).toContain('ул. Примерная, д. 12');
    expect(text).toContain('Часы работы: Пн–Пт 09:00–20:00');
    expect(text).toContain('подросток может прийти сам');

    // The record keeps the referral as attached.
    const record = await anna.context().request.get(`${harness!.url}/api/records/${chatId}`);
    const view = (await record.json()) as { referrals: { name: string; phone: string }[]; fields: { actions: string[] } };
    expect(view.referrals.map((r) => [r.name, r.phone])).toEqual([[CENTRE, CENTRE_PHONE]]);
    expect(view.fields.actions).toContain('referred');
  }, 90_000);
});
