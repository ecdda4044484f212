// The child's chat page (/chat) in Chromium against the real built server with the demo network:
// choosing a service, the optional form, waiting with a live queue position, chatting with a demo
// counsellor (accepting through the staff API), marks, typing, text-only rendering, the length
// limit, a refusal from the server, ending and feedback; resuming after a reload and after a network
// drop; no request leaving the origin; every state axe-clean; framing allowed; the page's weight.
// Quick exit, the keyboard-only start, expiry and a closed service: chat-child-exit.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, startHarness, type Harness } from './browserHarness.js';
import {
  chatServices,
  Counsellor,
  expectOnlyOwnOrigin,
  h1,
  mine,
  openChild,
  startChat,
  storedChat,
  type ChildPage,
} from './chatChildFixture.js';

const XSS = '<img src=x onerror=alert(1)>';
const DIST = join(import.meta.dirname, '../../dist/web-chat');

let harness: Harness;
let kovrov = '';
let lenobl = '';
let anna: Counsellor;
const pages: ChildPage[] = [];

beforeAll(async () => {
  harness = await startHarness();
  const { services } = await chatServices(harness.url);
  kovrov = services.find((s) => s.region === 'Владимирская область')!.id;
  lenobl = services.find((s) => s.region === 'Ленинградская область')!.id;
  // Anna takes Kovrov's chats; nobody is on duty in Lenobl, so its chats wait.
  anna = await Counsellor.onDuty(harness, 'kovrov.counsellor', kovrov);
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

async function activeChat(): Promise<{ p: ChildPage; chatId: string }> {
  const p = await child(`/chat?service=${kovrov}`);
  const chatId = await startChat(p.page);
  await anna.accept(chatId);
  await h1(p.page, 'Чат с консультантом Анна').waitFor();
  return { p, chatId };
}

describe('the child’s chat page', () => {
  it('lists services, takes the optional form and a first message, waits with a live queue position; all axe-clean', async () => {
    const a = await child('/chat');
    const { page } = a;
    await h1(page, 'Чат с телефоном доверия').waitFor();
    await page.getByText('Имя и номер телефона не нужны').waitFor();
    await expectNoAxeViolations(page, 'the start screen');
    await page.getByLabel('Куда написать (регион и служба)').selectOption(lenobl);
    await page.getByText('Телефоны службы:').waitFor();
    await page.getByRole('link', { name: '8-800-2000-122' }).waitFor();
    await page.getByText('Чат работает круглосуточно.').waitFor();
    await page.getByRole('button', { name: 'Начать', exact: true }).click();
    await h1(page, 'Перед началом чата').waitFor();
    await expectNoAxeViolations(page, 'the pre-chat form');
    await page.getByLabel('Кто вы?').selectOption('teen');
    await page.getByLabel('Возраст').fill('14');
    await page.getByLabel(/^Что случилось\?/).fill('Меня обижают в школе');
    await page.getByLabel('Запомнить это устройство').check();
    await page.getByRole('button', { name: 'Начать чат' }).click();
    await h1(page, 'Ждём консультанта').waitFor();
    await page.getByTestId('queue').getByText('Ваше место в очереди: 1.').waitFor();
    await page
      .getByTestId('queue')
      .getByText(/Примерное время ожидания/)
      .waitFor();
    await mine(page).filter({ hasText: 'Меня обижают в школе' }).locator('[data-state="sent"]').waitFor();
    await expectNoAxeViolations(page, 'the waiting view');
    const first = (await storedChat(page))!;
    expect(await page.evaluate<string | null>("localStorage.getItem('doverie.chat.device')")).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The service's supervisor sees what the counsellor is offered: the form and the first message.
    const irina = await ApiSession.signIn(harness.url, 'lenobl.supervisor', harness.passwordOf('lenobl.supervisor'));
    const seen = await irina.call<{ chat: { preChat: unknown }; messages: { text: string }[] }>(
      'GET',
      `/api/chats/${first.chatId}?after=0`,
    );
    expect(seen.chat.preChat).toMatchObject({ who: 'teen', age: 14 });
    expect(seen.messages.map((m) => m.text)).toEqual(['Меня обижают в школе']);

    // A second child waits behind; when the first leaves the queue, the second's position moves up live.
    const b = await child(`/chat?service=${lenobl}`);
    await startChat(b.page);
    await b.page.getByTestId('queue').getByText('Ваше место в очереди: 2.').waitFor();
    await page.getByRole('button', { name: 'Завершить чат' }).click();
    await page.getByRole('button', { name: 'Да, завершить' }).click();
    await h1(page, 'Чат завершён').waitFor();
    await page.getByTestId('ended-by').getByText('Вы завершили чат.').waitFor();
    await b.page.getByTestId('queue').getByText('Ваше место в очереди: 1.').waitFor();
    await b.page.getByRole('button', { name: 'Завершить чат' }).click();
    await b.page.getByRole('button', { name: 'Да, завершить' }).click();
    await h1(b.page, 'Чат завершён').waitFor();
    expectOnlyOwnOrigin(harness, a.requested);
    expectOnlyOwnOrigin(harness, b.requested);
  });

  it('chats with the counsellor: pseudonym, typing, sent and read marks, text only, the length limit, end and feedback', async () => {
    const { p, chatId } = await activeChat();
    const { page } = p;
    const box = page.getByLabel('Ваше сообщение');
    await box.fill(XSS);
    await box.press('Enter');
    const sent = mine(page).filter({ hasText: XSS });
    await sent.locator('[data-state="sent"]').getByText('доставлено').waitFor();
    expect(await page.getByTestId('messages').locator('img').count()).toBe(0);

    // Read by the counsellor: ✓✓ with its text alternative.
    const { chat } = await anna.read(chatId);
    await anna.markRead(chatId, chat.lastSeq);
    await sent.locator('[data-state="read"]').getByText('прочитано').waitFor();

    await anna.typing(chatId);
    await page.getByText('Анна печатает…').waitFor();
    await anna.say(chatId, `Я здесь. ${XSS}`);
    await page
      .locator('li.msg.theirs')
      .filter({ hasText: `Я здесь. ${XSS}` })
      .waitFor();
    // Announced to screen readers through the polite live region.
    await page.locator('#announcer[aria-live="polite"]').getByText(`Анна: Я здесь. ${XSS}`).waitFor();
    expect(await page.locator('img').count()).toBe(0);
    expect(p.dialogs).toEqual([]);
    await expectNoAxeViolations(page, 'the chat view');

    // 2001 characters: the Russian error, and nothing is sent.
    await box.fill('я'.repeat(2001));
    await page.getByText('Сообщение слишком длинное: не больше 2000 символов (сейчас 2001).').waitFor();
    await box.press('Enter');
    await page.getByRole('button', { name: 'Отправить' }).click();
    await new Promise((r) => setTimeout(r, 500));
    expect((await anna.read(chatId)).messages.map((m) => m.text)).toEqual([XSS, `Я здесь. ${XSS}`]);
    expect(await mine(page).count()).toBe(1);
    await expectNoAxeViolations(page, 'the chat view with the length error');

    await anna.end(chatId);
    await h1(page, 'Чат завершён').waitFor();
    await page.getByText('Консультант завершил чат.').waitFor();
    await expectNoAxeViolations(page, 'the ended view with feedback');
    await page.getByLabel('4').check();
    await page.getByLabel('Комментарий (необязательно)').fill('Спасибо, стало легче');
    await page.getByRole('button', { name: 'Отправить отзыв' }).click();
    await page.getByTestId('feedback-thanks').waitFor();
    expect((await anna.read(chatId)).chat.feedback).toMatchObject({ rating: 4, comment: 'Спасибо, стало легче' });
    await expectNoAxeViolations(page, 'the ended view after feedback');

    await page.getByRole('button', { name: 'Начать заново' }).click();
    await h1(page, 'Чат с телефоном доверия').waitFor();
    expect(await storedChat(page)).toBeNull();
    await anna.finishWrapUp(chatId);
    expectOnlyOwnOrigin(harness, p.requested);
  });

  it('resumes the same chat after a reload and after a network drop; a message typed offline arrives once', async () => {
    const { p, chatId } = await activeChat();
    const { page, context } = p;
    const box = page.getByLabel('Ваше сообщение');
    await box.fill('Первое сообщение');
    await box.press('Enter');
    await mine(page).filter({ hasText: 'Первое сообщение' }).locator('[data-state="sent"]').waitFor();
    await anna.say(chatId, 'Расскажи подробнее');
    await page.locator('li.msg.theirs').filter({ hasText: 'Расскажи подробнее' }).waitFor();

    await page.reload();
    await h1(page, 'Чат с консультантом Анна').waitFor();
    await mine(page).filter({ hasText: 'Первое сообщение' }).waitFor();
    await page.locator('li.msg.theirs').filter({ hasText: 'Расскажи подробнее' }).waitFor();
    expect((await storedChat(page))!.chatId).toBe(chatId);
    await expectNoAxeViolations(page, 'the chat view after a reload');

    await context.setOffline(true);
    await page.getByText(/^Нет связи/).waitFor();
    await box.fill('Написано без связи');
    await box.press('Enter');
    await mine(page).filter({ hasText: 'Написано без связи' }).locator('[data-state="sending"]').waitFor();
    await anna.say(chatId, 'Пока тебя не было');
    await context.setOffline(false);
    await mine(page).filter({ hasText: 'Написано без связи' }).locator('[data-state="sent"]').waitFor({ timeout: 20_000 });
    await page.locator('li.msg.theirs').filter({ hasText: 'Пока тебя не было' }).waitFor();
    await expect.poll(async () => page.getByText(/^Нет связи/).isVisible()).toBe(false);
    const texts = (await anna.read(chatId)).messages.map((m) => m.text);
    expect(texts.filter((t) => t === 'Написано без связи')).toHaveLength(1);
    expect(texts).toEqual(['Первое сообщение', 'Расскажи подробнее', 'Пока тебя не было', 'Написано без связи']);
    expect(await page.locator('li.msg').count()).toBe(4);

    await page.getByRole('button', { name: 'Завершить чат' }).click();
    await page.getByRole('button', { name: 'Да, завершить' }).click();
    await page.getByText('Вы завершили чат.').waitFor();
    await anna.finishWrapUp(chatId);
    expectOnlyOwnOrigin(harness, p.requested);
  });

  it('shows the server’s Russian refusal of a message (too many per minute) and marks that message not sent', async () => {
    const { page } = await child(`/chat?service=${lenobl}`);
    await startChat(page);
    await h1(page, 'Ждём консультанта').waitFor();
    const box = page.getByLabel('Ваше сообщение');
    // The service allows 20 messages a minute from each side; the 21st is refused.
    for (let i = 1; i <= 21; i++) {
      await box.fill(`Сообщение ${i}`);
      await box.press('Enter');
    }
    await page.getByRole('alert').getByText('Вы отправляете сообщения слишком часто. Подождите немного.').waitFor();
    await mine(page)
      .filter({ hasText: /^Сообщение 21/ })
      .locator('[data-state="failed"]')
      .getByText('не отправлено')
      .waitFor();
    await expect.poll(() => mine(page).locator('[data-state="sent"]').count()).toBe(20);
  });

  it('is framable by services’ sites while the rest of the server is not', async () => {
    const chat = await fetch(`${harness.url}/chat?service=${kovrov}`);
    expect(chat.status).toBe(200);
    expect(await chat.text()).toContain('Быстрый выход');
    expect(chat.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(chat.headers.get('x-frame-options')).toBeNull();
    const spa = await fetch(`${harness.url}/`);
    await spa.text();
    expect(spa.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(spa.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('weighs less than 100 KB gzipped in total', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(DIST);
    const sizes = files.map((f) => ({ file: f.slice(DIST.length + 1), gzipped: gzipSync(readFileSync(f), { level: 9 }).length }));
    const total = sizes.reduce((s, x) => s + x.gzipped, 0);
    console.log(`chat page weight (gzip -9): ${sizes.map((s) => `${s.file} ${s.gzipped} B`).join(', ')}; total ${total} B`);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(total).toBeLessThan(100 * 1024);
  });
});
