// «Настольный телефон» on the workstation, in Chromium against the built server with telephony on (a
// stand-in edge answers JSON-RPC; the SIP WebSocket is refused). The counsellor issues their desk
// phone's password: shown once with the server, realm and user name (the HA1 the edge then gets matches
// it), regenerates it after a confirmation (the old one stops working) and revokes it (the edge gets no
// HA1). The password is kept nowhere in the page; every state passes axe-core. The service's head does
// the same for Анна from «Сотрудники» («Действия» → «Настольный телефон»).
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, startHarness, type Harness } from './browserHarness.js';
import { FakeSipEdge } from './fakeSipEdge.js';
import { ApiSession } from './apiSession.js';
import { COUNSELLOR, openWorkstation, PASSWORD, serviceWithCounsellor, staffMember } from './softphoneFixture.js';

const VOICE_TOKEN = 'desk-phone-browser-test-token-0123456789abcdef';
const REALM = 'sip.doverie.test';

let harness: Harness | undefined;
let edge: FakeSipEdge | undefined;
let serviceId = '';
const HEAD = 'phone.head';

beforeAll(async () => {
  edge = await FakeSipEdge.start(() => undefined);
  harness = await startHarness({
    DOVERIE_VOICE: 'on',
    DOVERIE_VOICE_TOKEN: VOICE_TOKEN,
    DOVERIE_SIP_EDGE: 'external',
    DOVERIE_SIP_ADDRESS: '127.0.0.1',
    DOVERIE_SIP_PORT: '5071',
    DOVERIE_SIP_REALM: REALM,
    DOVERIE_SIP_WS_PORT: String(edge.port),
    DOVERIE_SIP_WS_URL: `ws://127.0.0.1:${edge.port}`,
    DOVERIE_SIP_TRUNKS: '127.0.0.1',
  });
  serviceId = await serviceWithCounsellor(harness.url, harness.passwordOf('admin'));
  const admin = await ApiSession.signIn(harness.url, 'admin', harness.passwordOf('admin'));
  await staffMember(harness.url, admin, serviceId, { login: HEAD, pseudonym: 'Елена', role: 'head' });
}, 90_000);

afterAll(async () => {
  await harness?.close();
  await edge?.close();
}, 30_000);

/** The HA1 the edge gets for a desk phone's REGISTER, as Kamailio asks for it. */
async function ha1Of(user: string): Promise<string | null> {
  const res = await fetch(`${harness!.url}/api/voice/desk-auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${VOICE_TOKEN}` },
    body: JSON.stringify({ user }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ha1: string | null }).ha1;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

async function shownCredentials(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Данные для настольного телефона' });
  await dialog.waitFor();
  const value = (label: string) => dialog.getByRole('textbox', { name: label }).inputValue();
  return {
    dialog,
    server: await value('Сервер (SIP-прокси)'),
    realm: await value('Домен (realm)'),
    username: await value('Имя пользователя (и логин авторизации)'),
    password: await value('Пароль'),
  };
}

