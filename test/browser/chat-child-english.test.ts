// The child's chat page in English (/chat?lang=en) while the browser itself asks for Russian: the
// page's own texts, <html lang>, the server's refusals over HTTP (Accept-Language from the page) and
// over the socket (?lang= on /api/chat/ws), axe-clean; the language switch after the quick exit in
// the tab order, used with the keyboard in the middle of a chat that goes on; the choice kept in the
// tab and removed by quick exit.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, startHarness, type Harness } from './browserHarness.js';
import {
  chatServices,
  Counsellor,
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
let kovrov = '';
let lenobl = '';
let anna: Counsellor;
const pages: ChildPage[] = [];

beforeAll(async () => {
  harness = await startHarness({ DOVERIE_CHAT_EXIT_URL: EXIT_PATH });
  const { services } = await chatServices(harness.url);
  kovrov = services.find((s) => s.region === 'Владимирская область')!.id;
  // Nobody is on duty in Lenobl: its chats wait.
  lenobl = services.find((s) => s.region === 'Ленинградская область')!.id;
  anna = await Counsellor.onDuty(harness, 'kovrov.counsellor', kovrov);
}, 90_000);

afterAll(async () => {
  for (const p of pages) await p.context.close().catch(() => undefined);
  await harness?.close();
}, 30_000);

/** A child's page; the browser context's locale is ru-RU, so the browser's own Accept-Language is Russian. */
async function child(path: string): Promise<ChildPage> {
  const p = await openChild(harness, path);
  pages.push(p);
  return p;
}

const htmlLang = (p: ChildPage) => p.page.evaluate<string>('document.documentElement.lang');
const focusedText = (p: ChildPage) => p.page.evaluate<string>("document.activeElement?.textContent ?? ''");

/** The first error the socket answers to a malformed frame, opened with this query and Accept-Language. */
async function socketError(query: string, acceptLanguage: string): Promise<string> {
  const ws = new WebSocket(`${harness.url.replace(/^http/, 'ws')}/api/chat/ws${query}`, { headers: { 'accept-language': acceptLanguage } });
  try {
    await once(ws, 'open');
    ws.send('not json');
    const [data] = (await once(ws, 'message')) as [Buffer];
    const m = JSON.parse(data.toString('utf8')) as { type: string; code: string; message: string };
    expect([m.type, m.code]).toEqual(['error', 'realtime.bad_message']);
    return m.message;
  } finally {
    ws.close();
  }
}

describe('the child’s chat page in English', () => {
  it('?lang=en: the page’s texts, <html lang>, the server’s refusals over HTTP and the socket in English, axe-clean', async () => {
    const p = await child(`/chat?service=${lenobl}&lang=en`);
    const { page } = p;
    await h1(page, 'Chat with the helpline').waitFor();
    expect(await htmlLang(p)).toBe('en');
    expect(await page.title()).toBe('Helpline chat');
    await page.getByRole('button', { name: 'Quick exit' }).waitFor();
    await page.getByText('or press Esc twice').waitFor();
    await page.getByText('This is anonymous').waitFor();
    // The switch names the other language in that language, marked as such for screen readers.
    expect(await page.getByRole('button', { name: 'Русский' }).getAttribute('lang')).toBe('ru');
    expect(await page.content()).not.toMatch(/Быстрый выход|Загрузка|Это анонимно/);
    await expectNoAxeViolations(page, 'the start screen in English');

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await h1(page, 'Before the chat starts').waitFor();
    await page.getByLabel('Who are you?').selectOption({ label: 'A teenager' });
    await expectNoAxeViolations(page, 'the pre-chat form in English');
    await page.getByRole('button', { name: 'Start the chat' }).click();
    await h1(page, 'Waiting for a counsellor').waitFor();
    await page.getByText(/^Your place in the queue: \d+\.$/).waitFor();
    await expectNoAxeViolations(page, 'the waiting view in English');

    const box = page.getByLabel('Your message');
    await box.fill('x'.repeat(2001));
    await page.getByText('The message is too long: at most 2000 characters (now 2001).').waitFor();
    await expectNoAxeViolations(page, 'the length error in English');
    // The service allows 20 messages a minute from each side; the 21st is refused over the socket,
    // whose upgrade request carries the browser's Russian Accept-Language: the page's ?lang=en decides.
    for (let i = 1; i <= 21; i++) {
      await box.fill(`Message ${i}`);
      await box.press('Enter');
    }
    await page.getByRole('alert').getByText('You are sending messages too fast. Wait a little.').waitFor();
    await mine(page)
      .filter({ hasText: /^Message 21/ })
      .locator('[data-state="failed"]')
      .getByText('not sent')
      .waitFor();
    const sockets = p.requested.filter((u) => u.includes('/api/chat/ws'));
    expect(sockets.length).toBeGreaterThan(0);
    expect(new Set(sockets)).toEqual(new Set([`${harness.url.replace(/^http/, 'ws')}/api/chat/ws?lang=en`]));
    expectOnlyOwnOrigin(harness, p.requested);
  });

  it('the socket’s messages follow ?lang=en|ru on /api/chat/ws, else Accept-Language', async () => {
    expect(await socketError('?lang=en', 'ru-RU,ru;q=0.9')).toBe('Malformed message.');
    expect(await socketError('?lang=ru', 'en-US,en;q=0.9')).toBe('Некорректное сообщение.');
    expect(await socketError('', 'en-US,en;q=0.9')).toBe('Malformed message.');
    expect(await socketError('?lang=de', 'ru-RU')).toBe('Некорректное сообщение.');
  });

  it('the language chosen before in this tab is kept; ?lang= in the address wins; anything else is Russian', async () => {
    const p = await child('/chat');
    await h1(p.page, 'Чат с телефоном доверия').waitFor();
    expect(await htmlLang(p)).toBe('ru');
    await p.page.evaluate("sessionStorage.setItem('doverie.chat.lang', 'en')");
    await p.page.reload();
    await h1(p.page, 'Chat with the helpline').waitFor();
    await p.page.goto(`${harness.url}/chat?lang=ru`);
    await h1(p.page, 'Чат с телефоном доверия').waitFor();
    await p.page.goto(`${harness.url}/chat?lang=de`);
    await h1(p.page, 'Chat with the helpline').waitFor();
    await p.page.evaluate("sessionStorage.setItem('doverie.chat.lang', 'fr')");
    await p.page.goto(`${harness.url}/chat`);
    await h1(p.page, 'Чат с телефоном доверия').waitFor();
    expect(await htmlLang(p)).toBe('ru');
  });

  it('the switch comes after the quick exit, works with the keyboard, keeps the chat going; quick exit removes the choice', async () => {
    const p = await child(`/chat?service=${kovrov}`);
    const { page } = p;
    await h1(page, 'Чат с телефоном доверия').waitFor();
    await page.keyboard.press('Tab');
    await focusedIs(page, 'Быстрый выход');
    await page.keyboard.press('Tab');
    await focusedIs(page, 'English');
    await expectNoAxeViolations(page, 'the start screen with the switch');

    const chatId = await startChat(page, 'Первое сообщение');
    await anna.accept(chatId);
    await h1(page, 'Чат с консультантом Анна').waitFor();
    await anna.say(chatId, 'Я слушаю');
    await page.locator('li.msg.theirs').filter({ hasText: 'Я слушаю' }).waitFor();
    // From the chat back to the switch with Shift+Tab, and Enter: the page comes back in English.
    for (let i = 0; i < 30 && (await focusedText(p)) !== 'English'; i++) await page.keyboard.press('Shift+Tab');
    await focusedIs(page, 'English');
    await page.keyboard.press('Enter');
    await h1(page, 'Chat with counsellor Анна').waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await htmlLang(p)).toBe('en');
    expect((await storedChat(page))?.chatId).toBe(chatId);
    expect(await page.evaluate<string | null>("sessionStorage.getItem('doverie.chat.lang')")).toBe('en');
    await mine(page).filter({ hasText: 'Первое сообщение' }).waitFor();
    await page.locator('li.msg.theirs').filter({ hasText: 'Я слушаю' }).waitFor();
    expect(await page.locator('li.msg').count()).toBe(2);
    // In English too: the switch right after the quick exit.
    for (let i = 0; i < 30 && (await focusedText(p)) !== 'Русский'; i++) await page.keyboard.press('Shift+Tab');
    await focusedIs(page, 'Русский');
    await page.keyboard.press('Shift+Tab');
    await focusedIs(page, 'Quick exit');

    // The same chat goes on, both ways.
    const box = page.getByLabel('Your message');
    await box.fill('After the switch');
    await box.press('Enter');
    await mine(page).filter({ hasText: 'After the switch' }).locator('[data-state="sent"]').getByText('delivered').waitFor();
    await anna.say(chatId, 'Слышу тебя');
    await page.locator('li.msg.theirs').filter({ hasText: 'Слышу тебя' }).waitFor();
    expect((await anna.read(chatId)).messages.map((m) => m.text)).toEqual([
      'Первое сообщение',
      'Я слушаю',
      'After the switch',
      'Слышу тебя',
    ]);
    await expectNoAxeViolations(page, 'the chat view in English');

    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.waitForURL((u) => u.pathname === EXIT_PATH);
    expect(await page.evaluate<number[]>('[sessionStorage.length, localStorage.length]')).toEqual([0, 0]);
    // The switch replaced the history entry: back does not lead to the chat in either language.
    await page.goBack().catch(() => undefined);
    expect(new URL(page.url()).pathname).not.toMatch(/^\/chat/);
    await page.goto(`${harness.url}/chat`);
    await h1(page, 'Чат с телефоном доверия').waitFor();
    await anna.end(chatId);
    await anna.finishWrapUp(chatId);
  });

  it('a start refused because the service closed meanwhile shows the server’s English message', async () => {
    const early = await child(`/chat?service=${lenobl}&lang=en`);
    await early.page.getByRole('button', { name: 'Start', exact: true }).click();
    await h1(early.page, 'Before the chat starts').waitFor();
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
      await early.page.getByRole('button', { name: 'Start the chat' }).click();
      await early.page.getByRole('alert').getByText('The chat is closed now. Call the free 24/7 number 8-800-2000-122.').waitFor();
      expect(await storedChat(early.page)).toBeNull();
      const { page } = await child(`/chat?service=${lenobl}&lang=en`);
      await page
        .getByTestId('closed')
        .getByText(/This service’s chat is closed now/)
        .waitFor();
      await page.getByText(`The chat is open every day from ${hours.from} to ${hours.to}.`).waitFor();
      await expectNoAxeViolations(page, 'a closed service in English');
    } finally {
      await admin.call('PATCH', `/api/services/${lenobl}`, {
        version: patched.version,
        settings: { ...service.settings, chatHours: null },
      });
    }
  });
});
