// Routing end to end in Chromium against the real built server: two counsellors go on duty in their
// browsers, a supervisor watches the live board, a contact arrives through the ingress API. Exactly
// one counsellor gets the offer card and accepts it with the keyboard; the board shows the contact
// in that counsellor's hands; the other counsellor never hears of it (page, socket, API). The
// workstation with an offer card, the live board and the routing settings pass axe-core.
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, focusedText, recordRequests, startHarness, type Harness } from './browserHarness.js';

const INGRESS_TOKEN = 'browser-test-ingress-token-0123456789abcdef';
const FIRST_PASSWORD = 'первый-Пароль-4417';
const PASSWORD = 'рабочий-Пароль-9032';
const SERVICE = { name: 'Тестовая служба маршрутизации', shortName: 'Служба М', region: 'Тестовая область', timeZone: 'Europe/Moscow' };
const STAFF = {
  anna: { login: 'route.anna', pseudonym: 'Анна', role: 'counsellor' },
  boris: { login: 'route.boris', pseudonym: 'Борис', role: 'counsellor' },
  vera: { login: 'route.vera', pseudonym: 'Вера', role: 'supervisor' },
} as const;
type Who = keyof typeof STAFF;

let harness: Harness | undefined;
let serviceId = '';

beforeAll(async () => {
  harness = await startHarness({ DOVERIE_INGRESS_TOKEN: INGRESS_TOKEN });
  const { url } = harness;
  const admin = await ApiSession.signIn(url, 'admin', harness.passwordOf('admin'));
  // A long offer timeout: the axe run on the offer card must not race the deadline.
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

afterAll(async () => {
  await harness?.close();
}, 30_000);

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

interface Person {
  context: BrowserContext;
  page: Page;
  requested: string[];
  /** Every WebSocket message the page received. */
  frames: string[];
}

async function openAs(who: Who, path: string): Promise<Person> {
  const { url, browser } = harness!;
  // Less motion: dialogs and menus appear without fading, so axe never sees one half-transparent.
  const context = await browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  const login = await context.request.post(`${url}/api/auth/login`, { data: { login: STAFF[who].login, password: PASSWORD } });
  expect(login.status()).toBe(204);
  const page = await context.newPage();
  const requested = recordRequests(page);
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => void frames.push(String(payload))));
  await page.goto(url + path);
  return { context, page, requested, frames };
}

async function goOnDuty(person: Person): Promise<void> {
  const { page } = person;
  await heading(page, 'Рабочее место').waitFor();
  await page.getByRole('group', { name: 'Ваш статус' }).getByRole('button', { name: 'На линии' }).click();
  await page
    .getByTestId('ws-presence')
    .filter({ hasText: /^На линии$/ })
    .waitFor();
}

