// The staff side of the web chat in Chromium against the real built server. The child is driven
// from the test process (POST /api/chat/chats and the child's WebSocket). A counsellor gets the
// offer with the pre-chat answers and the first message, accepts, talks (live both ways, ✓/✓✓,
// canned response, Enter to send, the child's HTML shown as text, the Russian "too long" error),
// holds two chats at once and ends one (wrap-up, the record). A supervisor opens a live chat from
// the board, steps in, blocks the caller (the device then gets 403 chat.blocked) and lifts the
// block; canned responses are managed on their page. axe-core on each of these screens.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, goOnLine, openSignedIn, startHarness, type Harness } from './browserHarness.js';
import { childChats as newChildChat, clientId, receivedText, startChat as postChat, type Child } from './staffChatChild.js';

const FIRST_PASSWORD = 'первый-Пароль-4417';
const PASSWORD = 'рабочий-Пароль-9032';
const SERVICE = { name: 'Тестовая служба чата', shortName: 'Служба Ч', region: 'Тестовая область', timeZone: 'Europe/Moscow' };
const STAFF = {
  anna: { login: 'chat.anna', pseudonym: 'Анна', role: 'counsellor' },
  vera: { login: 'chat.vera', pseudonym: 'Вера', role: 'supervisor' },
} as const;
type Who = keyof typeof STAFF;
const XSS = '<img src=x onerror=alert(1)>';

let harness: Harness | undefined;
let serviceId = '';

beforeAll(async () => {
  harness = await startHarness();
  const { url } = harness;
  const admin = await ApiSession.signIn(url, 'admin', harness.passwordOf('admin'));
  // A long offer timeout: axe on the offer card must not race the deadline. Chat capacity 2 (the default).
  serviceId = (await admin.call<{ id: string }>('POST', '/api/services', { ...SERVICE, settings: { offerTimeoutSeconds: 90 } })).id;
  await Promise.all(
    Object.values(STAFF).map(async (s) => {
      await admin.call('POST', '/api/staff', {
        login: s.login,
        pseudonym: s.pseudonym,
        fullName: `${s.pseudonym} Тестовая`,
        password: FIRST_PASSWORD,
        grants: [{ serviceId, role: s.role }],
      });
      const own = await ApiSession.signIn(url, s.login, FIRST_PASSWORD);
      await own.call('POST', '/api/auth/password', { currentPassword: FIRST_PASSWORD, newPassword: PASSWORD });
    }),
  );
}, 90_000);

const children: Child[] = [];
const contexts: BrowserContext[] = [];

afterAll(async () => {
  for (const c of children) c.ws.close();
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await harness?.close();
}, 30_000);

const startChat = (deviceToken: string) => postChat(harness!.url, serviceId, deviceToken);

async function childChats(about: object, first: string): Promise<Child> {
  const child = await newChildChat(harness!.url, serviceId, about, first);
  children.push(child);
  return child;
}

