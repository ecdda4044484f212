// Routing administration in Chromium against the real built server. A supervisor makes a care plan on
// the live board from a contact whose caller is known (it arrived with a phone number): the plan
// appears in the list; for an offline contact the server's Russian refusal is shown in the dialog.
// An admin edits a counsellor's languages and skills in the staff form; the API has them saved.
// The care-plan dialog (with and without the error) and the staff form pass axe-core.
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, startHarness, type Harness } from './browserHarness.js';

const INGRESS_TOKEN = 'browser-test-ingress-token-fedcba9876543210';
const FIRST_PASSWORD = 'первый-Пароль-5521';
const PASSWORD = 'рабочий-Пароль-7718';
const SERVICE = { name: 'Тестовая служба сопровождения', shortName: 'Служба С', region: 'Тестовая область', timeZone: 'Europe/Moscow' };
const STAFF = {
  anna: { login: 'care.anna', pseudonym: 'Анна', role: 'counsellor' },
  gleb: { login: 'care.gleb', pseudonym: 'Глеб', role: 'counsellor' },
  vera: { login: 'care.vera', pseudonym: 'Вера', role: 'supervisor' },
} as const;
type Who = keyof typeof STAFF;
const NO_CALLER_KEY = 'У этого обращения нет ключа абонента: план сопровождения создать нельзя.';

let harness: Harness | undefined;
let serviceId = '';
const sessions: Partial<Record<Who, ApiSession>> = {};
const ids: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  harness = await startHarness({ DOVERIE_INGRESS_TOKEN: INGRESS_TOKEN });
  const { url } = harness;
  const admin = await ApiSession.signIn(url, 'admin', harness.passwordOf('admin'));
  serviceId = (await admin.call<{ id: string }>('POST', '/api/services', { ...SERVICE, settings: { offerTimeoutSeconds: 90 } })).id;
  await Promise.all(
    (Object.keys(STAFF) as Who[]).map(async (who) => {
      const s = STAFF[who];
      const created = await admin.call<{ staff: { id: string } }>('POST', '/api/staff', {
        login: s.login,
        pseudonym: s.pseudonym,
        fullName: `${s.pseudonym} Тестовая`,
        password: FIRST_PASSWORD,
        grants: [{ serviceId, role: s.role }],
      });
      ids[who] = created.staff.id;
      const own = await ApiSession.signIn(url, s.login, FIRST_PASSWORD);
      await own.call('POST', '/api/auth/password', { currentPassword: FIRST_PASSWORD, newPassword: PASSWORD });
      sessions[who] = await ApiSession.signIn(url, s.login, PASSWORD);
    }),
  );
}, 90_000);

afterAll(async () => {
  await harness?.close();
}, 30_000);

const cmd = () => ({ commandId: randomUUID() });

async function newPage(login: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const { url, browser } = harness!;
  // Less motion: dialogs appear without fading, so axe never sees one half-transparent.
  const context = await browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  const res = await context.request.post(`${url}/api/auth/login`, { data: { login, password } });
  expect(res.status()).toBe(204);
  return { context, page: await context.newPage() };
}

