// The softphone on the counsellor's workstation, in Chromium against the built server. Telephony off:
// a plain notice, no credentials asked for, no SIP connection. Telephony on with nothing answering
// on the SIP WebSocket: «Нет связи с SIP-сервером». Then a stand-in SIP edge (fakeSipEdge.ts) that
// checks the issued credentials and rings the phone, with the routing side driven through the edge's
// own API as Kamailio would: the voice offer says the call rings on the phone until the INVITE
// arrives, «Принять» answers it, the caller's tone is heard, a second call gets 486, mute and hold
// (refused without dropping the call, then accepted), hang-up from the contact card, and decline =
// 486. The credentials are never stored; every state passes axe-core.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, focusedText, startHarness, type Harness } from './browserHarness.js';
import { FakeSipEdge } from './fakeSipEdge.js';
import { header } from './sipWire.js';
import {
  expectCredentialsNowhere,
  heardFrequency,
  launchMediaBrowser,
  openWorkstation,
  serviceWithCounsellor,
  startCaller,
} from './softphoneFixture.js';

const VOICE_TOKEN = 'softphone-browser-test-token-0123456789abcdef';
const NUMBER = '78005550123';
const badge = (page: Page) => page.getByTestId('softphone-registration');

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the softphone with telephony off', () => {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
    await serviceWithCounsellor(harness.url, harness.passwordOf('admin'));
  }, 90_000);
  afterAll(() => harness?.close(), 30_000);

  it('says «Телефония не настроена» and why, asks for no credentials, opens no SIP connection; axe-clean', async () => {
    const { url, browser } = harness!;
    const { context, page, requested } = await openWorkstation(browser, url);
    try {
      const phone = page.getByRole('region', { name: 'Телефон' });
      await phone.getByText('Телефония не настроена').waitFor();
      await phone.getByText('Телефонная линия в этой установке «Доверия» не включена.').waitFor();
      expect(await phone.getByRole('button').count()).toBe(0);
      await expectNoAxeViolations(page, 'the workstation without telephony');
      expect(await page.evaluate<string>('window.__doverieSoftphone.state().registration.kind')).toBe('off');
      expect(requested.filter((u) => u.includes('/api/voice/credentials'))).toEqual([]);
      expect(requested.filter((u) => !u.startsWith(url) && !u.startsWith(url.replace(/^http/, 'ws')))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('the softphone with telephony on', () => {
  let harness: Harness | undefined;
  let edge: FakeSipEdge | undefined;
  let media: Browser | undefined;
  let counsellor: Awaited<ReturnType<typeof openWorkstation>> | undefined;

  beforeAll(async () => {
    edge = await FakeSipEdge.start((username) => counsellor?.issued.find((c) => c.username === username)?.password);
    media = await launchMediaBrowser();
    harness = await startHarness({
      DOVERIE_VOICE: 'on',
      DOVERIE_VOICE_TOKEN: VOICE_TOKEN,
      DOVERIE_SIP_EDGE: 'external',
      DOVERIE_SIP_ADDRESS: '127.0.0.1',
      DOVERIE_SIP_WS_PORT: String(edge.port),
      DOVERIE_SIP_WS_URL: `ws://127.0.0.1:${edge.port}`,
      DOVERIE_SIP_TRUNKS: '127.0.0.1',
    });
    await serviceWithCounsellor(harness.url, harness.passwordOf('admin'), NUMBER);
  }, 90_000);
  afterAll(async () => {
    await counsellor?.context.close().catch(() => undefined);
    await media?.close().catch(() => undefined);
    await harness?.close();
    await edge?.close();
  }, 30_000);

  const asEdge = async <T>(path: 'route' | 'events', body: Record<string, unknown>): Promise<T> => {
    const res = await fetch(`${harness!.url}/api/voice/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${VOICE_TOKEN}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    return JSON.parse(text) as T;
  };
  const sipUser = () => counsellor!.issued.at(-1)!.sipUser;
  const event = (event: string, extra: Record<string, unknown>) =>
    asEdge('events', { id: `${event}:${randomUUID()}`, event, ts: Date.now(), ...extra });

  it('with no SIP server answering: «Нет связи с SIP-сервером»; keyboard-usable switch and devices; nothing stored', async () => {
    // The page may connect to the SIP WebSocket (another origin than the page's own).
    const csp = (await fetch(`${harness!.url}/workstation`)).headers.get('content-security-policy') ?? '';
    expect(/connect-src [^;]*/.exec(csp)?.[0]).toContain(`ws://127.0.0.1:${edge!.port}`);
    edge!.mode = 'close';
    counsellor = await openWorkstation(media!, harness!.url);
    const { page, issued } = counsellor;
    await badge(page).filter({ hasText: 'Нет связи с SIP-сервером' }).waitFor({ timeout: 25_000 });
    await page.getByText('Подключение повторяется автоматически.').waitFor();
    expect(edge!.upgrades.length, 'the browser tried the SIP WebSocket').toBeGreaterThan(0);
    expect(edge!.upgrades.every((p) => p === 'sip')).toBe(true);
    await expectCredentialsNowhere(page, issued);
    await expectNoAxeViolations(page, 'the workstation with the SIP server unreachable');

    // The switch is reached with Tab and works with Space; the choice is remembered.
    const toggle = page.getByRole('switch', { name: 'Принимать звонки в этом браузере' });
    for (let i = 0; i < 40 && !(await toggle.evaluate((el) => el === el.ownerDocument.activeElement)); i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await badge(page).filter({ hasText: 'Телефон в браузере выключен' }).waitFor();
    expect(await page.evaluate<string | null>("localStorage.getItem('doverie.softphone.enabled')")).toBe('off');
    await page.keyboard.press('Space');
    await badge(page).filter({ hasText: 'Нет связи с SIP-сервером' }).waitFor();

    // Devices get their names once the microphone is allowed; the choice (an id only) is remembered.
    const showNames = page.getByRole('button', { name: 'Показать названия устройств' });
    if (await showNames.isVisible()) await showNames.click();
    const microphone = page.getByRole('combobox', { name: 'Микрофон' });
    await until(async () => (await microphone.locator('option').count()) > 1, 'named microphones');
    const chosen = await microphone.locator('option').nth(1).getAttribute('value');
    await microphone.selectOption(chosen!);
    expect(await page.evaluate<string | null>("localStorage.getItem('doverie.softphone.input')")).toBe(chosen);
    await page.reload();
    expect(await page.getByRole('combobox', { name: 'Микрофон' }).inputValue()).toBe(chosen);
    await expectCredentialsNowhere(page, issued);
  }, 60_000);

  it('registers with the issued credentials; a voice offer is answered on the softphone, heard, held, hung up', async () => {
    const { url } = harness!;
    const { page, issued } = counsellor!;
    edge!.mode = 'sip';
    await page.reload();
    await badge(page).filter({ hasText: 'Телефон подключён' }).waitFor({ timeout: 20_000 });
    const creds = issued.at(-1)!;
    expect(edge!.registeredAs).toContain(creds.username);
    await expectCredentialsNowhere(page, issued);
    await expectNoAxeViolations(page, 'the workstation with the phone connected');

    // As the edge reports it; then on duty, and a call routed to this counsellor.
    await event('registered', { user: creds.sipUser, contacts: 1 });
    await page.getByRole('group', { name: 'Ваш статус' }).getByRole('button', { name: 'На линии' }).click();
    await page
      .getByTestId('ws-presence')
      .filter({ hasText: /^На линии$/ })
      .waitFor();
    const callId = `${randomUUID()}@trunk`;
    const routed = await asEdge<{ action: string; target: string }>('route', {
      callId,
      caller: '',
      to: NUMBER,
      attempt: 1,
      lastTarget: '',
      lastCode: 0,
    });
    expect(routed).toMatchObject({ action: 'route', target: creds.sipUser });

    // Until the INVITE arrives the card has nothing to press: the phone answers.
    const card = page.getByTestId('offer-card');
    await card.getByText('Звонок поступает на ваш телефон').waitFor();
    expect(await card.getByRole('button', { name: 'Принять' }).count()).toBe(0);

    const caller = await startCaller(media!);
    try {
      const call = edge!.invite(creds.sipUser, caller.offer);
      await card.getByRole('button', { name: 'Принять' }).waitFor();
      await focusedText(page, 'Принять');
      const panel = page.getByRole('region', { name: 'Телефон' });
      await panel.getByText('Абонент').waitFor();
      await page.getByTestId('softphone-announcement').filter({ hasText: 'Входящий звонок' }).waitFor();
      await until(() => call.statuses.includes(180), '180 Ringing');
      await expectNoAxeViolations(page, 'the workstation with a call ringing');

      await page.keyboard.press('Enter');
      await until(() => call.answerSdp !== null, 'the 200 OK');
      await caller.answered(call.answerSdp!);
      await event('answered', { callId, target: creds.sipUser });
      const contact = page.getByTestId('contact-card');
      const hangUp = contact.getByRole('button', { name: 'Завершить звонок: Звонок, риск: не оценён' });
      await hangUp.waitFor();
      expect(await contact.getByRole('button', { name: /^Завершить: / }).count()).toBe(0);
      await page.getByTestId('call-timer').first().waitFor();
      let heard: number | null = null;
      await until(async () => ((heard = await heardFrequency(page)) ?? 0) > 900, 'the caller heard', 15_000);
      expect(heard).toBeGreaterThan(950);
      expect(heard).toBeLessThan(1050);

      // One call at a time.
      const second = edge!.invite(creds.sipUser, caller.offer);
      await until(() => second.statuses.includes(486), '486 for a second call');

      const mute = panel.getByRole('button', { name: 'Выключить микрофон', exact: true });
      await mute.click();
      expect(await mute.getAttribute('aria-pressed')).toBe('true');
      await mute.click();
      expect(await mute.getAttribute('aria-pressed')).toBe('false');

      // Hold refused: said so, and the call goes on (no BYE).
      const hold = panel.getByRole('button', { name: 'Удержание', exact: true });
      await hold.click();
      await page.getByText('Другая сторона не поддерживает удержание. Звонок продолжается.').waitFor();
      expect(await hold.getAttribute('aria-pressed')).toBe('false');
      expect(edge!.requests('BYE')).toEqual([]);
      await expectNoAxeViolations(page, 'the workstation in a call');
      // Hold accepted, and back.
      edge!.onReinvite = async (sdp) => ({ status: 200, sdp: await caller.reoffer(sdp) });
      await hold.click();
      await until(async () => (await hold.getAttribute('aria-pressed')) === 'true', 'on hold');
      await panel.getByText('На удержании').waitFor();
      await hold.click();
      await until(async () => (await hold.getAttribute('aria-pressed')) === 'false', 'off hold');

      await hangUp.click();
      await until(() => edge!.requests('BYE', call.callId).length === 1, 'the BYE');
      await page.getByTestId('softphone-announcement').filter({ hasText: 'Звонок завершён' }).waitFor();
      await event('ended', { callId, target: creds.sipUser, by: 'counsellor', talkSeconds: 5 });
      await contact.filter({ hasText: 'Постобработка' }).waitFor();
      expect(await page.evaluate<unknown>('window.__doverieSoftphone.state().call')).toBeNull();
    } finally {
      await caller.context.close();
    }
  }, 90_000);

  it('declines a ringing call with 486; the test hook answers like the button; the caller hanging up ends the call', async () => {
    const { page } = counsellor!;
    const caller = await startCaller(media!);
    try {
      const panel = page.getByRole('region', { name: 'Телефон' });
      const declined = edge!.invite(sipUser(), caller.offer);
      await panel.getByRole('button', { name: 'Отклонить' }).click();
      await until(() => declined.statuses.includes(486), '486 for the declined call');

      const call = edge!.invite(sipUser(), caller.offer);
      await panel.getByRole('button', { name: 'Ответить' }).waitFor();
      await page.evaluate('window.__doverieSoftphone.answer()');
      await until(() => call.answerSdp !== null, 'the 200 OK');
      await caller.answered(call.answerSdp!);
      await until(async () => (await page.evaluate<string>("window.__doverieSoftphone.state().call?.phase ?? ''")) === 'active', 'in call');
      call.bye();
      await until(async () => (await page.evaluate<unknown>('window.__doverieSoftphone.state().call')) === null, 'the call ended');
      await page.getByTestId('softphone-announcement').filter({ hasText: 'Звонок завершён' }).waitFor();
    } finally {
      await caller.context.close();
    }
  }, 60_000);

  it('renews its credentials ten minutes before they expire and registers with them; signing out unregisters', async () => {
    await counsellor!.context.close();
    counsellor = await openWorkstation(media!, harness!.url, { fakeClock: true });
    const { page, issued } = counsellor;
    await badge(page).filter({ hasText: 'Телефон подключён' }).waitFor();
    const first = issued[0]!;
    expect(edge!.registeredAs).toContain(first.username);
    const lifetimeMs = Date.parse(first.expiresAt) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(11 * 3600_000);

    // A little before the renewal nothing is asked; at ten minutes before expiry, new credentials.
    await page.clock.fastForward(lifetimeMs - 11 * 60_000);
    // Over a second of real time too: the server's next credentials then differ from the first.
    await new Promise((r) => setTimeout(r, 1100));
    expect(issued).toHaveLength(1);
    // The two minutes also bring JsSIP's refresh of the registration (60–88 s after the last one). It is
    // answered with the old credentials (the renewal's request for new ones waits until then) and its
    // 200 OK is held until the page has the new ones: the renewal finds a REGISTER in progress, when
    // JsSIP ignores register().
    const release = edge!.holdRegisters();
    const credentialsUrl = `${harness!.url}/api/voice/credentials`;
    await page.route(credentialsUrl, async (route) => {
      await until(() => edge!.heldRegisters.length > 0, 'a refresh of the registration in progress').catch(() => undefined);
      await route.continue();
    });
    try {
      await page.clock.fastForward(2 * 60_000);
      await until(() => issued.length === 2, 'renewed credentials');
      expect(edge!.heldRegisters).toEqual([first.username]);
      // The page reads the same response the test just read: a moment for it to take the credentials.
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      release();
      await page.unroute(credentialsUrl);
    }
    const renewed = issued[1]!;
    expect(renewed.username).not.toBe(first.username);
    // At once after the refresh in progress is answered, not at JsSIP's next refresh (60 s or more away:
    // the page's clock is not moved any more, it runs at real time while this waits).
    await until(() => edge!.registeredAs.includes(renewed.username), 'a REGISTER with the renewed credentials');
    await badge(page).filter({ hasText: 'Телефон подключён' }).waitFor();
    await expectCredentialsNowhere(page, issued);

    const before = edge!.requests('REGISTER').length;
    await page.getByRole('button', { name: 'Выйти' }).click();
    await until(
      () =>
        edge!
          .requests('REGISTER')
          .slice(before)
          .some((m) => header(m, 'expires') === '0' || /expires=0\b/.test(header(m, 'contact'))),
      'an un-REGISTER on sign-out',
    );
  }, 60_000);
});