describe('«Настольный телефон» on the workstation', () => {
  it('issues the password once with the settings, regenerates it after a confirmation, revokes it; axe-clean', async () => {
    const { context, page } = await openWorkstation(harness!.browser, harness!.url);
    try {
      const desk = page.getByRole('group', { name: 'Настольный телефон' });
      await desk.getByText('Пароль для настольного телефона не выдан.').waitFor();
      await expectNoAxeViolations(page, 'the workstation with no desk phone password');

      await desk.getByRole('button', { name: 'Выдать пароль' }).click();
      const first = await shownCredentials(page);
      expect(first.server).toBe('127.0.0.1:5071');
      expect(first.realm).toBe(REALM);
      expect(first.username).toMatch(/^c[0-9a-f]{32}$/);
      expect(first.password).toMatch(/^[A-Za-z0-9]{24}$/);
      expect(await ha1Of(first.username)).toBe(md5(`${first.username}:${REALM}:${first.password}`));
      await first.dialog.getByRole('button', { name: 'Скопировать' }).first().waitFor();
      await expectNoAxeViolations(page, 'the desk phone credentials shown once');
      await first.dialog.getByRole('button', { name: 'Готово' }).click();
      await first.dialog.waitFor({ state: 'detached' });
      await desk.getByText(/^Пароль выдан /).waitFor();
      // Shown once: nowhere in the page after the dialog closed.
      const kept = await page.evaluate<string>('JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.body.innerHTML])');
      expect(kept).not.toContain(first.password);

      await desk.getByRole('button', { name: 'Новый пароль' }).click();
      const confirm = page.getByRole('dialog', { name: 'Выдать новый пароль?' });
      await confirm.getByText('Старый пароль сразу перестанет действовать').waitFor();
      await expectNoAxeViolations(page, 'the confirmation of a new desk phone password');
      await confirm.getByRole('button', { name: 'Новый пароль' }).click();
      const second = await shownCredentials(page);
      expect(second.password).not.toBe(first.password);
      expect(await ha1Of(second.username)).toBe(md5(`${second.username}:${REALM}:${second.password}`));
      await second.dialog.getByRole('button', { name: 'Готово' }).click();
      await second.dialog.waitFor({ state: 'detached' });

      await desk.getByRole('button', { name: 'Отозвать' }).click();
      const revoke = page.getByRole('dialog', { name: 'Отозвать пароль настольного телефона?' });
      await revoke.getByRole('button', { name: 'Отозвать' }).click();
      await revoke.waitFor({ state: 'detached' });
      await desk.getByText('Пароль для настольного телефона не выдан.').waitFor();
      expect(await ha1Of(second.username)).toBeNull();
    } finally {
      await context.close();
    }
  }, 90_000);

  it('the head issues and revokes Анна’s desk phone password from «Сотрудники»', async () => {
    const context = await harness!.browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce' });
    context.setDefaultTimeout(15_000);
    try {
      const login = await context.request.post(`${harness!.url}/api/auth/login`, { data: { login: HEAD, password: PASSWORD } });
      expect(login.status()).toBe(204);
      const page = await context.newPage();
      await page.goto(`${harness!.url}/staff`);
      await page.getByRole('button', { name: `Действия: Анна (${COUNSELLOR})` }).click();
      await page.getByRole('menuitem', { name: 'Настольный телефон' }).click();
      const modal = page.getByRole('dialog', { name: `Настольный телефон: Анна (${COUNSELLOR})` });
      await modal.getByText('Пароль для настольного телефона не выдан.').waitFor();
      await expectNoAxeViolations(page, 'a colleague’s desk phone from the staff page');
      await modal.getByRole('button', { name: 'Выдать пароль' }).click();
      const shown = await shownCredentials(page);
      expect(await ha1Of(shown.username)).toBe(md5(`${shown.username}:${REALM}:${shown.password}`));
      await shown.dialog.getByRole('button', { name: 'Готово' }).click();
      await shown.dialog.waitFor({ state: 'detached' });
      await modal.getByText(/^Пароль выдан /).waitFor();
      await modal.getByRole('button', { name: 'Отозвать' }).click();
      const revoke = page.getByRole('dialog', { name: 'Отозвать пароль настольного телефона?' });
      await revoke.getByRole('button', { name: 'Отозвать' }).click();
      await revoke.waitFor({ state: 'detached' });
      await modal.getByText('Пароль для настольного телефона не выдан.').waitFor();
      expect(await ha1Of(shown.username)).toBeNull();
      // Her own row has it too: a head takes calls in her service.
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: `Действия: Елена (${HEAD})` }).click();
      await page.getByRole('menuitem', { name: 'Изменить' }).waitFor();
      expect(await page.getByRole('menuitem', { name: 'Настольный телефон' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 90_000);
});