/** Anna's offer for the contact, once the engine has made it. */
async function offerFor(contactId: string): Promise<string> {
  const until = Date.now() + 10_000;
  for (;;) {
    const w = await sessions.anna!.call<{ offers: { id: string; contact: { id: string } }[] }>('GET', '/api/routing/workstation');
    const offer = w.offers.find((o) => o.contact.id === contactId);
    if (offer) return offer.id;
    if (Date.now() > until) throw new Error('Anna was not offered the contact');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A form field by its label; Mantine appends an aria-hidden " *" to labels of required fields. */
const field = (scope: Locator, label: string) => scope.getByLabel(new RegExp(`^${label}( \\*)?$`));

describe('routing administration in the staff SPA', () => {
  it('makes a care plan from a contact with a known caller, and shows why an offline contact cannot have one', async () => {
    const { url } = harness!;
    // Anna on duty takes a chat that arrived with the caller's phone number; Gleb records an offline call.
    await sessions.anna!.call('PUT', '/api/routing/workstation/presence', { ...cmd(), serviceId, presence: 'available' });
    const contactId = randomUUID();
    const arrived = await fetch(`${url}/api/routing/ingress/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGRESS_TOKEN}` },
      body: JSON.stringify({ contactId, serviceId, channel: 'chat', risk: 'low', caller: { kind: 'phone', value: '+79001234567' } }),
    });
    expect(arrived.status, await arrived.text()).toBe(201);
    await sessions.anna!.call('POST', `/api/routing/offers/${await offerFor(contactId)}/accept`, cmd());
    await sessions.gleb!.call('POST', `/api/routing/services/${serviceId}/offline-contacts`, {
      ...cmd(),
      channel: 'voice',
      risk: 'unknown',
    });

    const { context, page } = await newPage(STAFF.vera.login, PASSWORD);
    try {
      await page.goto(`${url}/board/${serviceId}`);
      await page.getByRole('heading', { level: 1, name: 'Мониторинг: Служба С' }).waitFor();
      await page.getByText('Планов сопровождения нет.').waitFor();
      const handling = page.getByRole('table', { name: 'В работе' });

      // The offline call: the dialog explains the plan, the server refuses, its message is shown.
      await handling.getByRole('button', { name: 'План сопровождения: Звонок, риск: не оценён' }).click();
      let dialog = page.getByRole('dialog', { name: 'План сопровождения' });
      await dialog.getByText('Обращения с высоким риском и угрозой жизни не ждут закреплённого консультанта').waitFor();
      await dialog.getByText('в течение 60 с после поступления').waitFor();
      await field(dialog, 'Закреплённый консультант').selectOption({ label: 'Глеб' });
      await dialog.getByRole('button', { name: 'Создать план' }).click();
      await dialog.getByRole('alert').filter({ hasText: NO_CALLER_KEY }).waitFor();
      await expectNoAxeViolations(page, 'the care-plan dialog with the server refusal');
      await dialog.getByRole('button', { name: 'Отмена' }).click();
      await dialog.waitFor({ state: 'detached' });

      // The chat with a known caller: Anna, who has it, is proposed; the plan goes to Gleb.
      await handling.getByRole('button', { name: 'План сопровождения: Чат, риск: низкий' }).click();
      dialog = page.getByRole('dialog', { name: 'План сопровождения' });
      const select = field(dialog, 'Закреплённый консультант');
      await expect.poll(() => select.inputValue()).toBe(ids.anna);
      await expectNoAxeViolations(page, 'the care-plan dialog');
      await select.selectOption({ label: 'Глеб' });
      await dialog.getByRole('button', { name: 'Создать план' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('table', { name: 'Планы сопровождения' }).getByRole('cell', { name: 'Глеб', exact: true }).waitFor();

      const plans = await sessions.vera!.call<{ items: { preferredStaffId: string; fromContactId: string }[] }>(
        'GET',
        `/api/routing/services/${serviceId}/care-plans`,
      );
      expect(plans.items).toEqual([expect.objectContaining({ preferredStaffId: ids.gleb, fromContactId: contactId })]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("edits a counsellor's languages and skills in the staff form", async () => {
    const { url } = harness!;
    const { context, page } = await newPage('admin', harness!.passwordOf('admin'));
    try {
      await page.goto(`${url}/staff`);
      await page.getByRole('button', { name: `Действия: ${STAFF.anna.pseudonym} (${STAFF.anna.login})` }).click();
      await page.getByRole('menuitem', { name: 'Изменить' }).click();
      const form = page.getByRole('dialog', { name: `Сотрудник: ${STAFF.anna.pseudonym}` });
      const routing = form.getByRole('group', { name: 'Маршрутизация обращений' });
      // Loaded from the server: the default profile, Russian only; the keyboard starts on the first field.
      await routing.getByText('русский (ru)').waitFor();
      await form.locator('input:focus').and(field(form, 'Псевдоним')).waitFor();

      const languages = field(routing, 'Языки консультирования');
      await languages.click();
      await languages.pressSequentially('тат');
      await page.getByRole('option', { name: 'татарский (tt)' }).click();
      const skills = field(routing, 'Навыки');
      await skills.click();
      for (const tag of ['Sign language', 'parents', 'жесты']) {
        await skills.pressSequentially(tag);
        await skills.press('Enter');
      }
      // A tag out of the rule is caught before saving, with the rule spelt out.
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await routing.getByText('Не подходят метки: жесты.').waitFor();
      await skills.click();
      await skills.press('Backspace');
      await expectNoAxeViolations(page, 'the staff form with the routing profile');
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await form.waitFor({ state: 'detached' });

      const saved = await (await context.request.get(`${url}/api/staff/${ids.anna}/routing-profile`)).json();
      expect(saved).toEqual({ languages: ['ru', 'tt'], skills: ['sign-language', 'parents'] });
    } finally {
      await context.close();
    }
  }, 30_000);
});