/** Waits until one of the pages shows an offer card and returns which one. */
async function firstWithOffer(people: Record<'anna' | 'boris', Person>, timeoutMs: number): Promise<'anna' | 'boris'> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const who of ['anna', 'boris'] as const) if ((await people[who].page.getByTestId('offer-card').count()) > 0) return who;
    if (Date.now() > until) throw new Error('no counsellor received an offer card');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('routing in the staff SPA', () => {
  it('offers an arriving contact to exactly one counsellor, who accepts it; the supervisor sees it live', async () => {
    const { url } = harness!;
    const anna = await openAs('anna', '/workstation');
    const boris = await openAs('boris', '/workstation');
    const vera = await openAs('vera', `/board/${serviceId}`);
    const everyone = [anna, boris, vera];
    try {
      await goOnDuty(anna);
      await goOnDuty(boris);

      // The live board: both counsellors on duty, nobody waiting.
      await heading(vera.page, 'Мониторинг: Служба М').waitFor();
      const counsellors = vera.page.getByRole('table', { name: 'Консультанты' });
      for (const name of ['Анна', 'Борис'])
        await counsellors.getByRole('row').filter({ hasText: name }).filter({ hasText: 'На линии' }).waitFor();
      await vera.page.getByText('Очередь пуста.').waitFor();

      // A high-risk chat arrives through the channel ingress.
      const contactId = randomUUID();
      const arrived = await fetch(`${url}/api/routing/ingress/contacts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INGRESS_TOKEN}` },
        body: JSON.stringify({ contactId, serviceId, channel: 'chat', risk: 'high' }),
      });
      expect(arrived.status, await arrived.text()).toBe(201);

      const winner = await firstWithOffer({ anna, boris }, 10_000);
      const receiver = winner === 'anna' ? anna : boris;
      const other = winner === 'anna' ? boris : anna;
      const card = receiver.page.getByTestId('offer-card');
      await card.getByText('Чат, риск: высокий').waitFor();
      await card.getByText('Осталось на ответ:').waitFor();
      // The keyboard is on "accept" at once; the card passes axe while it is shown.
      await focusedText(receiver.page, 'Принять');
      await expectNoAxeViolations(receiver.page, 'the workstation with an offer card');
      // The supervisor sees the alert for a high-risk contact waiting.
      await vera.page.getByTestId('board-alerts').getByText('Ждёт ответа обращение с риском «высокий»').waitFor();

      await receiver.page.keyboard.press('Enter');
      const inHand = receiver.page.getByTestId('contact-card');
      await inHand
        .filter({ hasText: 'Разговор' })
        .getByRole('button', { name: /^Завершить/ })
        .waitFor();
      expect(await card.count()).toBe(0);

      // The board, live: the contact in the receiver's hands, nobody waiting.
      const handling = vera.page.getByRole('table', { name: 'В работе' });
      await handling
        .getByRole('row')
        .filter({ hasText: STAFF[winner].pseudonym })
        .filter({ hasText: 'Разговор' })
        .waitFor({ timeout: 5_000 });
      await counsellors.getByRole('row').filter({ hasText: STAFF[winner].pseudonym }).filter({ hasText: 'Ведёт обращение' }).waitFor();
      await vera.page.getByText('Очередь пуста.').waitFor();
      await vera.page.getByTestId('board-alerts').getByText('Предупреждений нет.').waitFor();
      await vera.page.getByTestId('statistics').waitFor();
      await expectNoAxeViolations(vera.page, 'the live board');

      // The receiver's workstation holds the contact; the other counsellor never heard of it.
      const mine = await (await receiver.context.request.get(`${url}/api/routing/workstation`)).json();
      expect(mine.contacts.map((c: { id: string }) => c.id)).toEqual([contactId]);
      const theirs = await (await other.context.request.get(`${url}/api/routing/workstation`)).json();
      expect(theirs).toMatchObject({ onDuty: true, presence: 'available', offers: [], contacts: [] });
      expect(await other.page.getByTestId('offer-card').count()).toBe(0);
      expect(await other.page.getByTestId('contact-card').count()).toBe(0);
      expect(receiver.frames.some((f) => f.includes('"routing.offer"') && f.includes(contactId))).toBe(true);
      expect(other.frames.filter((f) => f.includes('"routing.offer"') || f.includes(contactId))).toEqual([]);

      for (const p of everyone) {
        const outside = p.requested.filter((u) => !u.startsWith(url) && !u.startsWith(url.replace(/^http/, 'ws')));
        expect(outside, `requests that left ${url}`).toEqual([]);
      }
    } finally {
      await Promise.all(everyone.map((p) => p.context.close()));
    }
  }, 60_000);

  it("edits a service's routing settings in the service form", async () => {
    const { url, browser } = harness!;
    const context = await browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    try {
      await context.request.post(`${url}/api/auth/login`, { data: { login: 'admin', password: harness!.passwordOf('admin') } });
      const page = await context.newPage();
      await page.goto(`${url}/services`);
      await page.getByRole('button', { name: `Изменить: ${SERVICE.shortName}` }).click();
      const form = page.getByRole('dialog', { name: `Служба: ${SERVICE.shortName}` });
      const routing = form.getByRole('group', { name: 'Маршрутизация' });
      const offerTimeout = routing.getByRole('textbox', { name: 'Время на принятие обращения, с' });
      expect(await offerTimeout.inputValue()).toBe('90');
      // Left empty (out-of-range numbers are clamped as one types): a Russian message on the field.
      await offerTimeout.fill('');
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await form.getByText('Введите целое число от 5 до 120').waitFor();
      await offerTimeout.fill('45');
      await routing.getByRole('textbox', { name: 'Передавать в национальный резерв через, с' }).fill('');
      await routing.getByRole('checkbox', { name: 'Во время звонка не предлагать чаты' }).uncheck();
      await expectNoAxeViolations(page, 'the service form with routing settings');
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await form.waitFor({ state: 'detached' });
      const saved = await (await context.request.get(`${url}/api/services/${serviceId}`)).json();
      expect(saved.settings).toMatchObject({ offerTimeoutSeconds: 45, nationalBackupAfterSeconds: null, voiceBlocksText: false });
    } finally {
      await context.close();
    }
  }, 30_000);
});
