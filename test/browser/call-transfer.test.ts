// A supervisor takes a phone call from the live board, in Chromium, over the real SIP edge: the phone
// line of test/voice/e2e in a private network namespace, a trunk caller whose side accepts REFER
// (baresip) answered on a counsellor's desk phone. Ольга-like supervisor, with a desk phone of her own and
// on duty, opens the board, presses «Передать» on the call, chooses «Себе (взять обращение)» (the dialog
// says how a call moves; axe-core clean), and the call moves: the counsellor's phone hangs up, hers
// answers, the caller is connected to her, and the call is in her hands (her workstation has it).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { workstation } from '../routing/routingApi.js';
import { SIP_PORT, startPhoneLine, waitUntil, type PhoneLine } from '../voice/e2e/phoneLine.js';
import { expectNoAxeViolations } from './browserHarness.js';
import { launchBrowserInNamespace } from './softphoneSipFixture.js';

describe.each(DATABASES)('a supervisor takes a call from the live board, %s', (kind) => {
  let line: PhoneLine | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    line = await startPhoneLine(kind, { serveWeb: true, separateTrunk: true, offerTimeoutSeconds: 15 });
    browser = await launchBrowserInNamespace(line.ns, line.dir, line.url);
  }, 60_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await line?.stop();
  }, 60_000);

  it('«Передать» → «Себе»: the counsellor’s phone hangs up, the supervisor’s answers, the call is hers', async () => {
    const { t, ns, service, url } = line!;
    const contacts = () => line!.contacts();
    const a = await line!.deskPhone('board-a', 5070, 'auto');
    const caller = await line!.caller('board-caller', 5200, '89161234569');
    await caller.dial(`sip:${service.number}@${ns.nsAddress}:${SIP_PORT}`);
    await caller.waitEvent('CALL_ESTABLISHED', 15_000);
    await waitUntil(async () => (await contacts()).at(-1)?.state === 'active', 'the answer reached Doverie');
    const s = await line!.deskPhone('board-s', 5100, 'auto', true, 'supervisor');
    const callerEvents = caller.ctrl.events.length;

    const context = await browser!.newContext({ locale: 'ru-RU', reducedMotion: 'reduce' });
    context.setDefaultTimeout(15_000);
    try {
      const login = await context.request.post(`${url}/api/auth/login`, { data: { login: s.who.login, password: s.who.password } });
      expect(login.status()).toBe(204);
      const page = await context.newPage();
      await page.goto(`${url}/board/${service.id}`);
      await page.getByRole('heading', { level: 1, name: /^Мониторинг/ }).waitFor();
      await page.getByRole('button', { name: /^Передать: Звонок/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Передать обращение' });
      await dialog.getByText('Звонок перейдёт по телефонной линии', { exact: false }).waitFor();
      await dialog.getByRole('radio', { name: 'Себе (взять обращение)' }).check();
      await expectNoAxeViolations(page, 'the transfer dialog for a call');
      await dialog.getByRole('button', { name: 'Передать' }).click();
      await page.getByText('Обращение передано').waitFor();

      await a.phone.waitEvent('CALL_CLOSED', 10_000);
      await s.phone.waitEvent('CALL_ESTABLISHED', 15_000);
      await caller.waitEvent('CALL_ESTABLISHED', 15_000, callerEvents);
      await waitUntil(async () => (await contacts()).at(-1)?.state === 'active', 'the moved call reached the supervisor');
      expect((await contacts()).map((c) => [c.state, c.staff_id])).toEqual([
        ['transferred', a.who.userId],
        ['active', s.who.userId],
      ]);
      // In her hands now: her workstation has the call, the counsellor's has nothing.
      expect((await workstation(t, s.who)).contacts.map((c) => c.state)).toEqual(['active']);
      expect((await workstation(t, a.who)).contacts).toEqual([]);
      await caller.hangup();
      await s.phone.waitEvent('CALL_CLOSED', 10_000);
    } finally {
      await context.close();
    }
  }, 90_000);
});
