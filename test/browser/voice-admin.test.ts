// The phone line in the staff SPA, in Chromium against the built server with telephony on and the edge
// "external" with no SIP server at all: calls are driven through the edge's own HTTP routes (route
// requests and events with the bearer token, exactly as Kamailio sends them). The admin sets a
// service's numbers (a number of another service is refused in Russian); a call is answered and ends
// and its record shows the call's times; a supervisor tries to end a waiting call from the board and,
// with nobody answering JSON-RPC, is told in Russian that the SIP server is unavailable. Every page
// passes axe-core; the controls are used from the keyboard.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, focusedText, startHarness, type Harness, untilInPage } from './browserHarness.js';

const VOICE_TOKEN = 'voice-admin-browser-token-0123456789abcdef';
const GREETING = 'sip:greeting@127.0.0.1:5090';
const FIRST_PASSWORD = 'первый-Пароль-6618';
const PASSWORD = 'рабочий-Пароль-2254';
const NUMBER = '78005550001';
const SHORT_NUMBER = '124';
const SERVICES = {
  north: { name: 'Северная служба', shortName: 'Север', region: 'Тестовая область', timeZone: 'Europe/Moscow' },
  south: { name: 'Южная служба', shortName: 'Юг', region: 'Другая область', timeZone: 'Europe/Moscow' },
};
const STAFF = {
  anna: { login: 'voice.anna', pseudonym: 'Анна', role: 'counsellor' },
  vera: { login: 'voice.vera', pseudonym: 'Вера', role: 'supervisor' },
} as const;
type Who = keyof typeof STAFF;

let harness: Harness | undefined;
let admin: ApiSession;
let anna: ApiSession;
let annaId = '';
const serviceIds = { north: '', south: '' };

