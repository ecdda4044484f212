// The child's chat page (/chat), its ways out and in: quick exit by the button and by Esc pressed
// twice (nothing left on the page or the device, no way back), a keyboard-only start, a stored chat
// that has expired or whose token the server refuses, and a closed service. The quick exit goes to
// a path on the same server (DOVERIE_CHAT_EXIT_URL), so the test makes no outside request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, startHarness, type Harness } from './browserHarness.js';
import {
  chatServices,
  expectOnlyOwnOrigin,
  focusedIs,
  h1,
  mine,
  openChild,
  startChat,
  storedChat,
  type ChildPage,
} from './chatChildFixture.js';

const EXIT_PATH = '/api/health';

let harness: Harness;
let lenobl = '';
const pages: ChildPage[] = [];

beforeAll(async () => {
  harness = await startHarness({ DOVERIE_CHAT_EXIT_URL: EXIT_PATH });
  const { services, exitUrl } = await chatServices(harness.url);
  expect(exitUrl).toBe(EXIT_PATH);
  // Nobody is on duty in Lenobl: its chats wait.
  lenobl = services.find((s) => s.region === 'Ленинградская область')!.id;
}, 90_000);

afterAll(async () => {
  for (const p of pages) await p.context.close().catch(() => undefined);
  await harness?.close();
}, 30_000);

async function child(path: string): Promise<ChildPage> {
  const p = await openChild(harness, path);
  pages.push(p);
  return p;
}

