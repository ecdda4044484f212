// The web chat with both sides in Chromium: a child on /chat and a counsellor in the staff SPA, two
// browser contexts against the real built server. The child starts a chat and waits; the counsellor
// accepts it; messages go both ways; each side reloads its page mid-chat and carries on (and the
// counsellor's network drops for a while); the
// counsellor ends the chat, the child leaves feedback, and the contact's record is in the
// counsellor's journal. axe-core on both pages while chatting.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, goOnLine, openSignedIn, startHarness, type Harness } from './browserHarness.js';
import { chatServices, expectOnlyOwnOrigin, h1, openChild, startChat, type ChildPage } from './chatChildFixture.js';

let harness: Harness | undefined;
let serviceId = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  harness = await startHarness();
  serviceId = (await chatServices(harness.url)).services.find((s) => s.region === 'Ленинградская область')!.id;
}, 60_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await harness?.close();
}, 30_000);

/** The demo counsellor of the Leningrad service (pseudonym Мария), signed in, on the workstation. */
async function counsellorPage(): Promise<Page> {
  const { page } = await openSignedIn(harness!, 'lenobl.counsellor', '/workstation', { contexts });
  await h1(page, 'Рабочее место').waitFor();
  return page;
}

const chatLog = (page: Page) => page.getByRole('log', { name: 'Переписка' });
const childSays = async (child: ChildPage, text: string) => {
  const box = child.page.getByLabel('Ваше сообщение');
  await box.fill(text);
  await box.press('Enter');
  await child.page.locator('li.msg.mine').filter({ hasText: text }).locator('[data-state="sent"], [data-state="read"]').first().waitFor();
};
const counsellorSays = async (page: Page, text: string) => {
  const composer = page.getByRole('textbox', { name: 'Сообщение' });
  await composer.fill(text);
  await composer.press('Enter');
};

describe('a web chat between a child and a counsellor, both in the browser', () => {
  it('goes from the first message to the feedback and the record, surviving a reload on each side', async () => {
    const maria = await counsellorPage();
    await goOnLine(maria);

    const child = await openChild(harness!, `/chat?service=${serviceId}`);
    contexts.push(child.context);
    await startChat(child.page, 'Мне не с кем поговорить');
    // «Запомнить это устройство» was not ticked: the device token lives in this tab only, never in localStorage.
    expect(
      await child.page.evaluate<(string | null)[]>(
        "[sessionStorage.getItem('doverie.chat.device'), localStorage.getItem('doverie.chat.device')]",
      ),
    ).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), null]);

    // The offer shows the first message; the counsellor accepts; the child sees who answers.
    const offer = maria.getByTestId('offer-card').filter({ hasText: 'Мне не с кем поговорить' });
    await offer.getByRole('button', { name: 'Принять' }).click();
    await offer.waitFor({ state: 'detached' });
    await child.page.getByText('Мария', { exact: false }).first().waitFor();
    await chatLog(maria).getByText('Мне не с кем поговорить').waitFor();

    // Both ways.
    await childSays(child, 'Родители всё время ругаются');
    await chatLog(maria).getByText('Родители всё время ругаются').waitFor();
    await counsellorSays(maria, 'Я с тобой. Расскажи, что происходит?');
    await child.page.locator('li.msg.theirs').filter({ hasText: 'Я с тобой. Расскажи, что происходит?' }).waitFor();
    await expectNoAxeViolations(maria, 'the workstation with a chat');
    await expectNoAxeViolations(child.page, "the child's chat");

    // The counsellor's page reloads: the chat panel comes back with the transcript and goes on.
    await maria.reload();
    await chatLog(maria).getByText('Родители всё время ругаются').waitFor();
    await childSays(child, 'Вчера опять кричали');
    await chatLog(maria).getByText('Вчера опять кричали').waitFor();

    // The counsellor's network drops for a while: what the child writes meanwhile is there once it is back.
    await maria.context().setOffline(true);
    await childSays(child, 'Ты меня слышишь?');
    await new Promise((r) => setTimeout(r, 1500));
    await maria.context().setOffline(false);
    await chatLog(maria).getByText('Ты меня слышишь?').waitFor({ timeout: 20_000 });
    await counsellorSays(maria, 'Да, слышу.');
    await child.page.locator('li.msg.theirs').filter({ hasText: 'Да, слышу.' }).waitFor();

    // The child's page reloads: the same chat resumes with every message, and goes on.
    await child.page.reload();
    await child.page.locator('li.msg.theirs').filter({ hasText: 'Я с тобой. Расскажи, что происходит?' }).waitFor();
    await child.page.locator('li.msg.mine').filter({ hasText: 'Вчера опять кричали' }).waitFor();
    await counsellorSays(maria, 'Ты сейчас в безопасности?');
    await child.page.locator('li.msg.theirs').filter({ hasText: 'Ты сейчас в безопасности?' }).waitFor();
    await childSays(child, 'Да, я у бабушки');
    await chatLog(maria).getByText('Да, я у бабушки').waitFor();
    // Each message once on each side.
    expect(await child.page.locator('li.msg').filter({ hasText: 'Вчера опять кричали' }).count()).toBe(1);
    expect(await chatLog(maria).getByText('Вчера опять кричали').count()).toBe(1);

    // The counsellor ends the chat; the child is told and leaves feedback.
    await maria.getByRole('button', { name: 'Завершить чат' }).click();
    await h1(child.page, 'Чат завершён').waitFor();
    await child.page.getByText('Консультант завершил чат.').waitFor();
    await child.page.getByLabel('5').check();
    await child.page.getByRole('button', { name: 'Отправить отзыв' }).click();
    await child.page.getByTestId('feedback-thanks').waitFor();
    expectOnlyOwnOrigin(harness!, child.requested);

    // The contact's record is in the counsellor's journal, as a chat.
    const card = maria.getByTestId('contact-card').first();
    await card.getByRole('link', { name: /^Запись об обращении/ }).waitFor();
    await maria.goto(`${harness!.url}/records`);
    await h1(maria, 'Журнал обращений').waitFor();
    const table = maria.getByRole('table', { name: 'Обращения' });
    await table.getByRole('row').filter({ hasText: 'Чат' }).first().waitFor();
  }, 90_000);
});