async function openAs(who: Who, path: string): Promise<Page> {
  return (await openSignedIn(harness!, STAFF[who].login, path, { password: PASSWORD, contexts })).page;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/** Waits for an offer card of a chat and accepts it. */
async function acceptOffer(page: Page, firstMessage: string) {
  const card = page.getByTestId('offer-card').filter({ hasText: firstMessage });
  await card.getByRole('button', { name: 'Принять' }).click();
  await card.waitFor({ state: 'detached' });
}

let anna: Page;
let first: Child;
let second: Child;

describe('the web chat in the staff SPA', () => {
  it('lets a counsellor take a chat, talk, use a canned response, hold two chats and end one', async () => {
    anna = await openAs('anna', '/workstation');
    await heading(anna, 'Рабочее место').waitFor();
    await goOnLine(anna);

    // The offer shows who wrote (pre-chat answers) and the first message.
    first = await childChats({ who: 'teen', age: 14, gender: 'female', region: 'Тверская область' }, 'Мне очень плохо, помогите');
    const offer = anna.getByTestId('offer-card');
    await offer.getByTestId('offer-chat-preview').getByText('Мне очень плохо, помогите').waitFor();
    await offer.getByText('кто: подросток · возраст: 14 · пол: женский · регион: Тверская область').waitFor();
    await expectNoAxeViolations(anna, 'the workstation with a chat offer');
    await acceptOffer(anna, 'Мне очень плохо, помогите');
    await first.waitFor((f) => f.type === 'accepted' && f.pseudonym === 'Анна', 'accepted');

    const panel = anna.getByTestId(`chat-panel-${first.chatId}`);
    const log = panel.getByRole('log', { name: 'Переписка' });
    await log.getByText('Мне очень плохо, помогите').waitFor();
    await panel.getByText('Абонент в сети').waitFor();

    // Live from the child: a message, typing, and HTML that must stay text.
    first.send({ type: 'message', clientId: clientId(), text: 'Ты тут? Посмотри https://example.org' });
    await log.getByText('Ты тут? Посмотри https://example.org').waitFor();
    expect(await log.getByRole('link').count(), 'links are not made clickable').toBe(0);
    first.send({ type: 'message', clientId: clientId(), text: XSS });
    await log.getByText(XSS, { exact: true }).waitFor();
    expect(await anna.locator('[role="log"] img').count(), 'no element made from the child HTML').toBe(0);
    // On screen in a visible tab: marked read up to the child's last message (seq 3).
    await first.waitFor((f) => f.type === 'read' && Number(f.seq) >= 3, 'the read mark');
    first.send({ type: 'typing' });
    await panel.getByText('Абонент печатает…').waitFor();

    // Keyboard only: into the composer, type, Enter sends (the hint says so).
    const composer = panel.getByRole('textbox', { name: 'Сообщение' });
    expect(await composer.getAttribute('aria-describedby')).toBeTruthy();
    await panel.getByText('Enter — отправить, Shift+Enter — новая строка.', { exact: false }).waitFor();
    await composer.focus();
    await anna.keyboard.type('Здравствуй, я здесь и слушаю тебя');
    await first.waitFor((f) => f.type === 'typing', 'the counsellor typing');
    await anna.keyboard.press('Enter');
    const sent = await receivedText(first, 'Здравствуй, я здесь и слушаю тебя');
    expect(sent.message).toMatchObject({ from: 'counsellor', pseudonym: 'Анна' });
    expect(await composer.inputValue()).toBe('');
    const mine = log.getByTestId('chat-message').filter({ hasText: 'Здравствуй, я здесь и слушаю тебя' });
    await mine.getByRole('img', { name: 'доставлено' }).waitFor();
    // The child reads it: ✓✓.
    first.send({ type: 'read', seq: (sent.message as { seq: number }).seq });
    await mine.getByRole('img', { name: 'прочитано абонентом' }).waitFor();

    // A canned response goes into the composer, then out.
    await panel.getByRole('button', { name: 'Готовые ответы' }).click();
    await anna.getByRole('menuitem', { name: 'Ты в безопасности?' }).click();
    await expect.poll(() => composer.inputValue()).toContain('Ты сейчас в безопасности?');
    const cannedText = await composer.inputValue();
    await panel.getByRole('button', { name: 'Отправить', exact: true }).click();
    await receivedText(first, cannedText);

    // A send that fails for lack of connection stays, marked; «Повторить» resends it with the same client id.
    const posted: string[] = [];
    await anna.route('**/api/chats/*/messages', (route) => {
      posted.push(route.request().postData() ?? '');
      return posted.length === 1 ? route.abort('internetdisconnected') : route.continue();
    });
    await composer.fill('Повтори меня, пожалуйста');
    await composer.press('Enter');
    const pending = log.getByTestId('chat-outgoing').filter({ hasText: 'Повтори меня, пожалуйста' });
    await pending.getByText('не отправлено').waitFor();
    await pending.getByRole('button', { name: 'Повторить' }).click();
    await receivedText(first, 'Повтори меня, пожалуйста');
    await pending.waitFor({ state: 'detached' });
    await log.getByTestId('chat-message').filter({ hasText: 'Повтори меня, пожалуйста' }).waitFor();
    expect(posted.map((p) => (JSON.parse(p) as { clientId: string }).clientId)).toEqual([
      expect.any(String),
      JSON.parse(posted[0]!).clientId,
    ]);
    await anna.unroute('**/api/chats/*/messages');

    // Too long: the server's Russian message, the text stays in the composer.
    const long = 'а'.repeat(2001);
    await composer.fill(long);
    await panel.getByText('Символов: 2001 из 2000.', { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Отправить', exact: true }).click();
    await panel.getByRole('alert').getByText('Сообщение слишком длинное: не больше 2000 символов.').waitFor();
    expect(await composer.inputValue()).toBe(long);
    await composer.fill('');

    // A second chat at once (chat capacity 2): two panels side by side.
    second = await childChats({ who: 'child', age: 10 }, 'А можно ещё спросить?');
    await acceptOffer(anna, 'А можно ещё спросить?');
    const panel2 = anna.getByTestId(`chat-panel-${second.chatId}`);
    await panel2.getByRole('log').getByText('А можно ещё спросить?').waitFor();
    expect(await anna.locator('[data-testid^="chat-panel-"]').count()).toBe(2);
    await expectNoAxeViolations(anna, 'the workstation with two chat panels');

    // Ending the first chat: the child is told, the contact goes to wrap-up with its record.
    await panel.getByRole('button', { name: 'Завершить чат' }).click();
    await first.waitFor((f) => f.type === 'ended' && f.by === 'counsellor', 'ended');
    const card = anna.getByTestId('contact-card').filter({ has: panel });
    await card.getByText('Постобработка').first().waitFor();
    await panel.getByText('Чат завершён. Заполните запись об обращении', { exact: false }).waitFor();
    expect(await panel.getByRole('textbox', { name: 'Сообщение' }).count()).toBe(0);
    const record = card.getByRole('link', { name: /^Запись об обращении/ });
    expect(await record.getAttribute('href')).toBe(`/records/${first.chatId}?from=workstation`);
  }, 90_000);

  it('lets a supervisor read a live chat from the board, step in, block the caller and lift the block', async () => {
    const vera = await openAs('vera', `/board/${serviceId}`);
    const reads: string[] = [];
    vera.on('request', (r) => {
      if (r.url().includes(`/api/chats/${second.chatId}?`)) reads.push(new URL(r.url()).searchParams.get('after') ?? '');
    });
    await heading(vera, 'Мониторинг: Служба Ч').waitFor();
    const handling = vera.getByRole('table', { name: 'В работе' });
    await handling
      .getByRole('row')
      .filter({ hasText: 'Анна' })
      .filter({ hasText: 'Разговор' })
      .getByRole('link', { name: /^Открыть чат/ })
      .click();

    await heading(vera, 'Чат').waitFor();
    const log = vera.getByRole('log', { name: 'Переписка' });
    await log.getByText('А можно ещё спросить?').waitFor();
    await vera.getByText('Ведёт: Анна').waitFor();
    // Live: the page holds the chat's topic.
    second.send({ type: 'message', clientId: clientId(), text: 'Мне страшно идти домой' });
    await log.getByText('Мне страшно идти домой').waitFor();
    // The first read takes everything; the re-read once the topic is subscribed only what came after.
    expect(reads[0]).toBe('0');
    await expect.poll(() => reads.slice(1).some((after) => Number(after) > 0)).toBe(true);
    await expectNoAxeViolations(vera, 'the live chat page');

    await vera.getByRole('button', { name: 'Вмешаться' }).click();
    await vera.getByText('он увидит ваш псевдоним «Вера»', { exact: false }).waitFor();
    const composer = vera.getByRole('textbox', { name: 'Сообщение от вашего имени' });
    await composer.fill('Я супервизор, я тоже здесь');
    await vera.getByRole('button', { name: 'Отправить' }).click();
    const stepped = await receivedText(second, 'Я супервизор, я тоже здесь');
    expect(stepped.message).toMatchObject({ pseudonym: 'Вера' });
    await expectNoAxeViolations(vera, 'the live chat page while stepping in');

    // Block the caller for 2 days.
    await vera.getByRole('button', { name: 'Заблокировать абонента' }).click();
    const dialog = vera.getByRole('dialog', { name: 'Блокировка абонента' });
    await dialog.getByRole('textbox', { name: 'Срок' }).fill('2');
    await dialog.getByRole('combobox', { name: 'Единица срока' }).selectOption('days');
    await dialog.getByRole('button', { name: 'Заблокировать' }).click();
    await dialog.getByText('Укажите причину (не короче 3 символов)').waitFor();
    await dialog.getByRole('textbox', { name: 'Причина' }).fill('Оскорбления в адрес консультанта');
    await expectNoAxeViolations(vera, 'the block dialog');
    await dialog.getByRole('button', { name: 'Заблокировать' }).click();
    await dialog.waitFor({ state: 'detached' });
    const blocked = await startChat(second.deviceToken);
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ code: 'chat.blocked' });

    // The board lists the block; «Снять» lifts it and the device may start chats again.
    await vera.getByRole('link', { name: 'К мониторингу службы' }).click();
    const blocks = vera.getByRole('table', { name: 'Блокировки чата' });
    const row = blocks.getByRole('row').filter({ hasText: 'Оскорбления в адрес консультанта' });
    await row.filter({ hasText: 'Вера' }).waitFor();
    await row.getByRole('button', { name: /^Снять блокировку до / }).click();
    await vera.getByText('Заблокированных абонентов нет.').waitFor();
    const again = await startChat(second.deviceToken);
    expect(again.status, await again.text()).toBe(201);
  }, 90_000);

  it('lets a supervisor manage the canned responses, which counsellors then see', async () => {
    const vera = await openAs('vera', `/board/${serviceId}`);
    await heading(vera, 'Мониторинг: Служба Ч').waitFor();
    await vera.getByRole('link', { name: 'Готовые ответы чата' }).click();
    await heading(vera, 'Готовые ответы чата: Служба Ч').waitFor();
    const table = vera.getByRole('table', { name: 'Готовые ответы чата' });
    await table.getByRole('row').filter({ hasText: 'Приветствие' }).waitFor();
    await expectNoAxeViolations(vera, 'the canned responses page');

    await vera.getByRole('button', { name: 'Добавить ответ' }).click();
    const dialog = vera.getByRole('dialog', { name: 'Новый готовый ответ' });
    await dialog.getByRole('textbox', { name: 'Название' }).fill('Телефон');
    await dialog.getByRole('textbox', { name: 'Текст' }).fill('Позвони 8-800-2000-122, это бесплатно.');
    await expectNoAxeViolations(vera, 'the canned response dialog');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await table.getByRole('row').filter({ hasText: 'Позвони 8-800-2000-122' }).waitFor();

    // The counsellor's menu has it (the chat still open in Анна's hands).
    const panel = anna.getByTestId(`chat-panel-${second.chatId}`);
    await anna.reload();
    await panel.getByRole('button', { name: 'Готовые ответы' }).click();
    await anna.getByRole('menuitem', { name: 'Телефон' }).waitFor();
    await anna.keyboard.press('Escape');

    await table.getByRole('button', { name: 'Удалить: Телефон' }).click();
    await vera.getByRole('dialog', { name: 'Удалить готовый ответ?' }).getByRole('button', { name: 'Удалить' }).click();
    await table.getByRole('row').filter({ hasText: 'Позвони 8-800-2000-122' }).waitFor({ state: 'detached' });
  }, 60_000);

  it("edits a service's web-chat settings in the service form, validated as the server does", async () => {
    const { url, browser } = harness!;
    const context = await browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce' });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    await context.request.post(`${url}/api/auth/login`, { data: { login: 'admin', password: harness!.passwordOf('admin') } });
    const page = await context.newPage();
    await page.goto(`${url}/services`);
    await page.getByRole('button', { name: `Изменить: ${SERVICE.shortName}` }).click();
    const form = page.getByRole('dialog', { name: `Служба: ${SERVICE.shortName}` });
    const chat = form.getByRole('group', { name: 'Веб-чат' });
    expect(await chat.getByRole('checkbox', { name: 'Служба принимает чаты' }).isChecked()).toBe(true);
    await chat.getByRole('checkbox', { name: 'Чат круглосуточно' }).uncheck();
    await chat.getByRole('textbox', { name: 'Чат с' }).fill('25:00');
    await chat.getByRole('textbox', { name: 'Телефоны службы на странице чата' }).fill('8-800-000-00-00\n+7 (495) 111-22-33');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await chat.getByText('Время в виде ЧЧ:ММ, например 09:00').waitFor();
    await chat.getByRole('textbox', { name: 'Чат с' }).fill('08:00');
    await chat.getByRole('textbox', { name: 'Чат до' }).fill('23:30');
    await chat.getByRole('textbox', { name: 'Хранить переписку, дней' }).fill('14');
    await expectNoAxeViolations(page, 'the service form with chat settings');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.waitFor({ state: 'detached' });
    const saved = await (await context.request.get(`${url}/api/services/${serviceId}`)).json();
    expect(saved.settings).toMatchObject({
      offerTimeoutSeconds: 90,
      chatEnabled: true,
      chatHours: { from: '08:00', to: '23:30' },
      chatRetentionDays: 14,
      chatMessagesPerMinute: 20,
      chatNewPerHour: 5,
      publicPhones: ['8-800-000-00-00', '+7 (495) 111-22-33'],
    });
  }, 45_000);
});