describe('the child’s chat page: quick exit, keyboard, expiry, closed service', () => {
  it('quick exit by the button: nothing left on the page or the device, and the back button does not return', async () => {
    const { page } = await child(`/chat?service=${lenobl}`);
    await page.getByRole('button', { name: 'Начать', exact: true }).click();
    await page.getByLabel('Запомнить это устройство').check();
    await page.getByLabel(/^Что случилось\?/).fill('Секретное сообщение');
    await page.getByRole('button', { name: 'Начать чат' }).click();
    await h1(page, 'Ждём консультанта').waitFor();
    expect(await page.evaluate<boolean[]>('[sessionStorage.length > 0, localStorage.length > 0]')).toEqual([true, true]);
    await page.getByRole('button', { name: 'Быстрый выход' }).click();
    await page.waitForURL((u) => u.pathname === EXIT_PATH);
    expect(await page.content()).not.toContain('Секретное');
    expect(await page.evaluate<number[]>('[sessionStorage.length, localStorage.length]')).toEqual([0, 0]);
    await page.goBack().catch(() => undefined);
    expect(new URL(page.url()).pathname).not.toMatch(/^\/chat/);
  });

  it('quick exit by Esc pressed twice within a second (not by two presses far apart)', async () => {
    const { page } = await child(`/chat?service=${lenobl}`);
    await startChat(page, 'Ещё одно секретное');
    await h1(page, 'Ждём консультанта').waitFor();
    await page.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 1_300));
    await page.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 300));
    expect(new URL(page.url()).pathname).toBe('/chat');
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === EXIT_PATH);
    expect(await page.content()).not.toContain('секретное');
    expect(await page.evaluate<number[]>('[sessionStorage.length, localStorage.length]')).toEqual([0, 0]);
    await page.goBack().catch(() => undefined);
    expect(new URL(page.url()).pathname).not.toMatch(/^\/chat/);
  });

  it('starts a chat with the keyboard alone', async () => {
    const { page, requested } = await child('/chat');
    await h1(page, 'Чат с телефоном доверия').waitFor();
    // The first Tab on the page reaches the quick exit.
    await page.keyboard.press('Tab');
    await focusedIs(page, 'Быстрый выход');
    const tabTo = async (name: string) => {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        const label = await page.evaluate<string>(
          "document.activeElement?.id === 'service' ? 'service' : (document.activeElement?.textContent ?? '')",
        );
        if (label === name) return;
      }
      throw new Error(`Tab never reached ${name}`);
    };
    await tabTo('service');
    const region = await page.evaluate<number>(`document.querySelector('option[value="${lenobl}"]').index`);
    for (let i = 0; i < region; i++) await page.keyboard.press('ArrowDown');
    await page.getByText('Чат работает круглосуточно.').waitFor();
    await tabTo('Начать');
    await page.keyboard.press('Enter');
    await h1(page, 'Перед началом чата').waitFor();
    await tabTo('Пропустить');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate<string>("document.activeElement?.id ?? ''")).toBe('first-message');
    await page.keyboard.type('Пишу только клавиатурой');
    await tabTo('Начать чат');
    await page.keyboard.press('Enter');
    await h1(page, 'Ждём консультанта').waitFor();
    await mine(page).filter({ hasText: 'Пишу только клавиатурой' }).waitFor();
    // Ending works from the keyboard too.
    await tabTo('Завершить чат');
    await page.keyboard.press('Enter');
    await focusedIs(page, 'Да, завершить');
    await page.keyboard.press('Enter');
    await h1(page, 'Чат завершён').waitFor();
    expectOnlyOwnOrigin(harness, requested);
  });

  it('does not resume an expired stored chat, and starts afresh with a notice when the server refuses the token', async () => {
    const { page } = await child(`/chat?service=${lenobl}`);
    await startChat(page);
    await h1(page, 'Ждём консультанта').waitFor();
    const stored = (await storedChat(page))!;
    // Expired on the device: the page does not even try; the start screen, the stored chat gone.
    await page.evaluate(`sessionStorage.setItem('doverie.chat.session', JSON.stringify({ ...${JSON.stringify(stored)}, expiresAt: 1 }))`);
    await page.reload();
    await page.getByRole('button', { name: 'Начать', exact: true }).waitFor();
    expect(await storedChat(page)).toBeNull();
    // A token the server does not know: the socket is closed with 4404 and the page says so, without retrying.
    const wrong = { ...stored, token: 'A'.repeat(43), expiresAt: Date.now() + 3600_000 };
    await page.evaluate(`sessionStorage.setItem('doverie.chat.session', ${JSON.stringify(JSON.stringify(wrong))})`);
    await page.reload();
    await page.getByText('Этот чат больше нельзя продолжить. Можно начать новый.').waitFor();
    expect(await storedChat(page)).toBeNull();
  });
  it('a closed service shows the national 24/7 number and no way to start; a start refused meanwhile shows the server’s message', async () => {
    // A child already on the form when the service closes: the start is refused with the server's Russian message.
    const early = await child(`/chat?service=${lenobl}`);
    await early.page.getByRole('button', { name: 'Начать', exact: true }).click();
    await h1(early.page, 'Перед началом чата').waitFor();
    const admin = await ApiSession.signIn(harness.url, 'admin', harness.passwordOf('admin'));
    const service = await admin.call<{ version: number; settings: Record<string, unknown> }>('GET', `/api/services/${lenobl}`);
    // Open for one minute, twelve hours from now (Moscow time): closed now.
    const moscow = new Date(Date.now() + 3 * 3600_000 + 12 * 3600_000);
    const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    const hours = { from: hhmm(moscow), to: hhmm(new Date(moscow.getTime() + 60_000)) };
    const patched = await admin.call<{ version: number }>('PATCH', `/api/services/${lenobl}`, {
      version: service.version,
      settings: { ...service.settings, chatHours: hours },
    });
    try {
      await early.page.getByRole('button', { name: 'Начать чат' }).click();
      await early.page
        .getByRole('alert')
        .getByText('Сейчас чат не работает. Позвоните по бесплатному круглосуточному номеру 8-800-2000-122.')
        .waitFor();
      expect(await storedChat(early.page)).toBeNull();
      const { page, requested } = await child(`/chat?service=${lenobl}`);
      await page
        .getByTestId('closed')
        .getByText(/Сейчас чат этой службы закрыт/)
        .waitFor();
      await page.getByTestId('closed').getByRole('link', { name: '8-800-2000-122' }).waitFor();
      await page.getByText(`Чат работает каждый день с ${hours.from} до ${hours.to}.`).waitFor();
      expect(await page.getByRole('button', { name: 'Начать', exact: true }).isVisible()).toBe(false);
      await expectNoAxeViolations(page, 'a closed service');
      expectOnlyOwnOrigin(harness, requested);
    } finally {
      await admin.call('PATCH', `/api/services/${lenobl}`, {
        version: patched.version,
        settings: { ...service.settings, chatHours: null },
      });
    }
  });
});