/** A loopback port nothing listens on: the edge's JSON-RPC address, where no SIP server answers. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  harness = await startHarness({
    DOVERIE_VOICE: 'on',
    DOVERIE_VOICE_TOKEN: VOICE_TOKEN,
    DOVERIE_SIP_EDGE: 'external',
    DOVERIE_SIP_ADDRESS: '127.0.0.1',
    DOVERIE_SIP_TRUNKS: '127.0.0.1',
    DOVERIE_SIP_WS_PORT: String(await closedPort()),
    DOVERIE_VOICE_GREETING_URI: GREETING,
  });
  const { url } = harness;
  admin = await ApiSession.signIn(url, 'admin', harness.passwordOf('admin'));
  for (const key of ['north', 'south'] as const) {
    // A long wrap-up: the ended call stays on the board while the board is checked.
    const settings = { offerTimeoutSeconds: 90, wrapUpSeconds: 1800 };
    serviceIds[key] = (await admin.call<{ id: string }>('POST', '/api/services', { ...SERVICES[key], settings })).id;
  }
  for (const [who, s] of Object.entries(STAFF)) {
    const created = await admin.call<{ staff: { id: string } }>('POST', '/api/staff', {
      login: s.login,
      pseudonym: s.pseudonym,
      fullName: `${s.pseudonym} Тестовая`,
      password: FIRST_PASSWORD,
      grants: [{ serviceId: serviceIds.north, role: s.role }],
    });
    const own = await ApiSession.signIn(url, s.login, FIRST_PASSWORD);
    await own.call('POST', '/api/auth/password', { currentPassword: FIRST_PASSWORD, newPassword: PASSWORD });
    if (who === 'anna') annaId = created.staff.id;
  }
  anna = await ApiSession.signIn(url, STAFF.anna.login, PASSWORD);
}, 90_000);

afterAll(async () => {
  await harness?.close();
}, 30_000);

/** The edge's request (route or event) with the bearer token, as Kamailio sends it. */
async function edge<T>(path: '/api/voice/route' | '/api/voice/events', body: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${harness!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${VOICE_TOKEN}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
}

const route = (callId: string, to: string) =>
  edge<{ action: string; target?: string }>('/api/voice/route', { callId, caller: '', to, attempt: 1, lastTarget: '', lastCode: 0 });
const event = (body: Record<string, unknown>) => edge('/api/voice/events', { id: `ev-${randomUUID()}`, ts: Date.now(), ...body });
const sipUserOf = (staffId: string) => `c${staffId.replace(/-/g, '')}`;
const phone = (contacts: number) => event({ event: 'registered', user: sipUserOf(annaId), contacts });

async function openAs(who: Who | 'admin', path: string): Promise<{ context: BrowserContext; page: Page }> {
  const { url, browser } = harness!;
  // Less motion: dialogs appear without fading, so axe never sees one half-transparent.
  const context = await browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  const password = who === 'admin' ? harness!.passwordOf('admin') : PASSWORD;
  const login = await context.request.post(`${url}/api/auth/login`, {
    data: { login: who === 'admin' ? 'admin' : STAFF[who].login, password },
  });
  expect(login.status()).toBe(204);
  const page = await context.newPage();
  await page.goto(url + path);
  return { context, page };
}

const focused = (page: Page) => page.evaluate<string>("document.activeElement?.textContent ?? ''");

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the phone line in the staff SPA', () => {
  it("the admin sets a service's phone numbers; a number another service has is refused in Russian", async () => {
    const { context, page } = await openAs('admin', '/services');
    try {
      const numbersOf = (key: 'north' | 'south') =>
        admin.call<{ numbers: string[] }>('GET', `/api/services/${serviceIds[key]}/voice-numbers`).then((r) => r.numbers);

      await page.getByRole('button', { name: `Изменить: ${SERVICES.north.shortName}` }).click();
      let form = page.getByRole('dialog', { name: `Служба: ${SERVICES.north.shortName}` });
      // The form waits for the numbers, then puts the keyboard on its first field.
      await untilInPage(
        page,
        `document.activeElement?.tagName === 'INPUT' && document.activeElement.value === ${JSON.stringify(SERVICES.north.name)}`,
      );
      let numbers = form.getByRole('group', { name: 'Телефонные номера службы' }).getByRole('textbox', { name: 'Номера' });
      expect(await numbers.inputValue()).toBe('');
      // Not digits: a Russian message on the field, the keyboard put on it, nothing saved.
      await numbers.fill(`${NUMBER}\n8-800`);
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await form.getByText('Номер «8-800»: только цифры, от 2 до 15').waitFor();
      await untilInPage(page, "document.activeElement?.tagName === 'TEXTAREA'");
      expect(await numbersOf('north')).toEqual([]);

      await numbers.fill(`${NUMBER}\n${SHORT_NUMBER}`);
      await expectNoAxeViolations(page, 'the service form with its phone numbers');
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await form.waitFor({ state: 'detached' });
      expect(await numbersOf('north')).toEqual([SHORT_NUMBER, NUMBER]);

      // Another service asks for one of them, from the keyboard: refused, nothing changed there.
      const south = await admin.call<{ version: number }>('GET', `/api/services/${serviceIds.south}`);
      await page.getByRole('button', { name: `Изменить: ${SERVICES.south.shortName}` }).click();
      form = page.getByRole('dialog', { name: `Служба: ${SERVICES.south.shortName}` });
      numbers = form.getByRole('group', { name: 'Телефонные номера службы' }).getByRole('textbox', { name: 'Номера' });
      await numbers.focus();
      await page.keyboard.type(SHORT_NUMBER);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Отмена');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Сохранить');
      await page.keyboard.press('Enter');
      await form.getByText('Этот номер уже принадлежит другой службе.').waitFor();
      expect(await numbers.getAttribute('aria-invalid')).toBe('true');
      await untilInPage(page, "document.activeElement?.tagName === 'TEXTAREA'");
      await expectNoAxeViolations(page, 'the service form with a refused number');
      expect(await numbersOf('south')).toEqual([]);
      expect((await admin.call<{ version: number }>('GET', `/api/services/${serviceIds.south}`)).version).toBe(south.version);
      expect(await numbersOf('north')).toEqual([SHORT_NUMBER, NUMBER]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("a call is answered and ends; its record shows the call's times, a record that is no call shows none", async () => {
    await anna.call('PUT', '/api/routing/workstation/presence', {
      commandId: randomUUID(),
      serviceId: serviceIds.north,
      presence: 'available',
    });
    await phone(1);
    const callId = `${randomUUID()}@trunk.test`;
    const t0 = Date.now();
    expect(await route(callId, NUMBER)).toMatchObject({ action: 'route', target: sipUserOf(annaId) });
    // The edge's own times: rang after 5 s, answered after 12 s, the caller hung up 95 s later.
    await event({ event: 'ringing', callId, target: sipUserOf(annaId), attempt: 1, ts: t0 + 5_000 });
    await event({ event: 'answered', callId, target: sipUserOf(annaId), ts: t0 + 12_000 });
    const contactId = (await anna.call<{ contacts: { id: string; channel: string }[] }>('GET', '/api/routing/workstation')).contacts.find(
      (c) => c.channel === 'voice',
    )?.id;
    expect(contactId).toBeDefined();
    await event({ event: 'ended', callId, target: sipUserOf(annaId), by: 'caller', talkSeconds: 95, ts: t0 + 107_000 });
    // The record is opened by the routing projector a moment after the contact.
    await waitUntil(
      () =>
        anna
          .call('GET', `/api/records/${contactId}`)
          .then(() => true)
          .catch(() => false),
      'the call record',
    );

    const { context, page } = await openAs('anna', `/records/${contactId}`);
    try {
      await page.getByRole('heading', { level: 1, name: 'Запись об обращении' }).waitFor();
      const call = page.getByRole('region', { name: 'Звонок' });
      await call.waitFor();
      const row = (label: string) => call.locator('.facts-row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
      expect(await row('Ожидание').locator('dd').textContent()).toBe('00:12');
      expect(await row('Звонок у консультанта').locator('dd').textContent()).toBe('00:07');
      expect(await row('Разговор').locator('dd').textContent()).toBe('01:35');
      expect(await row('Итог').locator('dd').textContent()).toBe('Отвечен');
      expect(await row('Кто завершил').locator('dd').textContent()).toBe('Абонент');
      expect(await row('Приветствие').locator('dd').textContent()).toBe('Не прозвучало');
      await expectNoAxeViolations(page, 'the record of a call');

      // A contact that is no call (a record made by hand, channel "voice"): the server says so, no section.
      const manual = await anna.call<{ id: string }>('POST', '/api/records', {
        id: randomUUID(),
        serviceId: serviceIds.north,
        channel: 'voice',
      });
      const asked = page.waitForResponse((r) => r.url().endsWith(`/api/voice/calls/${manual.id}`));
      await page.goto(`${harness!.url}/records/${manual.id}`);
      expect((await asked).status()).toBe(404);
      await page.getByRole('region', { name: 'Сведения об обращении' }).waitFor();
      // Whatever the answer made the page show is on screen a couple of frames later.
      await page.evaluate('new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 200))');
      expect(await page.getByRole('region', { name: 'Звонок' }).count()).toBe(0);
      expect(await page.getByText('Звонок не найден').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a supervisor ends a waiting call from the board: with no SIP server answering, the error is shown in Russian', async () => {
    await phone(0); // nobody can be rung: the caller waits in the queue, hearing the greeting
    const callId = `${randomUUID()}@trunk.test`;
    expect(await route(callId, SHORT_NUMBER)).toMatchObject({ action: 'queue', target: GREETING });

    const { context, page } = await openAs('vera', `/board/${serviceIds.north}`);
    try {
      await page.getByRole('heading', { level: 1, name: `Мониторинг: ${SERVICES.north.shortName}` }).waitFor();
      const queued = page.getByRole('table', { name: 'Очередь' }).getByRole('row').filter({ hasText: 'Звонок' });
      const end = queued.getByRole('button', { name: /^Завершить звонок: Звонок/ });
      await end.waitFor();
      // The ended call in wrap-up has nothing to end.
      const wrapup = page.getByRole('table', { name: 'В работе' }).getByRole('row').filter({ hasText: 'Постобработка' });
      await wrapup.waitFor();
      expect(await wrapup.getByRole('button', { name: /^Завершить звонок/ }).count()).toBe(0);
      await expectNoAxeViolations(page, 'the live board with a waiting call');

      await end.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Завершить звонок?' });
      await dialog.waitFor();
      // The safe choice has the keyboard first; the next Tab reaches the destructive one.
      await focusedText(page, 'Отмена');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Завершить звонок');
      await page.keyboard.press('Enter');
      await dialog.getByRole('alert').filter({ hasText: 'SIP-сервер сейчас недоступен. Попробуйте ещё раз.' }).waitFor();
      await expectNoAxeViolations(page, 'the end-call dialog with the server refusing');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // Nothing changed: the call still waits.
      await end.waitFor();
    } finally {
      await context.close();
    }

    // Telephony switched off here: the board offers nothing to end (the status answer is replaced).
    const off = await openAs('vera', '/');
    try {
      await off.page.route('**/api/voice/status', (r) => r.fulfill({ json: { configured: false, reason: 'not_configured' } }));
      const status = off.page.waitForResponse((r) => r.url().endsWith('/api/voice/status'));
      await off.page.goto(`${harness!.url}/board/${serviceIds.north}`);
      await status;
      const queued = off.page.getByRole('table', { name: 'Очередь' }).getByRole('row').filter({ hasText: 'Звонок' });
      await queued.getByRole('button', { name: /^Назначить/ }).waitFor();
      expect(await queued.getByRole('button', { name: /^Завершить звонок/ }).count()).toBe(0);
    } finally {
      await off.context.close();
    }
  }, 60_000);
});
